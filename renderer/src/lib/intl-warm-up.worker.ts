// Makes and uses the formats the journal's first screen makes (local-days.ts, number-format.ts), in the
// browser's own language and time zone, then says so. See intl-warm-up.ts.
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
new Intl.DateTimeFormat('en-US', {
  timeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
}).formatToParts(now);
new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 }).format(0.5);
(globalThis as unknown as { postMessage(message: null): void }).postMessage(null);
