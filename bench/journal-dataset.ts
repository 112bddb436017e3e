import type { EventToAppend } from '../shared/event.js';
import {
  CHANNELS_STREAM,
  JOURNAL_EVENT_VERSION as v,
  messageStream,
  tagsInText,
} from '../shared/journal/index.js';
import { initEventFolder, openEventStore } from '../electron/store/index.js';
import type { BenchContext } from './bench-context.js';
import type { TempDirs } from './temp-dirs.js';

/** The channel every message of the benchmark's journal is in. */
export const BENCH_CHANNEL = 'bench-channel';
/** Appends in flight at once while generating (group commit makes each round a few large writes). */
const ROUND = 5_000;
/** One message every 10 minutes from 2019: 100,000 messages span almost two years. */
const START = Date.UTC(2019, 0, 1);
const SPACING_MS = 600_000;

/**
 * A vocabulary of pseudo-words (syllables, a few with accents) used with Zipf's law, as words in real
 * text are: a few very common, most rare. Deterministic, so every run indexes the same texts.
 */
export class JournalVocabulary {
  readonly words: readonly string[];

  constructor(size = 30_000) {
    const syllables = [
      'ka',
      'lo',
      'mi',
      'ne',
      'ra',
      'to',
      'su',
      've',
      'da',
      'fi',
      'go',
      'hu',
      'je',
      'bo',
      'pe',
      'sa',
    ];
    const accented = ['é', 'ø', 'ç', 'ü'];
    const words = new Set<string>();
    for (let n = 0; words.size < size; n++) {
      const h = mix(n);
      const length = 2 + (h % 3);
      let word = '';
      for (let i = 0; i < length; i++) word += syllables[(h >>> (4 + i * 4)) % syllables.length];
      if ((h >>> 28) % 8 === 0) word += accented[(h >>> 20) % accented.length];
      words.add(word);
    }
    this.words = [...words];
  }

  /** The word of rank `u` in [0, 1) under Zipf's law. */
  zipf(u: number): string {
    const rank = Math.floor(Math.exp(u * Math.log(this.words.length)));
    return this.words[Math.min(this.words.length - 1, rank - 1)]!;
  }
}

const EMOJI = ['🎉', '☕', '👍🏽', '🌧️', '⛴'];

/** The n-th message's text as posted: 5 to 60 words, sometimes an emoji or a tag. */
export function messageText(vocabulary: JournalVocabulary, n: number): string {
  let h = mix(n + 1_000_000);
  const count = 5 + (h % 56);
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    h = mix(h + i);
    words.push(vocabulary.zipf(h / 2 ** 32));
  }
  if (n % 7 === 0) words.push(EMOJI[n % EMOJI.length]!);
  if (n % 11 === 0) words.push(`#${vocabulary.words[n % 50]!}`);
  return words.join(' ');
}

/** Every 50th message is edited once (its text gains a word), every 100th deleted, as after years of use. */
export const isEdited = (n: number): boolean => n % 50 === 7;
export const isDeleted = (n: number): boolean => n % 100 === 13;
const editedText = (text: string): string => `${text} (edited)`;

/** When the n-th message was posted. */
export function messageTime(n: number, minutes = 0): string {
  return new Date(START + n * SPACING_MS + minutes * 60_000).toISOString();
}

export function messageId(n: number): string {
  return `m${n}`;
}

/** The n-th message's events, as the journal's decider writes them (tags found in the text). */
export function messageEvents(vocabulary: JournalVocabulary, n: number): EventToAppend[] {
  const about = { v, message: messageId(n), channel: BENCH_CHANNEL };
  const text = messageText(vocabulary, n);
  const events: EventToAppend[] = [
    {
      type: 'MessagePosted',
      data: {
        ...about,
        text,
        tags: tagsInText(text),
        attachments: [],
        replyTo: null,
        origin: null,
        at: messageTime(n),
      },
    },
  ];
  if (isEdited(n)) {
    const edited = editedText(text);
    events.push({
      type: 'MessageEdited',
      data: {
        ...about,
        text: edited,
        tags: tagsInText(edited),
        attachments: [],
        edit: `e${n}`,
        version: 2,
        baseVersion: 1,
        resolves: [],
        at: messageTime(n, 5),
      },
    });
  }
  if (isDeleted(n)) events.push({ type: 'MessageDeleted', data: { ...about, at: messageTime(n, 9) } });
  return events;
}

/**
 * What a plain program would index of the journal: the messages not deleted, with their latest text and
 * its tags, in the shape the search index gives MiniSearch.
 */
export function searchableTexts(
  vocabulary: JournalVocabulary,
  messages: number,
): { id: string; text: string; tags: string }[] {
  const texts: { id: string; text: string; tags: string }[] = [];
  for (let n = 0; n < messages; n++) {
    if (isDeleted(n)) continue;
    const posted = messageText(vocabulary, n);
    const text = isEdited(n) ? editedText(posted) : posted;
    texts.push({ id: messageId(n), text, tags: tagsInText(text).join(' ') });
  }
  return texts;
}

/**
 * The benchmark's journal: `messages` messages in one channel, one every 10 minutes, with Zipf-distributed
 * pseudo-words, some accents, emoji and tags; every 50th edited once, every 100th deleted. Appended with
 * durability 'none' (a bulk import that can be redone), a round of concurrent one-message appends at a time.
 * Both the journal's views and its search are measured on it.
 */
export async function createJournalDataset(
  dir: string,
  messages: number,
  vocabulary: JournalVocabulary,
): Promise<{ events: number }> {
  await initEventFolder(dir);
  const store = await openEventStore(dir, { durability: 'none', watch: false });
  try {
    await store.appendToStream(CHANNELS_STREAM, [
      { type: 'ChannelCreated', data: { v, channel: BENCH_CHANNEL, name: 'Journal', at: messageTime(0) } },
    ]);
    for (let done = 0; done < messages; done += ROUND) {
      const round: Promise<unknown>[] = [];
      for (let n = done; n < Math.min(messages, done + ROUND); n++) {
        round.push(store.appendToStream(messageStream(messageId(n)), messageEvents(vocabulary, n)));
      }
      await Promise.all(round);
    }
    return { events: store.lastPosition };
  } finally {
    await store.close();
  }
}

/** DESIGN.md's journal rows: 100k messages in one channel. */
export const JOURNAL_MESSAGES = 100_000;

/** The journal folder the journal's case families share in one run. */
export interface BenchJournal {
  readonly dir: string;
  readonly vocabulary: JournalVocabulary;
  readonly messages: number;
  /** The log's last position once written (families that append add to it afterwards). */
  readonly events: number;
}

const written = new WeakMap<TempDirs, Promise<BenchJournal>>();

/**
 * The run's journal, written by the first family that asks for it: the views, the page and the search are
 * measured on the same folder (the search family appends to it, so it runs last).
 */
export function benchJournal(ctx: BenchContext): Promise<BenchJournal> {
  let journal = written.get(ctx.temp);
  if (journal === undefined) {
    const dir = `${ctx.temp.make('journal')}/journal`;
    const vocabulary = new JournalVocabulary();
    ctx.progress(`journal: writing ${JOURNAL_MESSAGES.toLocaleString('en-US')} messages in one channel`);
    journal = createJournalDataset(dir, JOURNAL_MESSAGES, vocabulary).then(({ events }) => ({
      dir,
      vocabulary,
      messages: JOURNAL_MESSAGES,
      events,
    }));
    written.set(ctx.temp, journal);
  }
  return journal;
}

/** A 32-bit integer hash (the murmur3 finaliser). */
export function mix(n: number): number {
  let h = (n + 0x9e3779b9) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
