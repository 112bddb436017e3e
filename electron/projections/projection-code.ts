import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { findBuiltin, type BuiltinProjection } from './builtins/index.js';
import { SANDBOX_SOURCES } from './sandbox.js';
import type { SandboxCode } from './sandbox/sandbox-protocol.js';

/** The runtime is part of every projection's meaning: a change to it makes every checkpoint stale. */
const RUNTIME_HASH = createHash('sha256').update(SANDBOX_SOURCES.join('\n')).digest('hex');

/** A projection's code: what runs, what it is called, and the hash that stamps its cache files. */
export interface ProjectionCode {
  readonly name: string;
  readonly kind: 'user' | 'builtin';
  /** The .js file of a user projection. */
  readonly file: string | null;
  readonly setup: SandboxCode;
  readonly hash: string;
  /** Name of its files in cache/projections/. */
  readonly cacheName: string;
}

function hashOf(text: string): string {
  return createHash('sha256').update(RUNTIME_HASH).update('\n').update(text).digest('hex');
}

export function builtinCode(builtin: BuiltinProjection): ProjectionCode {
  return {
    name: builtin.name,
    kind: 'builtin',
    file: null,
    setup: { kind: 'builtin', name: builtin.name },
    hash: hashOf(`builtin:${builtin.name}:${builtin.version}`),
    cacheName: builtin.name,
  };
}

/**
 * A user projection from a file (or its text, already read). One in the folder's projections/ keeps its
 * cache under its name; any other file (named on the command line) under its name and a piece of its hash,
 * so the two never collide.
 */
export async function userCode(file: string, folder: string, text?: string): Promise<ProjectionCode> {
  text ??= await fs.readFile(file, 'utf8');
  const name = path.basename(file).replace(/\.js$/, '');
  const hash = hashOf(`user:${text}`);
  const inFolder = path.resolve(path.dirname(file)) === path.resolve(folder, 'projections');
  return {
    name,
    kind: 'user',
    file: path.resolve(file),
    setup: { kind: 'user', text, filename: `projections/${path.basename(file)}` },
    hash,
    cacheName: inFolder ? name : `${name}.${hash.slice(0, 12)}`,
  };
}

export function builtinCodeNamed(name: string): ProjectionCode | undefined {
  const builtin = findBuiltin(name);
  return builtin === undefined ? undefined : builtinCode(builtin);
}
