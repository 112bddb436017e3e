import { formatCount } from './number-format.js';
import type { FolderSummary } from '../../../shared/contract.js';
import type { AppendResult } from '../../../shared/event.js';
import type { AppSession } from './app-session.svelte.js';
import { FolderOverview } from './folder-overview.svelte.js';
import { Navigation } from './navigation.svelte.js';
import { ProjectionCatalog } from './projections/projection-catalog.svelte.js';
import type { Router } from './routing/router.svelte.js';

/**
 * One open folder as the page shows it: where the user is in it (navigation), its overview and projections,
 * the clock relative times follow, and the append dialog. Views read it from context (workspace-context.ts)
 * instead of through props, and actions act on it.
 */
export class Workspace {
  readonly navigation: Navigation;
  readonly overview: FolderOverview;
  readonly projections: ProjectionCatalog;
  /** Now, as relative times ("5 min ago") read it; ticks while the folder is open. */
  now = $state(Date.now());
  /** The append dialog is open. */
  appending = $state(false);
  /** The projection last shown: Shift-click in a log compares its states at the two events there. */
  lastProjection = $state<string | null>(null);
  readonly session: AppSession;

  constructor(session: AppSession, router: Router) {
    this.session = session;
    this.navigation = new Navigation(router);
    this.overview = new FolderOverview(session.api);
    this.projections = new ProjectionCatalog(session.api);
  }

  /** The folder; a workspace exists only while one is open. */
  get folder(): FolderSummary {
    const folder = this.session.folder;
    if (folder === null) throw new Error('Workspace.folder was read after the folder closed');
    return folder;
  }

  /** Why the folder takes no appends now (shown on the disabled button), or null when it does. */
  get appendBlocked(): string | null {
    const folder = this.session.folder;
    if (!folder) return 'No folder is open';
    // An append sent while the server is away would fail (or, restarted, be refused for the old token).
    if (this.session.loss === 'restarted') return 'Eventfold was restarted: open the address it printed';
    if (!this.session.online) return 'Reconnecting to Eventfold';
    if (folder.health.condition === 'missing') return 'The folder was removed or renamed';
    if (folder.health.condition === 'corrupt') return 'The folder is damaged and open read-only';
    if (folder.health.condition === 'torn-tail') return 'Repair the interrupted append first';
    if (folder.readOnly) return 'The folder is open read-only';
    return null;
  }

  /** The stream the append dialog starts with: the one whose log is open. */
  get streamShown(): string {
    const view = this.navigation.view;
    return view.kind === 'log' && view.source.kind === 'stream' ? view.source.stream : '';
  }

  openAppend(): void {
    const blocked = this.appendBlocked;
    if (blocked === null) this.appending = true;
    else this.session.notify(`Cannot append: ${blocked.toLowerCase()}.`);
  }

  /** The append dialog appended: it closes, the new event opens beside the view, and a notice says where. */
  appended(result: AppendResult, stream: string): void {
    this.appending = false;
    this.navigation.select(result.firstPosition);
    this.session.notify(
      result.duplicate
        ? `Already in ${stream} at position ${formatCount(result.firstPosition)}: nothing new was written.`
        : `Appended to ${stream} at position ${formatCount(result.firstPosition)} (revision ${formatCount(result.nextExpectedRevision)}).`,
      'success',
    );
  }

  /** Shift-click of two events in a log: compare them in the projection last shown. */
  compareInProjection(a: number, b: number): void {
    if (this.lastProjection === null) return;
    this.navigation.showProjection(this.lastProjection, {
      a: String(Math.min(a, b)),
      b: String(Math.max(a, b)),
      tab: 'compare',
    });
  }
}
