// The entry point of a projection worker thread: one projection, its folds, and the log read directly.
import { parentPort, workerData } from 'node:worker_threads';
import { BuiltinFold } from './builtin-fold.js';
import { findBuiltin } from './builtins/index.js';
import { FoldStep, type FoldFault, type FoldMachine } from './fold-machine.js';
import { LogLines } from './log-lines.js';
import { SandboxFold } from './sandbox.js';
import type {
  FoldOutcome,
  FoldTarget,
  ProjectionShape,
  WorkerAnswer,
  WorkerRequest,
  WorkerSetup,
} from './worker-protocol.js';
import { errorText } from '../../shared/error-text.js';

const PROGRESS_EVERY_MS = 100;

class FaultRaised extends Error {
  constructor(readonly fault: FoldFault) {
    super(fault.message);
  }
}

const setup = workerData as WorkerSetup;
const port = parentPort!;
const post = (answer: WorkerAnswer): void => port.postMessage(answer);
const lines = new LogLines(setup.folder);
const positions: Record<FoldTarget, number> = { live: 0, scratch: 0 };
let machine: FoldMachine | undefined;

function timedOut(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/** One runtime operation; a handler past the time limit or an operation that threw becomes a fault. */
function call(fold: FoldMachine, ...args: unknown[]): number | string {
  let answer: number | string;
  try {
    answer = fold.call(...args);
  } catch (error) {
    if (timedOut(error)) {
      throw new FaultRaised({
        position: fold.current() || null,
        message: `a handler ran longer than the time limit (${setup.eventTimeoutMs} ms an event)`,
      });
    }
    throw error;
  }
  if (answer === FoldStep.failed) throw new FaultRaised(readFault(fold));
  return answer;
}

function readFault(fold: FoldMachine): FoldFault {
  const text = fold.call('fault');
  const fault = JSON.parse(String(text)) as FoldFault;
  // Position 0 means no event was being handled (loading, $init).
  return { ...fault, position: fault.position === 0 ? null : fault.position };
}

function load(): void {
  const { code } = setup;
  try {
    if (code.kind === 'user') {
      const sandbox = new SandboxFold(code.text, code.filename, setup.cell, setup.eventTimeoutMs * 2);
      machine = sandbox;
      const shape = call(sandbox, 'load', sandbox.main);
      post({ kind: 'ready', shape: JSON.parse(String(shape)) as ProjectionShape });
    } else {
      const builtin = findBuiltin(code.name);
      if (builtin === undefined) throw new Error(`there is no built-in projection "${code.name}"`);
      const fold = new BuiltinFold(builtin, setup.cell);
      machine = fold;
      post({ kind: 'ready', shape: JSON.parse(String(call(fold, 'load', fold.main))) as ProjectionShape });
    }
  } catch (error) {
    const fault =
      error instanceof FaultRaised
        ? { ...error.fault, position: null }
        : {
            position: null,
            message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          };
    post({ kind: 'ready', fault });
  }
}

/** Each fold's reader where it stopped, so the next fold of the same target goes on without a new search. */
const readers: Partial<Record<FoldTarget, Iterator<string>>> = {};

function foldTo(fold: FoldMachine, request: Extract<WorkerRequest, { op: 'fold' }>): FoldOutcome {
  const { target, to, watch } = request;
  call(fold, 'watch', watch === undefined ? null : JSON.stringify(watch.path), watch?.limit ?? null);
  let limited = false;
  let lastProgress = performance.now();
  /** Steps through the input the fold holds; true when it needs more. */
  const steps = (): boolean => {
    for (;;) {
      const step = call(fold, 'step', setup.eventTimeoutMs);
      if (step === FoldStep.fault) throw new FaultRaised(readFault(fold));
      if (step === FoldStep.needInput) return true;
      if (step === FoldStep.reached) return false;
      if (step === FoldStep.limit) {
        limited = true;
        return false;
      }
      const now = performance.now();
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        post({ kind: 'progress', position: Number(call(fold, 'position', target)) });
      }
    }
  };
  if (positions[target] < to) {
    let reader = readers[target];
    let fresh = reader === undefined;
    let needMore = true;
    if (reader !== undefined) {
      call(fold, 'extend', target, to);
      needMore = steps();
    }
    while (needMore) {
      reader ??= lines.chunks(positions[target] + 1);
      readers[target] = reader;
      const next = reader.next();
      if (next.done === true) {
        delete readers[target];
        reader = undefined;
        // A reader kept from an earlier fold ended where the log ended then: look again, once.
        if (fresh) break;
        fresh = true;
        positions[target] = Number(call(fold, 'position', target));
        continue;
      }
      call(fold, 'feed', target, next.value, to);
      needMore = steps();
    }
  }
  positions[target] = Number(call(fold, 'position', target));
  if (watch === undefined) return { position: positions[target] };
  const changes = JSON.parse(String(call(fold, 'changes'))) as FoldOutcome['changes'];
  return { position: positions[target], changes: changes ?? [], limited };
}

function handle(fold: FoldMachine, request: WorkerRequest): unknown {
  switch (request.op) {
    case 'reset':
      // A failed reset leaves the target unusable: its position says "nothing folded yet".
      positions[request.target] = 0;
      delete readers[request.target];
      call(fold, 'reset', request.target, request.state, request.position);
      positions[request.target] = request.position;
      return null;
    case 'fold':
      return foldTo(fold, request);
    case 'state':
      return call(fold, 'state', request.target);
    case 'skips':
      return call(fold, 'skips', JSON.stringify(request.positions));
  }
}

port.on('message', (message: { id: number; request: WorkerRequest }) => {
  const { id, request } = message;
  try {
    if (machine === undefined) throw new Error('the projection did not load');
    post({ kind: 'answer', id, value: handle(machine, request) });
  } catch (error) {
    if (error instanceof FaultRaised) post({ kind: 'answer', id, fault: error.fault });
    else post({ kind: 'answer', id, error: errorText(error) });
  }
});

load();
