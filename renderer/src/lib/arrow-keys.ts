import type { Action } from 'svelte/action';

/**
 * Arrow keys move focus between the items of a list (Up/Down, Home/End), as in a desktop list; Tab still
 * leaves the list. Items are the focusable elements matching `selector`; Enter is left to each item.
 */
export const arrowKeys: Action<HTMLElement, string> = (node, selector) => {
  let itemSelector = selector;
  const onKeydown = (event: KeyboardEvent) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
    const items = [...node.querySelectorAll<HTMLElement>(itemSelector)].filter((item) => !item.hidden);
    if (items.length === 0) return;
    const current = items.findIndex(
      (item) => item === document.activeElement || item.contains(document.activeElement),
    );
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? items.length - 1
          : event.key === 'ArrowDown'
            ? Math.min(current + 1, items.length - 1)
            : Math.max(current - 1, 0);
    event.preventDefault();
    items[next]?.focus();
  };
  node.addEventListener('keydown', onKeydown);
  return {
    update(next: string) {
      itemSelector = next;
    },
    destroy() {
      node.removeEventListener('keydown', onKeydown);
    },
  };
};
