import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Projections from '../../electron/projections/index.js';
import { folderWith, later, projections } from './projection-fixture.js';

const ROGUE = path.resolve(import.meta.dirname, '../../dist/tests/children/rogue-sandbox.js');

/** A spawner whose processes break the channel's rules in the given way (tests/children/rogue-sandbox.ts). */
function rogue(mode: string, exits: (NodeJS.Signals | number | null)[]): Projections.SandboxPool {
  const spawner: Projections.SandboxSpawner = () => {
    const child = spawn(process.execPath, [ROGUE, mode], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.on('error', () => undefined);
    child.once('exit', (code, signal) => exits.push(signal ?? code));
    later(() => void child.kill('SIGKILL'));
    return {
      output: child.stdout,
      errors: child.stderr,
      walls: { network: 'open', processes: 'open', memory: 'watched' },
      send: (frame) => frame.forEach((bytes) => child.stdin.write(bytes)),
      kill: (signal) => void child.kill(signal),
      processId: () => Promise.resolve(child.pid),
      onExit: (listener) => void child.once('exit', listener),
      unref: () => undefined,
      ref: () => undefined,
    };
  };
  return new projections.SandboxPool(spawner);
}

/** A log with no lines (a rogue never asks for any). */
const noLines: Projections.LineSource = {
  readCheckedLines: async function* () {
    await Promise.resolve();
    yield* [];
  },
};

async function startRogue(mode: string, exits: (NodeJS.Signals | number | null)[]) {
  return projections.ProjectionProcess.start(
    'rogue',
    noLines,
    { kind: 'builtin', name: 'stream-statistics' },
    { sandbox: rogue(mode, exits), maxStateMb: 8 },
  );
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
}

describe('the host end of a sandbox channel', () => {
  it.each([
    [
      'huge-prefix',
      /^the projection's sandbox sent a message of 3072 MB \(at most 16 MB are allowed\); it was stopped$/,
    ],
    ['not-json', /^the projection's sandbox sent a message header that is not JSON; it was stopped$/],
    ['unknown-kind', /sent a malformed message \(its kind is not as the protocol says\); it was stopped$/],
    ['answer-before-hello', /sent a answer message before it said hello; it was stopped$/],
  ])('refuses a sandbox that sends %s, kills it and faults only its projection', async (mode, reason) => {
    const exits: (NodeJS.Signals | number | null)[] = [];
    const error = await startRogue(mode, exits).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(projections.ProjectionFault);
    expect((error as Projections.ProjectionFault).reason).toMatch(reason);
    await until(() => exits.length > 0);
    expect(exits).toEqual(['SIGKILL']);
  });

  it('refuses an answer larger than the limit from its prefix, and a fold answer that is not an outcome', async () => {
    const exits: (NodeJS.Signals | number | null)[] = [];
    const oversized = await startRogue('oversized-state', exits);
    const error = await oversized.state('live').catch((failure: unknown) => failure);
    expect(error).toMatchObject({
      reason: expect.stringMatching(/sent a message of 80 MB \(at most 16 MB/) as unknown,
    });
    expect(oversized.alive).toBe(false);

    const garbage = await startRogue('garbage-fold-answer', exits);
    const refused = await garbage.fold('live', 1).catch((failure: unknown) => failure);
    expect(refused).toMatchObject({
      reason: expect.stringMatching(
        /sent a malformed message \(its holes is not as the protocol says\); it was stopped/,
      ) as unknown,
    });
    await until(() => exits.length === 2);
    expect(exits).toEqual(['SIGKILL', 'SIGKILL']);
  });

  it.each([
    ['fold-state-not-json', /sent a state that is not JSON; it was stopped$/],
    ['fold-without-state', /sent an answer to a fold without the state it was asked for; it was stopped$/],
  ])(
    'refuses a fold answer asked for with its state that carries a bad one (%s), and kills it',
    async (mode, reason) => {
      const exits: (NodeJS.Signals | number | null)[] = [];
      const sandbox = await startRogue(mode, exits);
      const refused = await sandbox.fold('live', 1, { withState: true }).catch((failure: unknown) => failure);
      expect(refused).toBeInstanceOf(projections.ProjectionFault);
      expect((refused as Projections.ProjectionFault).reason).toMatch(reason);
      expect(sandbox.alive).toBe(false);
      await until(() => exits.length > 0);
      expect(exits).toEqual(['SIGKILL']);
    },
  );

  it('goes on serving sound sandboxes beside them', async () => {
    const store = await folderWith([{ stream: 'a-1', type: 'T', data: {} }]);
    const sound = await projections.ProjectionProcess.start('sound', store, {
      kind: 'builtin',
      name: 'stream-statistics',
    });
    later(() => sound.terminate());
    await sound.reset('live', null, 0);
    expect(await sound.fold('live', 1)).toMatchObject({ position: 1 });
    expect(JSON.parse(await sound.state('live'))).toMatchObject({ events: 1 });
    // A fold asked for its state answers with it: the same text a 'state' request gets.
    await sound.reset('live', null, 0);
    const answer = await sound.fold('live', 1, { withState: true });
    expect(answer).toMatchObject({ position: 1, holes: { count: 0, positions: [] } });
    expect(answer.stateText).toBe(await sound.state('live'));
  });
});
