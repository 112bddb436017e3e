// The raw baseline of the watch-latency case: another process appending plain lines with appendFileSync.
// Usage: node raw-line-appender.js FILE COUNT INTERVAL_MS WARMUP
import fs from 'node:fs';
import { sharedClockMs, sleep } from '../timing.js';
import { parseAppenderArgs, TIMED_TYPE, WARMUP_TYPE } from './appender-args.js';

const { target, count, intervalMs, warmup } = parseAppenderArgs(process.argv.slice(2));
for (let n = 0; n < warmup + count; n++) {
  const line = { type: n < warmup ? WARMUP_TYPE : TIMED_TYPE, data: { n, sentAt: sharedClockMs() } };
  fs.appendFileSync(target, JSON.stringify(line) + '\n');
  await sleep(intervalMs);
}
