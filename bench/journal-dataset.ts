import { JOURNAL_EVENT_VERSION as v } from '../shared/journal/index.js';
import type { JsonValue } from '../shared/event.js';
import { initEventFolder, openEventStore } from '../electron/store/index.js';

/** The channel every message of the benchmark's journal is in. */
export const BENCH_CHANNEL = 'bench-channel';
const ROUND = 5_000;
const WORDS = [
  'harbour',
  'coffee',
  'ferry',
  'late',
  'again',
  'morning',
  'walked',
  'along',
  'the',
  'water',
  'with',
  'friends',
  'rain',
  'sun',
  'wrote',
  'read',
  'a',
  'book',
  'about',
  'islands',
  'café',
  'naïve',
  'tea',
  'train',
  'city',
  'quiet',
  'evening',
  'notes',
  'idea',
  'garden',
];

/** The n-th message's text: 8 to 40 words, now and then a #tag, deterministic. */
export function benchText(n: number): string {
  const h = mix(n);
  const count = 8 + (h % 33);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(WORDS[mix(n * 64 + i) % WORDS.length]!);
  if (h % 5 === 0) words.push(`#${WORDS[(h >>> 9) % WORDS.length]!.replace(/[^a-z]/g, '') || 'tag'}`);
  return words.join(' ');
}

/**
 * A journal of `messages` messages in one channel, an hour apart (100,000 span eleven years), as the store would hold them after
 * years of use: every 50th edited once, every 100th deleted. Appended with durability 'none' (a bulk
 * import that can be redone), a round of concurrent one-message appends at a time.
 */
export async function createJournalDataset(dir: string, messages: number): Promise<{ events: number }> {
  await initEventFolder(dir);
  const store = await openEventStore(dir, { durability: 'none', watch: false });
  const start = Date.UTC(2020, 0, 1);
  const at = (n: number, minutes = 0) => new Date(start + (n * 60 + minutes) * 60_000).toISOString();
  try {
    await store.appendToStream('journal-channels', [
      { type: 'ChannelCreated', data: { v, channel: BENCH_CHANNEL, name: 'Journal', at: at(0) } },
    ]);
    for (let done = 0; done < messages; done += ROUND) {
      const round: Promise<unknown>[] = [];
      for (let n = done; n < Math.min(messages, done + ROUND); n++) {
        const message = `m${n}`;
        const about = { v, message, channel: BENCH_CHANNEL };
        const text = benchText(n);
        const events: { type: string; data: JsonValue }[] = [
          {
            type: 'MessagePosted',
            data: {
              ...about,
              text,
              tags: tagsOf(text),
              attachments: [],
              replyTo: null,
              origin: null,
              at: at(n),
            },
          },
        ];
        if (n % 50 === 7) {
          const edited = `${text} (edited)`;
          events.push({
            type: 'MessageEdited',
            data: {
              ...about,
              text: edited,
              tags: tagsOf(edited),
              attachments: [],
              edit: `e${n}`,
              version: 2,
              baseVersion: 1,
              resolves: [],
              at: at(n, 5),
            },
          });
        }
        if (n % 100 === 13) events.push({ type: 'MessageDeleted', data: { ...about, at: at(n, 9) } });
        round.push(store.appendToStream(`message-${message}`, events));
      }
      await Promise.all(round);
    }
    return { events: store.lastPosition };
  } finally {
    await store.close();
  }
}

function tagsOf(text: string): string[] {
  return [...text.matchAll(/#([a-z]+)/g)].map((match) => match[1]!);
}

function mix(n: number): number {
  let h = (n + 0x9e3779b9) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
