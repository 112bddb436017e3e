import type { EventToAppend } from '../shared/event.js';
import { CHANNELS_STREAM, messageStream } from '../shared/journal/index.js';
import { initEventFolder, openEventStore } from '../electron/store/index.js';

/** Appends in flight at once while generating (group commit makes each round a few large writes). */
const ROUND = 5_000;
const CHANNEL = 'bench-channel';

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

/** The n-th message's text: 5 to 60 words, sometimes an emoji or a tag. */
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

/** When the n-th message was posted: one every 10 minutes, from 2019. */
export function messageTime(n: number): string {
  return new Date(Date.UTC(2019, 0, 1) + n * 600_000).toISOString();
}

export function messageId(n: number): string {
  return `bench-${n}`;
}

/** The n-th message's post, as the journal's decider writes it (tags found in the text). */
export function postedEvent(
  vocabulary: JournalVocabulary,
  n: number,
): { stream: string; event: EventToAppend } {
  const text = messageText(vocabulary, n);
  const tags = [...text.matchAll(/#(\S+)/g)].map((match) => match[1]!.normalize('NFC').toLowerCase());
  return {
    stream: messageStream(messageId(n)),
    event: {
      type: 'MessagePosted',
      data: {
        v: 1,
        message: messageId(n),
        channel: CHANNEL,
        text,
        tags,
        attachments: [],
        replyTo: null,
        origin: null,
        at: messageTime(n),
      },
    },
  };
}

/** A journal of `messages` messages in one channel, appended with durability 'none' (a bulk import). */
export async function createJournalDataset(
  dir: string,
  messages: number,
  vocabulary: JournalVocabulary,
): Promise<void> {
  await initEventFolder(dir);
  const store = await openEventStore(dir, { durability: 'none', watch: false });
  try {
    await store.appendToStream(CHANNELS_STREAM, [
      { type: 'ChannelCreated', data: { v: 1, channel: CHANNEL, name: 'Journal', at: messageTime(0) } },
    ]);
    for (let done = 0; done < messages; done += ROUND) {
      const round: Promise<unknown>[] = [];
      for (let n = done; n < Math.min(messages, done + ROUND); n++) {
        const { stream, event } = postedEvent(vocabulary, n);
        round.push(store.appendToStream(stream, [event]));
      }
      await Promise.all(round);
    }
  } finally {
    await store.close();
  }
}

/** A 32-bit integer hash (the murmur3 finaliser). */
export function mix(n: number): number {
  let h = (n + 0x9e3779b9) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
