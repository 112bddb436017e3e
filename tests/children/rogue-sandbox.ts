// A sandbox process that breaks the channel's rules, as one whose context was escaped might: the host must
// refuse what it sends, kill it, and fault only its projection. argv[2] says how it misbehaves.
import { encodeFrame } from '../../electron/projections/sandbox/frames.js';

const mode = process.argv[2];
const write = (header: Record<string, unknown>, body?: Buffer | string): void => {
  for (const bytes of encodeFrame(header, body)) process.stdout.write(bytes);
};
const hello = (): void =>
  write({
    kind: 'hello',
    walls: { permissionModel: true, codeGenerationOff: true, importRefusedInContext: true },
  });
const ready = (): void =>
  write({ kind: 'ready', shape: { source: { kind: 'all' }, partitioned: false, types: [], any: true } });

switch (mode) {
  case 'huge-prefix': {
    // Claims a 3 GB message, then trickles bytes: the host must not wait to buffer it.
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32BE(16, 0);
    prefix.writeUInt32BE(3 * 1024 ** 3, 4);
    process.stdout.write(prefix);
    setInterval(() => process.stdout.write(Buffer.alloc(64 * 1024, 0x61)), 5);
    break;
  }
  case 'not-json':
    process.stdout.write(Buffer.from([0, 0, 0, 5, 0, 0, 0, 0]));
    process.stdout.write('{oops');
    break;
  case 'unknown-kind':
    write({ kind: 'run-this', code: 'process.exit()' });
    break;
  case 'answer-before-hello':
    write({ kind: 'answer', id: 1 }, 'null');
    break;
  case 'oversized-state':
  case 'garbage-fold-answer':
  case 'fold-state-not-json':
  case 'fold-without-state': {
    // Loads, then answers its first request with a body past the limit the host set, with no outcome, or
    // (asked for a fold with its state) with a state that is not JSON, or with the outcome alone.
    hello();
    let frames = 0;
    process.stdin.on('data', () => {
      frames++;
      if (frames === 1) ready();
      else if (frames === 2 && mode === 'oversized-state') {
        write({ kind: 'answer', id: 1 }, Buffer.alloc(80 * 1024 * 1024, 0x20));
      } else if (frames === 2 && mode === 'garbage-fold-answer') {
        write({ kind: 'answer', id: 1 }, '{"position":"everything"}');
      } else if (frames === 2) {
        const outcome = '{"position":1,"holes":{"count":0,"positions":[]}}';
        write({ kind: 'answer', id: 1 }, mode === 'fold-without-state' ? outcome : `${outcome}\n{"n":`);
      }
    });
    break;
  }
  default:
    process.exit(2);
}
// Kept alive until the host kills it.
setInterval(() => undefined, 1_000);
