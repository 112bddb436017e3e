import path from 'node:path';
import type { ImportProblem, ImportSource } from '../../../shared/journal/index.js';
import { parseDayOneExport } from './dayone-export.js';
import { failed, locateExport, readExportJson, type ExportFile } from './export-file.js';
import { parseJrnlExport } from './jrnl-export.js';
import type { ParsedExport } from './parsed-export.js';
import { parseTelegramExport } from './telegram-export.js';
import { isKnownTimeZone, localTimeZone } from './wall-time.js';

/** The tools by their name in messages. */
export const APP_NAMES: Readonly<Record<ImportSource, string>> = {
  telegram: 'Telegram',
  jrnl: 'jrnl',
  dayone: 'Day One',
};

export interface ReadExport {
  readonly source: ExportFile;
  readonly parsed: ParsedExport;
}

/**
 * Finds, reads and parses an export. `timeZone` is the zone its wall-clock times are read in (jrnl's,
 * old Telegram exports'); the importing computer's by default. A file that is not JSON, or not this
 * tool's export at all, is refused here; problems inside entries come back in `parsed.problems`.
 */
export async function readExport(
  named: string,
  from: ImportSource,
  timeZone = localTimeZone(),
): Promise<ReadExport> {
  if (!isKnownTimeZone(timeZone))
    throw failed(`${timeZone} is not a time zone this computer knows (try Europe/Oslo or UTC)`);
  const source = await locateExport(named, from);
  const json = await readExportJson(source.file);
  const parsed =
    from === 'telegram'
      ? parseTelegramExport(json, timeZone)
      : from === 'jrnl'
        ? parseJrnlExport(json, timeZone)
        : parseDayOneExport(json);
  return { source, parsed };
}

/** Refuses an export with problems, naming the first ones and where they are; nothing has been appended. */
export function refuseProblems(
  source: ExportFile,
  from: ImportSource,
  problems: readonly ImportProblem[],
): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 3).map((problem) => `${problem.where} ${problem.message}`);
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  throw failed(
    `${path.basename(source.file)} is not a ${APP_NAMES[from]} export this can import, nothing was imported: ${shown.join('; ')}${more}`,
    { file: source.file, problems },
  );
}
