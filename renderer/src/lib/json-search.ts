import type { JsonValue } from '../../../shared/event.js';
import { formatJsonPath, type JsonPathStep } from './json-path.js';
import { isContainer } from './json-tree.js';

/** A place in a JSON value whose key or value holds the searched text. */
export interface JsonMatch {
  readonly steps: readonly JsonPathStep[];
  /** The path as the tree labels its nodes (`state.orders["order-1"].note`). */
  readonly path: string;
}

export interface JsonSearchResult {
  readonly matches: readonly JsonMatch[];
  /** More matched than `limit`: the count is "at least". */
  readonly truncated: boolean;
}

/**
 * Finds the nodes of a value whose key (or index) or leaf value contains `query`, ignoring case, in document
 * order, at most `limit`. Iterative, so a deep state cannot overflow the stack; a big one (stream-documents
 * of a large folder) is searched in the page without asking the server.
 */
export function searchJson(value: JsonValue, query: string, root: string, limit = 1000): JsonSearchResult {
  const needle = query.trim().toLowerCase();
  const matches: JsonMatch[] = [];
  if (needle === '') return { matches, truncated: false };
  // Each node links to its parent: copying the path for every node would cost depth² on a deep value.
  const stack: Visit[] = [{ value, step: undefined, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value: node, step } = visit;
    const keyMatches = step !== undefined && String(step).toLowerCase().includes(needle);
    const leafMatches = !isContainer(node) && JSON.stringify(node).toLowerCase().includes(needle);
    if (keyMatches || leafMatches) {
      if (matches.length === limit) return { matches, truncated: true };
      const steps = stepsTo(visit);
      matches.push({ steps, path: formatJsonPath(root, steps) });
    }
    if (isContainer(node)) {
      // Pushed last child first, so that the stack pops them in document order.
      const entries: [JsonPathStep, JsonValue][] = Array.isArray(node)
        ? node.map((child, index) => [index, child])
        : Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [childStep, child] = entries[i]!;
        stack.push({ value: child, step: childStep, parent: visit });
      }
    }
  }
  return { matches, truncated: false };
}

interface Visit {
  readonly value: JsonValue;
  /** The step from the parent; undefined for the root. */
  readonly step: JsonPathStep | undefined;
  readonly parent: Visit | null;
}

function stepsTo(visit: Visit): JsonPathStep[] {
  const steps: JsonPathStep[] = [];
  for (let at: Visit | null = visit; at?.step !== undefined; at = at.parent) steps.push(at.step);
  return steps.reverse();
}

/** The paths of a match's ancestors, root first: the nodes to open to show it. */
export function ancestorPaths(match: JsonMatch, root: string): string[] {
  const inner = match.steps
    .slice(0, -1)
    .map((_, index) => formatJsonPath(root, match.steps.slice(0, index + 1)));
  return [root, ...inner];
}
