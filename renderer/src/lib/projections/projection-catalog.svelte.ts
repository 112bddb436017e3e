import type {
  EventfoldApi,
  ProjectionSource,
  ProjectionSummary,
  TrustStatus,
} from '../../../../shared/contract.js';
import { errorText } from '../../../../shared/error-text.js';

/** The folder's changes re-read the list at most this often. */
const REFRESH_PAUSE_MS = 400;

/**
 * The open folder's projections and its trust, as the navigation and the projection view show them. One
 * per workspace: it follows `projections.changed` (status, faults, skips, reloads) and `trust.changed` (a
 * decision made in another window), and re-reads the list when the folder changes (a projections/*.js file
 * added or removed changes the count to trust).
 */
export class ProjectionCatalog {
  projections = $state<readonly ProjectionSummary[] | null>(null);
  trust = $state<TrustStatus | null>(null);
  /** Why the list could not be read, null when it could. */
  error = $state<string | null>(null);
  /** The user said "Not now" to the trust prompt: it stays folded for this window. */
  promptDismissed = $state(false);
  /** True while a trust decision is being saved. */
  deciding = $state(false);
  /** The trust review (the folder's code, read-only, and the decision) is open. */
  reviewing = $state(false);

  readonly #api: EventfoldApi;
  #unsubscribe: (() => void)[] = [];
  #refreshing: Promise<void> | null = null;
  #again = false;
  #soon: ReturnType<typeof setTimeout> | undefined;

  constructor(api: EventfoldApi) {
    this.#api = api;
  }

  /** Starts following the folder; returns the stop. */
  follow(): () => void {
    this.#unsubscribe = [
      this.#api.on('projections.changed', (projections) => (this.projections = projections)),
      this.#api.on('trust.changed', (trust) => {
        this.trust = trust;
        // Revoked in another window: this one asks again, even if its prompt was put off with "Not now".
        if (!trust.trusted) this.promptDismissed = false;
        void this.refresh();
      }),
      this.#api.on('folder.changed', (folder) => {
        // A throttle: a live stream of appends changes the folder many times a second.
        if (folder)
          this.#soon ??= setTimeout(() => {
            this.#soon = undefined;
            void this.refresh();
          }, REFRESH_PAUSE_MS);
      }),
    ];
    void this.refresh();
    return () => {
      clearTimeout(this.#soon);
      this.#soon = undefined;
      for (const unsubscribe of this.#unsubscribe) unsubscribe();
      this.#unsubscribe = [];
    };
  }

  find(name: string): ProjectionSummary | undefined {
    return this.projections?.find((projection) => projection.name === name);
  }

  /** The folder's own projections that wait for trust (what the prompt offers to run). */
  get waitingForTrust(): boolean {
    return this.trust !== null && !this.trust.trusted && this.trust.projections > 0;
  }

  /** Reads list and trust again; calls that come while one runs are folded into one more read. */
  refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = (async () => {
      do {
        this.#again = false;
        try {
          const [projections, trust] = await Promise.all([
            this.#api.call('projections.list', undefined),
            this.#api.call('trust.status', undefined),
          ]);
          this.projections = projections;
          this.trust = trust;
          this.error = null;
        } catch (error) {
          this.error = errorText(error);
        }
      } while (this.#again);
      this.#refreshing = null;
    })();
    return this.#refreshing;
  }

  async setTrusted(trusted: boolean): Promise<void> {
    this.deciding = true;
    try {
      await this.#api.call('folder.trust', { trusted });
      if (!trusted) this.promptDismissed = true;
      await this.refresh();
    } finally {
      this.deciding = false;
    }
  }

  /** The code of the folder's own projections, for review before trusting it (reading runs nothing). */
  async sources(): Promise<ProjectionSource[]> {
    const list = this.projections ?? (await this.#api.call('projections.list', undefined));
    const own = list.filter((projection) => projection.kind === 'user');
    return Promise.all(own.map(({ name }) => this.#api.call('projection.source', { name })));
  }

  /** The code of one of the folder's own projections. */
  source(name: string): Promise<ProjectionSource> {
    return this.#api.call('projection.source', { name });
  }

  async skip(name: string, position: number): Promise<void> {
    this.#replace(await this.#api.call('projection.skip', { name, position }));
  }

  async rebuild(name: string): Promise<void> {
    this.#replace(await this.#api.call('projection.rebuild', { name }));
  }

  #replace(summary: ProjectionSummary): void {
    this.projections = (this.projections ?? []).map((known) =>
      known.name === summary.name ? summary : known,
    );
  }
}
