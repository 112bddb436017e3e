import type { BuiltinProjection } from './builtin-projection.js';
import { streamDocuments } from './stream-documents.js';
import { streamStatistics } from './stream-statistics.js';

export type { BuiltinProjection } from './builtin-projection.js';

/** Built-in projections, by name; a folder's projections/NAME.js may not take one of these names. */
export const BUILTIN_PROJECTIONS: readonly BuiltinProjection[] = [streamStatistics, streamDocuments];

export function findBuiltin(name: string): BuiltinProjection | undefined {
  return BUILTIN_PROJECTIONS.find((builtin) => builtin.name === name);
}
