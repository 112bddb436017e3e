/**
 * Journal folders for the chat view's end-to-end tests, written the way the app writes them: every
 * command goes through the journal's real command handler (shared/journal's decider, appended to the real
 * store), so the folder holds exactly the events the app and the CLI would. Times are given, never read
 * from a clock, so each test knows which day each message is on.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  AttachmentFiles,
  JournalCommandHandler,
  storeAttachmentFile,
  type FileToAttach,
} from '../../electron/journal/index.js';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import type { AttachmentRef, JournalCommand } from '../../shared/journal/index.js';

type Input = JournalCommand extends infer C ? (C extends JournalCommand ? Omit<C, 'at'> : never) : never;

/** Issues journal commands with ids the test names and times it chooses. */
export class JournalWriter {
  constructor(
    private readonly handler: JournalCommandHandler,
    private readonly files: AttachmentFiles,
  ) {}

  /** Stores a file in the folder as the app does (hashed, fsynced) and answers the reference a post names. */
  attach(file: FileToAttach): Promise<AttachmentRef> {
    return storeAttachmentFile(this.files, file);
  }

  async run(command: Input, at: Date | string): Promise<void> {
    const time = typeof at === 'string' ? at : at.toISOString();
    await this.handler.handle({ ...command, at: time });
  }

  channel(channel: string, name: string, at: Date | string): Promise<void> {
    return this.run({ type: 'CreateChannel', channel, name }, at);
  }

  post(
    channel: string,
    message: string,
    text: string,
    at: Date | string,
    extra: { replyTo?: string; attachments?: readonly AttachmentRef[] } = {},
  ): Promise<void> {
    return this.run({ type: 'PostMessage', channel, message, text, ...extra }, at);
  }
}

/** A new journal folder (in a temp dir; remove it with the harness's removeFolder) written by `write`. */
export async function makeJournalFolder(write: (journal: JournalWriter) => Promise<void>): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'eventfold-e2e-')), 'journal');
  await initEventFolder(dir);
  const store = await openEventStore(dir, { watch: false, durability: 'none' });
  try {
    await write(new JournalWriter(new JournalCommandHandler(store), new AttachmentFiles(dir)));
  } finally {
    await store.close();
  }
  return dir;
}

/** `days` whole days before `now`, at a UTC hour and minute. */
export function daysAgo(days: number, hour = 9, minute = 0, now = new Date()): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - days));
  day.setUTCHours(hour, minute);
  return day;
}

const require = createRequire(import.meta.url);

/**
 * axe-core's accessibility check on the page as it is, both themes by the caller: the serious and critical
 * violations, each with the rule and the first few elements. Evaluated through the browser's debugging
 * protocol, which the page's CSP (scripts only from the app) does not govern.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }
    ).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
            .slice(0, 3)
            .map((node) => node.target.join(' '))
            .join(', ')}`,
      );
  });
  return violations;
}

interface AxeResults {
  readonly violations: readonly {
    readonly id: string;
    readonly impact: string | null;
    readonly help: string;
    readonly nodes: readonly { readonly target: readonly string[] }[];
  }[];
}
