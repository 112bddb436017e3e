/**
 * A child process that appends `--events` events to a folder, some streams shared with other appender
 * processes and some its own, with `--concurrency` appends in flight. Every `--expect-every`th append
 * states the revision it believes its stream is at (learnt from its own results), so that racing
 * processes conflict. One JSON line per outcome on stdout:
 *   {"ready": {pid}}                                      once the folder is open
 *   {"ack": {stream, position, revision, id, expected?}}  per event, once its append resolved;
 *                                                         `expected` on an append's first event when it had one
 *   {"conflict": {stream, expected, actual, ids}}         per append refused with WrongExpectedRevision
 *   {"done": {appends, events}}                           after the store closed
 *   {"error": {code, message}}                            anything else; the exit code is then 2
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { ExpectedRevision } from '../../shared/event.js';
import { WrongExpectedRevisionError } from '../../shared/store-error.js';
import { openEventStore, type Durability } from '../../electron/store/index.js';
import { seededRandom } from './seeded-random.js';
import { exitWithError, writeLine } from './stdout-line.js';

interface PlannedAppend {
  readonly number: number;
  readonly stream: string;
  readonly shared: boolean;
  readonly ids: string[];
  readonly expected: ExpectedRevision;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    child: { type: 'string', default: '1' },
    events: { type: 'string', default: '10000' },
    shared: { type: 'string', default: '4' },
    private: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '8' },
    'expect-every': { type: 'string', default: '10' },
    durability: { type: 'string', default: process.env.EVENTFOLD_DURABILITY ?? 'always' },
    'lock-timeout-ms': { type: 'string' },
    seed: { type: 'string', default: String(process.pid) },
  },
});

const folder = positionals[0];
const child = values.child;
const totalEvents = Number(values.events);
const sharedStreams = Number(values.shared);
const privateStreams = Number(values.private);
const concurrency = Number(values.concurrency);
const expectEvery = Number(values['expect-every']);
const random = seededRandom(Number(values.seed));

/** The last revision of each stream as this process learnt it from its own results. */
const known = new Map<string, number>();
const inFlight = new Map<string, number>();
let appendsPlanned = 0;
let eventsPlanned = 0;

function learn(stream: string, revision: number): void {
  known.set(stream, Math.max(known.get(stream) ?? -1, revision));
}

function planNext(): PlannedAppend | undefined {
  if (eventsPlanned >= totalEvents) return undefined;
  const number = appendsPlanned++;
  const shared = privateStreams === 0 || (sharedStreams > 0 && random() < 0.5);
  const stream = shared
    ? `shared-${Math.floor(random() * sharedStreams)}`
    : `own${child}-${Math.floor(random() * privateStreams)}`;
  const count = Math.min(totalEvents - eventsPlanned, random() < 0.2 ? 2 + Math.floor(random() * 4) : 1);
  eventsPlanned += count;
  let expected: ExpectedRevision = 'any';
  // A private stream's revision is only certain when none of this process's own appends to it is pending;
  // then its expectation must hold, and a conflict there would be a bug, not a race.
  const certain = shared || (inFlight.get(stream) ?? 0) === 0;
  if (number % expectEvery === expectEvery - 1 && certain) expected = known.get(stream) ?? 'no-stream';
  else if (number % 25 === 24 && known.has(stream)) expected = 'exists';
  const ids = Array.from({ length: count }, () => randomUUID());
  return { number, stream, shared, ids, expected };
}

async function main(): Promise<void> {
  if (folder === undefined) throw new Error('usage: appender.js FOLDER [--child ID] [--events N] ...');
  const store = await openEventStore(folder, {
    durability: values.durability as Durability,
    ...(values['lock-timeout-ms'] === undefined ? {} : { lockTimeoutMs: Number(values['lock-timeout-ms']) }),
  });
  writeLine({ ready: { pid: process.pid } });

  const appendOne = async (planned: PlannedAppend): Promise<void> => {
    const { stream, ids, expected } = planned;
    inFlight.set(stream, (inFlight.get(stream) ?? 0) + 1);
    try {
      const events = ids.map((id, i) => ({
        id,
        type: planned.shared ? 'SharedTick' : 'OwnTick',
        data: { child, append: planned.number, i },
      }));
      const result = await store.appendToStream(stream, events, { expectedRevision: expected });
      if (result.duplicate) throw new Error(`fresh ids were taken for a retry: ${JSON.stringify(result)}`);
      learn(stream, result.nextExpectedRevision);
      ids.forEach((id, i) => {
        const position = result.firstPosition + i;
        const revision = result.nextExpectedRevision - (ids.length - 1 - i);
        writeLine({
          ack: { stream, position, revision, id, ...(i === 0 && expected !== 'any' ? { expected } : {}) },
        });
      });
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (typeof error.actual === 'number') learn(stream, error.actual);
      writeLine({ conflict: { stream, expected: error.expected, actual: error.actual, ids } });
    } finally {
      inFlight.set(stream, (inFlight.get(stream) ?? 1) - 1);
    }
  };

  const worker = async (): Promise<void> => {
    for (let planned = planNext(); planned !== undefined; planned = planNext()) await appendOne(planned);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await store.close();
  writeLine({ done: { appends: appendsPlanned, events: eventsPlanned } });
}

main().catch(exitWithError);
