import type { EventfoldApi, ProjectionSummary, WhatIfOutcome } from '../../../../shared/contract.js';
import { ContractError } from '../api/contract-error.js';
import { errorText } from '../../../../shared/error-text.js';
import { NEW_PROJECTION_TEMPLATE, projectionNameProblem } from './whatif-template.js';

/** A run that failed in the code: a fault at an event, or code that does not load (position null). */
export interface WhatIfProblem {
  readonly position: number | null;
  readonly message: string;
  readonly line: number | null;
  readonly column: number | null;
}

/**
 * The what-if editor of one projection (or of a new one): its code, a run of that code into a scratch
 * read model at a position and the diff against the saved projection there, and saving the code as
 * projections/NAME.js. Only the newest run's answer counts (the Node side cancels older runs too).
 */
export class WhatIfSession {
  /** The projection edited; null for a new one not saved yet (see `draftName`). */
  name = $state<string | null>(null);
  /** The name a new projection will be saved as. */
  draftName = $state('');
  /** The built-in the editor was opened on: its code is part of Eventfold, so the editor starts a new one. */
  fromBuiltin = $state<string | null>(null);
  code = $state('');
  /** The code as saved in the file (what "edited" compares with); null for a new projection. */
  savedCode = $state<string | null>(null);
  loading = $state(false);
  loadError = $state<string | null>(null);

  /** The position asked for; null = the last event. */
  position = $state<number | null>(null);
  lastPosition = $state(0);
  running = $state(false);
  progress = $state<{ done: number; total: number } | null>(null);
  outcome = $state<WhatIfOutcome | null>(null);
  /** The code the outcome came from: an edit since then makes it stale. */
  ranCode = $state<string | null>(null);
  /** The projection the outcome was compared with (null: none, a new projection). */
  ranAgainst = $state<string | null>(null);
  problem = $state<WhatIfProblem | null>(null);
  runError = $state<string | null>(null);

  trusted = $state<boolean | null>(null);
  projections = $state<readonly ProjectionSummary[]>([]);
  saving = $state(false);
  saveError = $state<string | null>(null);
  /** The projection as the last save answered, then as pushes report its rebuild. */
  saved = $state<ProjectionSummary | null>(null);

  readonly #api: EventfoldApi;
  #ticket = 0;
  #opening = 0;

  constructor(api: EventfoldApi) {
    this.#api = api;
  }

  get edited(): boolean {
    return this.savedCode === null ? this.code.trim() !== '' : this.code !== this.savedCode;
  }

  get stale(): boolean {
    return this.outcome !== null && this.ranCode !== this.code;
  }

  /** The name Save writes to, or null when there is none yet. */
  get saveName(): string | null {
    return this.name ?? (this.draftName === '' ? null : this.draftName);
  }

  /** Why Save is not possible now, or null when it is. */
  get saveBlocked(): string | null {
    if (this.trusted === false) return 'Trust this folder to save projection code into it';
    if (this.saving) return 'Saving…';
    if (this.name === null) {
      return projectionNameProblem(
        this.draftName,
        this.projections.map((projection) => projection.name),
      );
    }
    if (!this.edited) return 'No changes to save';
    return null;
  }

