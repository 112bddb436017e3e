import { parentPort } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { errorText } from '../../../shared/error-text.js';
import { MessageIndex, SEARCH_INDEX_VERSION } from './message-index.js';
import { readSearchCache, writeSearchCache } from './search-cache.js';
import type {
  SearchAnswerMessage,
  SearchAnswers,
  SearchRequest,
  SearchRequestMessage,
} from './search-worker-protocol.js';

/**
 * The search worker: one thread that owns the journal's MiniSearch index, so that indexing 100,000
 * messages or answering a query never stalls the main process (and the windows it serves). Requests are
 * answered one at a time, in the order they came: a query sent after some events sees them.
 */
if (parentPort === null) throw new Error('search-worker.js runs as a worker thread');
const port = parentPort;
// Reading a journal event checks its shape, and the schema tries the alternatives of a union by throwing;
// a stack trace for each of those is most of what indexing 100,000 posts would otherwise cost. Errors
// leave this thread as messages only, so their stacks are never read.
Error.stackTraceLimit = 0;

let index = MessageIndex.empty();
let queue: Promise<void> = Promise.resolve();

port.on('message', (message: SearchRequestMessage) => {
  queue = queue.then(async () => {
    let answer: SearchAnswerMessage;
    try {
      answer = { id: message.id, ok: true, value: await handle(message) };
    } catch (error) {
      answer = { id: message.id, ok: false, error: errorText(error) };
    }
    port.postMessage(answer);
  });
});

async function handle(request: SearchRequest): Promise<SearchAnswers[SearchRequest['kind']]> {
  switch (request.kind) {
    case 'load': {
      const saved = await readSearchCache(request.file);
      index = saved === undefined ? MessageIndex.empty() : MessageIndex.load(saved.data);
      return saved?.header ?? null;
    }
    case 'reset':
      index = MessageIndex.empty();
      return null;
    case 'apply':
      index.apply(request.events);
      return { messages: index.size };
    case 'query':
      return index.query(request.query);
    case 'save': {
      const header = {
        format: 'eventfold-journal-search',
        version: SEARCH_INDEX_VERSION,
        ...request.header,
        messages: index.size,
      } as const;
      return { bytes: await writeSearchCache(request.file, header, index.dataJsonPieces()) };
    }
    case 'memory': {
      // Under --expose-gc (the benchmark) garbage is collected first: what is left is the index.
      (globalThis as { gc?: () => void }).gc?.();
      const heap = getHeapStatistics();
      return {
        heapUsed: heap.used_heap_size,
        heapTotal: heap.total_heap_size,
        rss: process.memoryUsage.rss(),
        messages: index.size,
      };
    }
  }
}
