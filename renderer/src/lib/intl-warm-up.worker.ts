// Makes and uses the formats the journal's first screen makes (local-days.ts, number-format.ts), in the
// browser's own language and time zone, then says so. See intl-warm-up.ts.
import { WALL_CLOCK_PARTS } from './journal/local-days.js';

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const now = Date.now();
new Intl.DateTimeFormat(undefined, { timeZone, hour: '2-digit', minute: '2-digit' }).format(now);
new Intl.DateTimeFormat(undefined, { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(now);
new Intl.DateTimeFormat(undefined, {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
}).format(now);
new Intl.DateTimeFormat('en-US', { timeZone, ...WALL_CLOCK_PARTS }).formatToParts(now);
new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 }).format(0.5);
(globalThis as unknown as { postMessage(message: null): void }).postMessage(null);
