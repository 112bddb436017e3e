import type { FolderHealthView } from '../../shared/contract.js';
import type { FolderHealth } from '../store/index.js';

/**
 * The store's health as the page's banners need it. A tail that is not torn is another process's append
 * still being written: nothing to show, so it is left out.
 */
export function healthView(health: FolderHealth): FolderHealthView {
  const problems = health.problems.map(({ segment, line, offset, reason }) => ({
    segment,
    line,
    offset,
    reason,
  }));
  const torn = health.tail?.torn === true ? health.tail : undefined;
  const condition = health.missing
    ? 'missing'
    : problems.length > 0
      ? 'corrupt'
      : torn !== undefined
        ? 'torn-tail'
        : 'ok';
  return {
    condition,
    problems,
    tail: torn === undefined ? null : { segment: torn.segment, offset: torn.offset, bytes: torn.bytes },
  };
}
