import type { RecordedEvent } from '../../shared/event.js';
import type { ReadPage } from './log-reader.js';

/**
 * A read that is two things at once. Awaited, it is one page: the events from where the read starts, at
 * most `limit` of them (default 100), and `next` to pass on for the following page. Iterated with
 * `for await`, it is every event from where the read starts to the end, read page by page behind the
 * scenes; with `limit` given, at most that many.
 */
export type PagedRead<Page extends ReadPage = ReadPage> = Promise<Page> & AsyncIterable<RecordedEvent>;

/** Events a page while iterating when the caller set no limit: big enough to amortise a read, small in memory. */
const ITERATION_PAGE = 1000;

/**
 * Makes a PagedRead from its first page and a way to read the page that starts at `next`. The first page is
 * read at once (a caller that awaits it wants it now); iteration starts from it rather than reading it again.
 */
export function pagedRead<Page extends ReadPage>(
  firstPage: Promise<Page>,
  pageAt: (next: number, limit: number) => Promise<ReadPage>,
  limit: number | undefined,
): PagedRead<Page> {
  async function* events(): AsyncGenerator<RecordedEvent, void, undefined> {
    let left = limit ?? Number.POSITIVE_INFINITY;
    let page: ReadPage = await firstPage;
    for (;;) {
      for (const event of page.events) {
        if (left <= 0) return;
        left--;
        yield event;
      }
      if (page.next === null || left <= 0) return;
      page = await pageAt(page.next, Math.min(left, ITERATION_PAGE));
    }
  }
  return Object.assign(firstPage, { [Symbol.asyncIterator]: events });
}
