// The entry point of a projection's sandbox process: one projection and its two folds, fed log lines by
// its host over the channel (it never opens the event folder). Started by a spawner (node-spawner.ts, or
// Electron's utility process) with the limits as its one argument.
import { types } from 'node:util';
import { BuiltinFold } from '../builtin-fold.js';
import { findBuiltin } from '../builtins/index.js';
import { FoldStep, type FoldMachine } from '../fold-machine.js';
import { importRefusedInContext, SandboxFold } from '../sandbox.js';
import { ChildChannel } from './child-channel.js';
import { ChildInput } from './child-input.js';
import { megabytes, type Frame } from './frames.js';
import { linesText } from './line-text.js';
import {
  MAX_HEADER_BYTES,
  maxBodyBytes,
  STATE_SERIALISATION_MS,
  type FoldOutcome,
  type FoldTarget,
  type HostMessage,
  type SandboxArguments,
  type SandboxFault,
  type SandboxRequest,
} from './sandbox-protocol.js';

/**
 * A step of the fold returns after this much work: the memory check and the host's messages get a turn.
 * Each step is a vm call, and each vm call with a time limit starts and joins a watchdog thread (about
 * 0.3 ms): 5 ms steps spent some 6% of a rebuild on that. Never more than a handler's own time limit, so
 * that a handler started at the end of a step still gets its whole limit within the call's (twice it).
 */
const STEP_MS = 20;
/**
 * A step's budget while lines are on their way (the chunk asked for ahead): the pipe carries only what its
 * buffer holds (some 200-500 KB) each time this process reads it, which is once a step. At 20 ms a step
 * a 2 MiB chunk arrived mostly after the fold had used up the one before, and the sandbox waited for it
 * (and for the host's next request, queued behind it in the pipe).
 */
const FEED_STEP_MS = 5;
const PROGRESS_EVERY_MS = 100;

// The last argument: a Node child's process.argv is [node, entry, it]; a utility process's ends with it too.
const args = JSON.parse(process.argv.at(-1) ?? '{}') as SandboxArguments;
const memoryLimit = args.memoryMb * 1024 * 1024;
const stepBudgetMs = Math.min(STEP_MS, args.eventTimeoutMs);
const feedStepBudgetMs = Math.min(FEED_STEP_MS, stepBudgetMs);

class FaultRaised extends Error {
  constructor(
    readonly fault: SandboxFault,
    /** The vm's time limit ended it. */
    readonly timedOut = false,
  ) {
    super(fault.message);
  }
}

let machine: FoldMachine | undefined;
const requests: Frame[] = [];
let busy = false;
const input = new ChildInput((fold, target) => channel.send({ kind: 'more', fold, target }));

const channel = new ChildChannel(
  { headerBytes: MAX_HEADER_BYTES, bodyBytes: maxBodyBytes(args) },
  received,
  () => process.exit(0),
);

function received(frame: Frame): void {
  const message = frame.header as unknown as HostMessage;
  if (message.op === 'input') {
    // Input is not queued behind requests: a fold waits for it.
    input.received(frame, message.fold, message.target, message.end === true);
    return;
  }
  requests.push(frame);
  void pump();
}

async function pump(): Promise<void> {
  if (busy) return;
  busy = true;
  while (requests.length > 0) {
    const frame = requests.shift()!;
    const message = frame.header as unknown as HostMessage;
    if (message.op === 'load') load(message, frame.body);
    else if (message.op === 'request') await answer(message.id, message.request, frame.body);
  }
  busy = false;
}

/**
 * The `code` of an error the vm raised (a timeout, an interruption; Node makes it in the context's realm),
 * read as an own data property: no getter or proxy trap of a context value runs outside the time limit.
 */
function vmErrorCode(error: unknown): string | undefined {
  if (!types.isNativeError(error)) return undefined;
  const code = Object.getOwnPropertyDescriptor(error, 'code');
  return typeof code?.value === 'string' ? code.value : undefined;
}

