import fs from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes one JSON line to stdout before returning. process.stdout is asynchronous on a pipe, so a line
 * written just before a SIGKILL could still sit in Node's buffer; the parent must see every
 * acknowledgement the child had when it died. A full pipe (EAGAIN, if fd 1 is non-blocking) is waited out.
 */
export function writeLine(value: unknown): void {
  const bytes = Buffer.from(JSON.stringify(value) + '\n');
  let done = 0;
  while (done < bytes.length) {
    try {
      done += fs.writeSync(1, bytes, done, bytes.length - done);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

/** Reports a failure the parent can assert on (`{"error": {code, message}}`) and exits non-zero. */
export function exitWithError(error: unknown): never {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  try {
    writeLine({ error: { code: typeof code === 'string' ? code : 'Unexpected', message } });
  } catch {
    // The parent is gone (EPIPE): nobody is left to tell.
  }
  process.exit(2);
}
