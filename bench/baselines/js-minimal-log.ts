import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { crc32c } from '../../electron/store/crc32c.js';
import type { SampleEvent } from '../dataset.js';
import type { RoundSession } from '../interleaved-rounds.js';

/**
 * A yardstick, not a competitor: the least any event log written in JavaScript must do to append in this
 * folder format. Each event's data goes through JSON.stringify, gets an id from randomUUID, and becomes a
 * line with its CRC-32C; then the bytes are made durable. It validates nothing, keeps no index, takes no
 * lock and awaits nothing. Where this yardstick itself falls short of a target set against the raw disk or
 * SQLite, no store in JavaScript meets that target on that machine; the gap between it and the store is
 * what the store's own work costs.
 */
const PLACEHOLDER = ',"crc32c":"00000000"}\n';
const HEX = Buffer.from('0123456789abcdef');

/** Lines as the format writes them, their checksums filled in after one encoding of all of them. */
function encodeMinimal(events: readonly SampleEvent[], firstPosition: number, time: string): Buffer {
  const lines = new Array<string>(events.length);
  for (let i = 0; i < events.length; i++) {
    const { stream, event } = events[i]!;
    lines[i] =
      `{"position":${firstPosition + i},"stream":${JSON.stringify(stream)},"revision":${i},` +
      `"id":"${randomUUID()}","type":${JSON.stringify(event.type)},"time":"${time}",` +
      `"data":${JSON.stringify(event.data ?? {})},"meta":{}` +
      // The lines of one atomic append say how many of it follow.
      (i < events.length - 1 ? `,"more":${events.length - 1 - i}` : '') +
      PLACEHOLDER;
  }
  const bytes = Buffer.from(lines.join(''));
  for (let start = 0; start < bytes.length;) {
    const newline = bytes.indexOf(0x0a, start);
    const crc = crc32c(bytes.subarray(start, newline + 1 - PLACEHOLDER.length));
    for (let at = newline - 10, shift = 28; shift >= 0; shift -= 4) bytes[at++] = HEX[(crc >>> shift) & 0xf]!;
    start = newline + 1;
  }
  return bytes;
}

/** Each unit (a batch of events) encoded, written with one write and synced with fdatasync. */
export function minimalBatchLog(
  name: string,
  file: string,
  units: readonly (readonly SampleEvent[])[],
  plan: { readonly warmup: number; readonly perRound: number; readonly eventsPerUnit: number },
): RoundSession {
  let fd = -1;
  let position = 1;
  const appendUnits = (from: number, count: number): void => {
    for (let u = from; u < from + count; u++) {
      const events = units[u % units.length]!;
      const bytes = encodeMinimal(events, position, new Date().toISOString());
      position += events.length;
      fs.writeSync(fd, bytes);
      fs.fdatasyncSync(fd);
    }
  };
  return {
    name,
    eventsPerRound: plan.perRound * plan.eventsPerUnit,
    start: () => {
      fd = fs.openSync(file, 'a');
      appendUnits(0, plan.warmup);
    },
    round: (r) => appendUnits(plan.warmup + r * plan.perRound, plan.perRound),
    finish: () => fs.closeSync(fd),
  };
}

const JOURNAL_BYTES = 16 * 1024 * 1024;
/** Windows has no O_DSYNC: there each journal write is followed by fdatasync. */
const O_DSYNC: number | undefined = (fs.constants as { O_DSYNC?: number }).O_DSYNC;
const BLOCK = 4096;

/**
 * One event at a time, made durable the store's way: the line written to the log file's page cache, and
 * the same bytes written with O_DSYNC into a journal file allocated and synced beforehand, each at its own
 * 4 KiB block (an overwrite of allocated blocks syncs without a file-system journal commit).
 */
export function minimalJournaledLog(
  name: string,
  dir: string,
  events: readonly SampleEvent[],
  plan: { readonly warmup: number; readonly perRound: number },
): RoundSession {
  let log = -1;
  let journal = -1;
  let logEnd = 0;
  let record = 0;
  let position = 1;
  const appendEvents = (from: number, count: number): void => {
    for (let n = from; n < from + count; n++) {
      const line = encodeMinimal([events[n % events.length]!], position++, new Date().toISOString());
      fs.writeSync(log, line, 0, line.length, logEnd);
      logEnd += line.length;
      fs.writeSync(journal, line, 0, line.length, record * BLOCK);
      if (O_DSYNC === undefined) fs.fdatasyncSync(journal);
      record = (record + 1) % (JOURNAL_BYTES / BLOCK);
    }
  };
  return {
    name,
    eventsPerRound: plan.perRound,
    start: () => {
      const journalFile = path.join(dir, 'journal.bin');
      const created = fs.openSync(journalFile, 'w');
      fs.writeSync(created, Buffer.alloc(JOURNAL_BYTES));
      fs.fsyncSync(created);
      fs.closeSync(created);
      journal = fs.openSync(journalFile, fs.constants.O_RDWR | (O_DSYNC ?? 0));
      log = fs.openSync(path.join(dir, 'events.jsonl'), 'w');
      appendEvents(0, plan.warmup);
    },
    round: (r) => appendEvents(plan.warmup + r * plan.perRound, plan.perRound),
    finish: () => {
      fs.closeSync(log);
      fs.closeSync(journal);
    },
  };
}
