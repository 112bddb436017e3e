/**
 * A child process that appends to a folder with durability `always` until it is killed: appends of the
 * given `--mode` to a few streams, `--concurrency` in flight so that group commits join them, each with
 * ids it chose. Each append is announced before it starts, and acknowledged as soon as it resolved, one
 * JSON line each on stdout, written before the child goes on:
 *   {"ready": {pid}}                                   once the folder is open
 *   {"appending": {seq, stream, ids}}                  an append about to start
 *   {"ack": {seq, stream, firstPosition, lastPosition, ids}}  that append resolved
 *   {"error": {code, message}}                          anything that went wrong; the exit code is then 2
 * Event content is `crashEvent(round, seq, i, mode)`, so the parent can check it.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openEventStore } from '../../electron/store/index.js';
import { CRASH_STREAMS, crashAppendLength, crashEvent, type CrashMode } from './crash-events.js';
import { seededRandom } from './seeded-random.js';
import { exitWithError, writeLine } from './stdout-line.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    round: { type: 'string', default: '0' },
    mode: { type: 'string', default: 'small' },
    concurrency: { type: 'string', default: '3' },
    'lock-timeout-ms': { type: 'string', default: '20000' },
    // A child whose parent vanished without killing it stops by itself.
    'max-ms': { type: 'string', default: '60000' },
    seed: { type: 'string', default: String(process.pid) },
  },
});

const folder = positionals[0];
const round = Number(values.round);
const mode: CrashMode = values.mode === 'big' ? 'big' : 'small';
const random = seededRandom(Number(values.seed));
const stopAt = Date.now() + Number(values['max-ms']);
let seq = 0;

async function main(): Promise<void> {
  if (folder === undefined) throw new Error('usage: crash-appender.js FOLDER [--round N] [--mode small|big]');
  if (values.mode !== 'small' && values.mode !== 'big') throw new Error(`unknown mode ${values.mode}`);
  const store = await openEventStore(folder, {
    durability: 'always',
    watch: false,
    lockTimeoutMs: Number(values['lock-timeout-ms']),
  });
  writeLine({ ready: { pid: process.pid } });

  const worker = async (): Promise<void> => {
    while (Date.now() < stopAt) {
      const mySeq = seq++;
      const stream = CRASH_STREAMS[Math.floor(random() * CRASH_STREAMS.length)] as string;
      const ids = Array.from({ length: crashAppendLength(mode, mySeq) }, () => randomUUID());
      const events = ids.map((id, i) => ({ id, ...crashEvent(round, mySeq, i, mode) }));
      writeLine({ appending: { seq: mySeq, stream, ids } });
      const result = await store.appendToStream(stream, events);
      writeLine({
        ack: {
          seq: mySeq,
          stream,
          firstPosition: result.firstPosition,
          lastPosition: result.lastPosition,
          ids,
        },
      });
    }
  };
  await Promise.all(Array.from({ length: Number(values.concurrency) }, worker));
  await store.close();
}

main().catch(exitWithError);