  /** Follows the folder (its last position, trust, the projections' status); returns the stop. */
  follow(): () => void {
    const stops = [
      this.#api.on('whatif.progress', (progress) => {
        if (this.running) this.progress = progress;
      }),
      this.#api.on('projections.changed', (projections) => {
        this.projections = projections;
        this.#followSaved();
        void this.#readTrust();
      }),
      this.#api.on('folder.changed', (folder) => {
        if (folder !== null) this.lastPosition = folder.events;
      }),
      this.#api.on('trust.changed', (trust) => (this.trusted = trust.trusted)),
    ];
    void this.#readFolder();
    return () => {
      for (const stop of stops) stop();
      this.#ticket++;
    };
  }

  /** Opens a projection's code (a template for a new one, and for a built-in, whose code is not a file). */
  async open(name: string | null): Promise<void> {
    const opening = ++this.#opening;
    this.name = name;
    this.fromBuiltin = null;
    this.outcome = null;
    this.problem = null;
    this.runError = null;
    this.saved = null;
    this.saveError = null;
    this.loadError = null;
    if (name === null) {
      this.#startNew('');
      return;
    }
    this.loading = true;
    try {
      const source = await this.#api.call('projection.source', { name });
      if (opening !== this.#opening) return;
      this.code = source.code;
      this.savedCode = source.code;
    } catch (error) {
      if (opening !== this.#opening) return;
      if (error instanceof ContractError && error.code === 'Unsupported') {
        this.name = null;
        this.fromBuiltin = name;
        this.#startNew('');
      } else {
        this.loadError = errorText(error);
        this.#startNew(name);
      }
    } finally {
      if (opening === this.#opening) this.loading = false;
    }
  }

  /** Names the projection being written (a new one keeps its code), or starts a new one from the template. */
  nameNew(draftName: string): void {
    if (this.name === null) this.draftName = draftName;
    else this.newProjection(draftName);
  }

  /** A new projection from the template, saved later under `draftName`. */
  newProjection(draftName: string): void {
    this.#opening++;
    this.loading = false;
    this.name = null;
    this.outcome = null;
    this.problem = null;
    this.runError = null;
    this.saved = null;
    this.saveError = null;
    this.#startNew(draftName);
  }

  async run(): Promise<void> {
    const ticket = ++this.#ticket;
    const code = this.code;
    const against = this.name;
    this.running = true;
    this.progress = null;
    this.problem = null;
    this.runError = null;
    try {
      const outcome = await this.#api.call('projection.whatif', {
        code,
        ...(against === null ? {} : { name: against }),
        ...(this.position === null ? {} : { position: this.position }),
      });
      if (ticket !== this.#ticket) return;
      this.outcome = outcome;
      this.ranCode = code;
      this.ranAgainst = against;
    } catch (error) {
      if (ticket !== this.#ticket) return;
      if (error instanceof ContractError && error.code === 'Cancelled') return;
      this.outcome = null;
      if (error instanceof ContractError && error.code === 'ProjectionFault') this.problem = problemOf(error);
      else this.runError = errorText(error);
    } finally {
      if (ticket === this.#ticket) {
        this.running = false;
        this.progress = null;
      }
    }
  }

  async save(): Promise<void> {
    const name = this.saveName;
    if (name === null || this.saveBlocked !== null) return;
    this.saving = true;
    this.saveError = null;
    const code = this.code;
    try {
      const saved = await this.#api.call('projection.save', { name, code });
      this.saved = saved;
      this.name = name;
      this.fromBuiltin = null;
      this.savedCode = code;
      this.draftName = '';
      this.#followSaved();
    } catch (error) {
      this.saveError = errorText(error);
    } finally {
      this.saving = false;
    }
  }

  #startNew(draftName: string): void {
    this.code = NEW_PROJECTION_TEMPLATE;
    this.savedCode = null;
    this.draftName = draftName;
  }

  #followSaved(): void {
    const name = this.saved?.name;
    const now =
      name === undefined ? undefined : this.projections.find((projection) => projection.name === name);
    if (now !== undefined) this.saved = now;
  }

  async #readFolder(): Promise<void> {
    try {
      const [folder, projections] = await Promise.all([
        this.#api.call('folder.current', undefined),
        this.#api.call('projections.list', undefined),
      ]);
      if (folder !== null) this.lastPosition = folder.events;
      this.projections = projections;
    } catch {
      // The editor still works without the list: names are checked again when saving.
    }
    await this.#readTrust();
  }

  async #readTrust(): Promise<void> {
    try {
      this.trusted = (await this.#api.call('trust.status', undefined)).trusted;
    } catch {
      this.trusted = null;
    }
  }
}

function problemOf(error: ContractError): WhatIfProblem {
  const details = error.details ?? {};
  const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);
  return {
    position: number(details.position),
    message: typeof details.reason === 'string' ? details.reason : error.message,
    line: number(details.line),
    column: number(details.column),
  };
}
