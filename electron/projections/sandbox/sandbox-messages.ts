import { FrameError } from './frames.js';
import type { ProjectionSourceSpec } from '../fold-runtime.js';
import type { FoldOutcome, ProjectionShape, SandboxFault, SandboxMessage } from './sandbox-protocol.js';

/** A fault's message is for a person to read: longer than this, the rest is cut. */
const MAX_MESSAGE_CHARS = 4_000;

/**
 * Checks a frame header from a sandbox against the protocol and returns it as a message; throws FrameError
 * at the first thing out of place. The host believes nothing a sandbox says that does not pass this: an
 * escaped sandbox controls every byte it sends.
 */
export function sandboxMessage(header: Record<string, unknown>): SandboxMessage {
  switch (header.kind) {
    case 'hello': {
      const walls = record(header.walls, 'walls');
      return {
        kind: 'hello',
        walls: {
          permissionModel: flag(walls.permissionModel, 'walls.permissionModel'),
          codeGenerationOff: flag(walls.codeGenerationOff, 'walls.codeGenerationOff'),
          importRefusedInContext: flag(walls.importRefusedInContext, 'walls.importRefusedInContext'),
        },
      };
    }
    case 'ready':
      if ('fault' in header) return { kind: 'ready', fault: fault(header.fault) };
      return { kind: 'ready', shape: shapeOf(header.shape) };
    case 'progress':
      return {
        kind: 'progress',
        target: target(header.target),
        position: count(header.position, 'position'),
      };
    case 'at':
      return { kind: 'at', target: target(header.target), position: count(header.position, 'position') };
    case 'more':
      return { kind: 'more', fold: count(header.fold, 'fold'), target: target(header.target) };
    case 'answer': {
      const id = count(header.id, 'id');
      if ('fault' in header) return { kind: 'answer', id, fault: fault(header.fault) };
      if ('error' in header) return { kind: 'answer', id, error: text(header.error, 'error') };
      return { kind: 'answer', id };
    }
    default:
      throw malformed('kind');
  }
}

/** A fold's answer (its body), checked like a header: JSON of the outcome's shape, or FrameError. */
export function foldOutcome(body: Buffer): FoldOutcome {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new FrameError('an answer to a fold that is not JSON');
  }
  const outcome = record(value, 'fold outcome');
  const holes = record(outcome.holes, 'holes');
  const positions = holes.positions;
  if (!Array.isArray(positions)) throw malformed('holes.positions');
  const checked: FoldOutcome = {
    position: count(outcome.position, 'position'),
    holes: {
      count: count(holes.count, 'holes.count'),
      positions: positions.map((position) => count(position, 'holes.positions')),
    },
  };
  if (outcome.changes === undefined) return checked;
  if (!Array.isArray(outcome.changes)) throw malformed('changes');
  const changes = outcome.changes.map((change: unknown) => {
    const fields = record(change, 'changes');
    return {
      position: count(fields.position, 'changes.position'),
      ...(fields.before === undefined ? {} : { before: jsonText(fields.before, 'changes.before') }),
      ...(fields.after === undefined ? {} : { after: jsonText(fields.after, 'changes.after') }),
    };
  });
  return { ...checked, changes, limited: flag(outcome.limited, 'limited') };
}

/** A fold's outcome, with its state's JSON text when the fold was asked for it (`withState`). */
export interface FoldAnswer extends FoldOutcome {
  readonly stateText?: string;
}

/** A state as the sandbox sends it: JSON text, or an Error naming what it sent instead. */
export function stateAnswer(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  try {
    JSON.parse(text);
  } catch {
    throw new FrameError('a state that is not JSON');
  }
  return text;
}

/** A fold's answer with its state (see SandboxRequest's `withState`): the outcome, a newline, the state. */
export function foldAnswerWithState(body: Buffer): FoldAnswer {
  const newline = body.indexOf(0x0a);
  if (newline === -1) throw new FrameError('an answer to a fold without the state it was asked for');
  return { ...foldOutcome(body.subarray(0, newline)), stateText: stateAnswer(body.subarray(newline + 1)) };
}

/** JSON text inside a message (a value before or after a change): a string that parses. */
function jsonText(value: unknown, name: string): string {
  if (typeof value !== 'string') throw malformed(name);
  try {
    JSON.parse(value);
  } catch {
    throw malformed(name);
  }
  return value;
}

function fault(value: unknown): SandboxFault {
  const fields = record(value, 'fault');
  const position = fields.position === null ? null : count(fields.position, 'fault.position');
  const message = text(fields.message, 'fault.message');
  if (fields.fatal !== undefined && typeof fields.fatal !== 'boolean') throw malformed('fault.fatal');
  if (fields.uncertain !== undefined && typeof fields.uncertain !== 'boolean')
    throw malformed('fault.uncertain');
  return {
    position,
    message,
    ...(fields.fatal === true ? { fatal: true } : {}),
    ...(fields.uncertain === true ? { uncertain: true } : {}),
  };
}

function shapeOf(value: unknown): ProjectionShape {
  const shape = record(value, 'shape');
  const source = record(shape.source, 'shape.source');
  let spec: ProjectionSourceSpec;
  if (source.kind === 'streams') {
    spec = { kind: 'streams', streams: strings(source.streams, 'shape.source.streams') };
  } else if (source.kind === 'category') {
    spec = { kind: 'category', category: text(source.category, 'shape.source.category') };
  } else if (source.kind === 'all') spec = { kind: 'all' };
  else throw malformed('shape.source.kind');
  return {
    source: spec,
    partitioned: flag(shape.partitioned, 'shape.partitioned'),
    types: strings(shape.types, 'shape.types'),
    any: flag(shape.any, 'shape.any'),
  };
}

function strings(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw malformed(name);
  return value;
}

function flag(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw malformed(name);
  return value;
}

function record(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(name);
  return value as Record<string, unknown>;
}

function count(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw malformed(name);
  return value;
}

function target(value: unknown): 'live' | 'scratch' {
  if (value !== 'live' && value !== 'scratch') throw malformed('target');
  return value;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string') throw malformed(name);
  return value.length > MAX_MESSAGE_CHARS ? `${value.slice(0, MAX_MESSAGE_CHARS)}…` : value;
}

function malformed(field: string): FrameError {
  return new FrameError(`a malformed message (its ${field} is not as the protocol says)`);
}
