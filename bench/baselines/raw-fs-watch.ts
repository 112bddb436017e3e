import fs from 'node:fs';
import { TIMED_TYPE, type TimedPayload } from '../children/appender-args.js';
import { sharedClockMs } from '../timing.js';

/**
 * The least a watcher can do: fs.watch on the file, read the new bytes on each change, parse the
 * complete lines. Records, for each timed line, arrival minus send time. Stop with the returned function.
 */
export function watchRawLines(file: string, latencies: number[]): () => void {
  fs.writeFileSync(file, '');
  const fd = fs.openSync(file, 'r');
  let offset = 0;
  let partial = '';
  const watcher = fs.watch(file, () => {
    const size = fs.fstatSync(fd).size;
    if (size <= offset) return;
    const bytes = Buffer.allocUnsafe(size - offset);
    const read = fs.readSync(fd, bytes, 0, bytes.length, offset);
    offset += read;
    const lines = (partial + bytes.toString('utf8', 0, read)).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const { type, data } = JSON.parse(line) as { type: string; data: TimedPayload };
      if (type === TIMED_TYPE) latencies.push(sharedClockMs() - data.sentAt);
    }
  });
  return () => {
    watcher.close();
    fs.closeSync(fd);
  };
}
