// Another process appending to an event folder one event at a time, each stamped with its send time,
// for the watch-latency case. Usage: node timed-appender.js FOLDER COUNT INTERVAL_MS WARMUP
import { openEventStore } from '../../electron/store/index.js';
import { percentile, sharedClockMs, sleep } from '../timing.js';
import { parseAppenderArgs, TIMED_TYPE, WARMUP_TYPE, type AppenderReport } from './appender-args.js';

const { target, count, intervalMs, warmup } = parseAppenderArgs(process.argv.slice(2));
// Durability 'always', like any real writer: the time until the event is durable is part of the latency.
const store = await openEventStore(target, { watch: false });
const appendMs: number[] = [];
try {
  for (let n = 0; n < warmup + count; n++) {
    const type = n < warmup ? WARMUP_TYPE : TIMED_TYPE;
    const sentAt = sharedClockMs();
    await store.appendToStream('latency-1', [{ type, data: { n, sentAt } }]);
    if (n >= warmup) appendMs.push(sharedClockMs() - sentAt);
    await sleep(intervalMs);
  }
} finally {
  await store.close();
}
// How much of the latency is the writer's own durable append, for the notes.
const report: AppenderReport = {
  appendP50Ms: percentile(appendMs, 50),
  appendP99Ms: percentile(appendMs, 99),
};
process.stdout.write(JSON.stringify(report) + '\n');
