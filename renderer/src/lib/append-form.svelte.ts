import type { EventfoldApi } from '../../../shared/contract.js';
import type { AppendResult, ExpectedRevision } from '../../../shared/event.js';
import { MAX_EVENT_TYPE_BYTES, MAX_STREAM_ID_BYTES, utf8ByteLength } from '../../../shared/stream-name.js';
import { ContractError } from './api/contract-error.js';
import { errorText } from '../../../shared/error-text.js';
import { parseJsonText } from './json-text.js';

export type ExpectedKind = 'any' | 'no-stream' | 'exists' | 'number';

/** What a refused append said about the stream: what the form expected, and where the stream really is. */
export interface RevisionConflict {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly actual: number | 'no-stream';
}

/**
 * The "append an event by hand" form: its fields, their validation as the user types, and the append with
 * its outcomes (the position, or a conflict to retry with the stream's actual revision).
 */
export class AppendForm {
  stream = $state('');
  type = $state('');
  data = $state('{\n  \n}');
  meta = $state('');
  expectedKind = $state<ExpectedKind>('any');
  expectedNumber = $state('');
  /** What the form knows about the chosen stream, to explain the prefilled expectation. */
  streamState = $state<{ stream: string; lastRevision: number | null } | null>(null);
  /** Existing streams whose name contains what was typed, most recently active first. */
  suggestions = $state<readonly string[]>([]);
  busy = $state(false);
  conflict = $state<RevisionConflict | null>(null);
  failure = $state<string | null>(null);
  /** Set once the user tried to submit, so empty required fields are flagged only then. */
  attempted = $state(false);

  readonly #api: EventfoldApi;
  #lookup = 0;

  constructor(api: EventfoldApi, stream = '') {
    this.#api = api;
    this.stream = stream;
    if (stream !== '') void this.lookUpStream();
  }

  readonly dataResult = $derived(parseJsonText(this.data));
  readonly metaResult = $derived(parseJsonText(this.meta));

  readonly streamError = $derived.by(() => {
    if (this.stream === '') return this.attempted ? 'Name the stream to append to.' : null;
    if (utf8ByteLength(this.stream) > MAX_STREAM_ID_BYTES) return `At most ${MAX_STREAM_ID_BYTES} bytes.`;
    return null;
  });

  readonly typeError = $derived.by(() => {
    if (this.type.trim() === '') return this.attempted ? 'Give the event a type, such as OrderPlaced.' : null;
    if (utf8ByteLength(this.type) > MAX_EVENT_TYPE_BYTES) return `At most ${MAX_EVENT_TYPE_BYTES} bytes.`;
    return null;
  });

  readonly expectedError = $derived.by(() => {
    if (this.expectedKind !== 'number') return null;
    const text = this.expectedNumber.trim();
    if (!/^(0|[1-9]\d*)$/.test(text)) return 'A revision is a whole number: 0 for a stream with one event.';
    return null;
  });

  readonly expected = $derived<ExpectedRevision>(
    this.expectedKind === 'number' ? Number(this.expectedNumber.trim()) : this.expectedKind,
  );

  readonly valid = $derived(
    this.stream !== '' &&
      this.type.trim() !== '' &&
      this.streamError === null &&
      this.typeError === null &&
      this.expectedError === null &&
      this.dataResult.ok &&
      this.metaResult.ok,
  );

  /** Prefills the expectation from the stream's last revision, the safe default for a hand-written event. */
  async lookUpStream(): Promise<void> {
    const stream = this.stream;
    const lookup = ++this.#lookup;
    if (stream === '' || /[*?]/.test(stream)) {
      this.streamState = null;
      return;
    }
    try {
      const found = await this.#api.call('streams.list', { pattern: stream, limit: 1000 });
      if (lookup !== this.#lookup) return;
      const summary = found.streams.find((candidate) => candidate.stream === stream);
      this.suggestions = found.streams.slice(0, 20).map((candidate) => candidate.stream);
      this.streamState = { stream, lastRevision: summary?.lastRevision ?? null };
      if (summary) {
        this.expectedKind = 'number';
        this.expectedNumber = String(summary.lastRevision);
      } else {
        this.expectedKind = 'no-stream';
      }
    } catch {
      // Only a convenience: the user can still choose the expectation by hand.
      if (lookup === this.#lookup) this.streamState = null;
    }
  }

  async submit(): Promise<AppendResult | null> {
    this.attempted = true;
    if (!this.valid || this.busy) return null;
    const data = this.dataResult.ok ? this.dataResult.value : undefined;
    const meta = this.metaResult.ok ? this.metaResult.value : undefined;
    this.busy = true;
    this.conflict = null;
    this.failure = null;
    try {
      return await this.#api.call('event.append', {
        stream: this.stream,
        type: this.type.trim(),
        ...(data === undefined ? {} : { data }),
        ...(meta === undefined ? {} : { meta }),
        expectedRevision: this.expected,
      });
    } catch (error) {
      this.conflict = conflictOf(error, this.stream, this.expected);
      if (!this.conflict) this.failure = errorText(error);
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** Takes the stream's actual revision as the new expectation (the user has seen what changed). */
  useActual(): void {
    const actual = this.conflict?.actual;
    if (actual === undefined) return;
    if (actual === 'no-stream') this.expectedKind = 'no-stream';
    else {
      this.expectedKind = 'number';
      this.expectedNumber = String(actual);
    }
    this.conflict = null;
  }
}

function conflictOf(error: unknown, stream: string, expected: ExpectedRevision): RevisionConflict | null {
  if (!(error instanceof ContractError) || error.code !== 'WrongExpectedRevision') return null;
  const actual = error.details?.actual;
  return {
    stream,
    expected,
    actual: typeof actual === 'number' ? actual : 'no-stream',
  };
}