/** One runtime operation; the time limit, an interruption (memory) or a failed operation is a fault. */
function call(fold: FoldMachine, ...operation: unknown[]): number | string {
  let answer: number | string;
  const serialising = operation[0] === 'state';
  const limit = args.eventTimeoutMs * 2 + (serialising ? STATE_SERIALISATION_MS : 0);
  try {
    answer = fold.callWithin(limit, ...operation);
  } catch (error) {
    const code = vmErrorCode(error);
    const position = fold.current() || null;
    if (code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new FaultRaised(
        {
          position,
          message: serialising
            ? `its state took longer than ${Math.round(limit / 1000)} s to serialise (a toJSON or a getter that never ends, or a state far too large)`
            : `a handler ran longer than the time limit (${args.eventTimeoutMs} ms an event)`,
        },
        true,
      );
    }
    if (code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED') throw new FaultRaised(tooMuchMemory(position));
    throw new FaultRaised({ position, message: 'the projection runtime failed', fatal: true });
  }
  if (answer === FoldStep.failed) throw new FaultRaised(readFault(fold));
  return answer;
}

function tooMuchMemory(position: number | null): SandboxFault {
  return {
    position,
    message: `the projection ran out of memory: it used more than ${args.memoryMb} MB`,
    fatal: true,
  };
}

function checkMemory(fold: FoldMachine): void {
  if (process.memoryUsage.rss() > memoryLimit) throw new FaultRaised(tooMuchMemory(fold.current() || null));
}

function readFault(fold: FoldMachine): SandboxFault {
  const fault = JSON.parse(String(fold.call('fault'))) as { position: number; message: string };
  // Position 0 means no event was being handled (loading, $init).
  const position = fault.position === 0 ? null : fault.position;
  // The kernel's limit on its data refused an ArrayBuffer: that is running out of memory, said plainly.
  if (fault.message.includes('Array buffer allocation failed')) {
    return { position, message: `the projection ran out of memory (${fault.message})`, fatal: true };
  }
  return { position, message: fault.message };
}

function load(message: Extract<HostMessage, { op: 'load' }>, body: Buffer): void {
  try {
    if (machine !== undefined) throw new Error('the sandbox already runs a projection');
    const { code } = message;
    let fold: FoldMachine & { readonly main: () => void };
    if (code.kind === 'user') {
      const sandbox = new SandboxFold(body.toString('utf8'), code.filename, args.eventTimeoutMs * 2);
      if (args.plantHostRealm === true) sandbox.plantForTest({ error: new Error('planted'), process });
      fold = sandbox;
    } else {
      const builtin = findBuiltin(code.name);
      if (builtin === undefined) throw new Error(`there is no built-in projection "${code.name}"`);
      fold = new BuiltinFold(builtin);
    }
    machine = fold;
    const shape = JSON.parse(String(call(fold, 'load', fold.main))) as unknown;
    checkMemory(fold);
    channel.send({ kind: 'ready', shape });
  } catch (error) {
    const fault: SandboxFault =
      error instanceof FaultRaised
        ? { ...error.fault, position: null }
        : {
            position: null,
            message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          };
    channel.send({ kind: 'ready', fault });
  }
}

async function answer(id: number, request: SandboxRequest, body: Buffer): Promise<void> {
  try {
    if (machine === undefined) throw new Error('the projection did not load');
    const text = await perform(machine, id, request, body);
    // A state was checked on its own (stateText); a fold's outcome (a history's changes) is checked here.
    const checked = request.op === 'state' || (request.op === 'fold' && request.withState === true);
    if (!checked) checkSize(machine, 'the answer', Buffer.byteLength(text));
    channel.send({ kind: 'answer', id }, text);
  } catch (error) {
    if (error instanceof FaultRaised) {
      channel.send({ kind: 'answer', id, fault: error.fault });
      if (error.fault.fatal === true) setImmediate(() => process.exit(1));
    } else
      channel.send({ kind: 'answer', id, error: error instanceof Error ? error.message : String(error) });
  }
}

async function perform(
  fold: FoldMachine,
  id: number,
  request: SandboxRequest,
  body: Buffer,
): Promise<string> {
  switch (request.op) {
    case 'reset':
      input.reset(request.target);
      call(fold, 'reset', request.target, request.hasState ? body.toString('utf8') : null, request.position);
      checkMemory(fold);
      return 'null';
    case 'fold': {
      const outcome = JSON.stringify(await foldTo(fold, id, request));
      // JSON.stringify writes no newline: the first one ends the outcome.
      return request.withState === true ? `${outcome}\n${stateText(fold, request.target)}` : outcome;
    }
    case 'state':
      return stateText(fold, request.target);
    case 'skips':
      call(fold, 'skips', JSON.stringify(request.positions));
      return 'null';
  }
}

/** A fold's state as JSON text, no larger than a state may be. */
function stateText(fold: FoldMachine, target: FoldTarget): string {
  const text = String(call(fold, 'state', target));
  checkMemory(fold);
  checkSize(fold, 'the state', Buffer.byteLength(text));
  return text;
}

function checkSize(fold: FoldMachine, what: string, bytes: number): void {
  if (bytes <= args.maxStateBytes) return;
  throw new FaultRaised({
    position: fold.current() || null,
    message: `${what} is ${megabytes(bytes)}; a state may be at most ${megabytes(args.maxStateBytes)}`,
  });
}

/**
 * A step that ran out of time after its handlers had returned was running the promises they queued (the
 * context runs them at the end of each step): one of the step's events started the chain, and only
 * folding them again one at a time (announcing) says which.
 */
function promiseChainsNamed(
  fold: FoldMachine,
  target: FoldTarget,
  announcing: boolean,
  step: () => number | string,
): number | string {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof FaultRaised) || !error.timedOut) throw error;
    const handled = fold.current() <= Number(call(fold, 'position', target));
    if (!handled) throw error;
    const message = `a promise chain a handler started ran longer than the time limit (${args.eventTimeoutMs} ms an event)`;
    throw new FaultRaised({ ...error.fault, message, ...(announcing ? {} : { uncertain: true }) });
  }
}

