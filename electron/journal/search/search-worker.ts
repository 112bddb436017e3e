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
      return { bytes: await writeSearchCache(request.file, header, index.toData()) };
    }
    case 'memory': {
      const heap = getHeapStatistics();
      return {
        heapUsed: heap.used_heap_size,
        heapTotal: heap.total_heap_size,
        rss: process.memoryUsage.rss(),
      };
    }
  }
}
