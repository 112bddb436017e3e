/** Names the app can save as projections/NAME.js (as the Node side checks them). */
const PROJECTION_NAME = /^[A-Za-z0-9_-]+$/;

/** Why a name cannot be a new projection, or null when it can. */
export function projectionNameProblem(name: string, taken: readonly string[]): string | null {
  if (name === '') return 'Give the projection a name';
  if (!PROJECTION_NAME.test(name)) return 'Use letters, digits, "-" and "_" only';
  if (taken.includes(name)) return `There is already a projection named ${name}`;
  return null;
}

/** The code a new projection starts from: a working fold that shows the API's shape. */
export const NEW_PROJECTION_TEMPLATE = `// A projection folds events into a state.
// Choose its events: fromAll(), fromStream('order-1'),
// fromStreams('a', 'b') or fromCategory('order').
// Handlers get (state, event) and return the new state
// (or change it in place). An event has position, stream,
// revision, id, type, time, data and meta.
fromAll().when({
  $init: () => ({ events: 0, types: {} }),
  $any: (state, event) => {
    state.events += 1;
    state.types[event.type] = (state.types[event.type] ?? 0) + 1;
  },
});
`;
