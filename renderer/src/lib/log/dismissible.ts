/**
 * A `<details>` used as a popover closes like one: on Escape (focus back on its summary) and on a press
 * anywhere outside it. Escape is marked handled, so the page does not also close the event beside the log.
 */
export function dismissible(details: HTMLDetailsElement): { destroy(): void } {
  const onpointerdown = (event: PointerEvent): void => {
    if (details.open && !details.contains(event.target as Node)) details.open = false;
  };
  const onkeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !details.open) return;
    event.preventDefault();
    details.open = false;
    details.querySelector('summary')?.focus();
  };
  const document = details.ownerDocument;
  document.addEventListener('pointerdown', onpointerdown, true);
  details.addEventListener('keydown', onkeydown);
  return {
    destroy() {
      document.removeEventListener('pointerdown', onpointerdown, true);
      details.removeEventListener('keydown', onkeydown);
    },
  };
}