async function foldTo(
  fold: FoldMachine,
  id: number,
  request: Extract<SandboxRequest, { op: 'fold' }>,
): Promise<FoldOutcome> {
  const { target, to, watch } = request;
  const announcing = request.announce === true;
  const path = watch === undefined ? null : JSON.stringify(watch.path);
  input.begin(id, target);
  let limited = false;
  let lastProgress = performance.now();
  // Announcing, each step folds one event: what its handler left queued (promises) runs before the next.
  const budget = (): number => (announcing ? 0 : input.onItsWay(target) ? feedStepBudgetMs : stepBudgetMs);
  const named = (operation: () => number | string): number | string =>
    promiseChainsNamed(fold, target, announcing, operation);
  let step = named(() =>
    call(
      fold,
      'begin',
      target,
      to,
      path,
      watch?.limit ?? null,
      request.holesAfter ?? 0,
      announcing,
      budget(),
    ),
  );
  for (;;) {
    checkMemory(fold);
    if (step === FoldStep.fault) throw new FaultRaised(readFault(fold));
    if (step === FoldStep.announce) {
      channel.send({ kind: 'at', target, position: fold.current() });
      step = named(() => call(fold, 'step', budget()));
      continue;
    }
    if (step === FoldStep.reached) break;
    if (step === FoldStep.limit) {
      limited = true;
      break;
    }
    if (step === FoldStep.needInput) {
      const next = await input.next(target);
      if ('end' in next) break;
      const { last } = next.lines.header as { last: number };
      const text = linesText(next.lines.body);
      step = named(() => call(fold, 'feed', target, text, to, last, budget()));
      continue;
    }
    const now = performance.now();
    if (now - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = now;
      channel.send({ kind: 'progress', target, position: Number(call(fold, 'position', target)) });
    }
    // A turn of the event loop between steps: the next chunk of lines, asked for ahead, comes in through
    // the pipe while this one is folded, instead of after it.
    await new Promise((resolve) => setImmediate(resolve));
    step = named(() => call(fold, 'step', budget()));
  }
  const outcome = JSON.parse(String(call(fold, 'outcome', target, watch !== undefined))) as FoldOutcome;
  // The text comes out of the context the handlers run in: a number is made a number here, as before.
  const position = Number(outcome.position);
  if (watch === undefined) return { position, holes: outcome.holes };
  return { position, holes: outcome.holes, changes: outcome.changes ?? [], limited };
}

/** What this process sees of its own walls, for the host to record and tests to check. */
async function hello(): Promise<void> {
  let codeGenerationOff = false;
  try {
    // The probe is the point: code generation from strings must be refused in this realm too.
    Reflect.construct(Function, ['return 1']);
  } catch {
    codeGenerationOff = true;
  }
  const permission = (process as { permission?: { has(scope: string): boolean } }).permission;
  channel.send({
    kind: 'hello',
    walls: {
      permissionModel: permission !== undefined && !permission.has('fs.write'),
      codeGenerationOff,
      importRefusedInContext: await importRefusedInContext().catch(() => false),
    },
  });
}

void hello();
