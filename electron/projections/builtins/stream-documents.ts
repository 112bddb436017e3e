import type { ProjectionEvent } from '../fold-runtime.js';
import type { BuiltinProjection } from './builtin-projection.js';
import { mergePatch } from './merge-patch.js';

/**
 * For streams whose events carry JSON documents: each stream's document as its events' data merged in
 * order (JSON Merge Patch, RFC 7386: objects merge deeply, null removes a key, anything else replaces).
 * The state is an object keyed by stream.
 */
export const streamDocuments: BuiltinProjection = {
  name: 'stream-documents',
  description: "Each stream's last document: its events' data deep-merged in order",
  version: 1,
  define(api) {
    api
      .fromAll()
      .foreachStream()
      .when({
        $init: () => ({}),
        $any: (document: unknown, event: ProjectionEvent) => mergePatch(document, event.data),
      });
  },
};
