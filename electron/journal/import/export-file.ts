import fs from 'node:fs/promises';
import path from 'node:path';
import { JournalError, type ImportSource } from '../../../shared/journal/index.js';
import { jsonSyntaxError } from './json-syntax.js';

/** Export files larger than this are refused before they are read (JSON.parse needs it all in memory). */
export const MAX_EXPORT_BYTES = 512 * 1024 * 1024;

/** The JSON file each tool writes, when the user names the folder the export unpacked to. */
const FILE_IN_FOLDER: Readonly<Record<ImportSource, readonly string[]>> = {
  telegram: ['result.json'],
  jrnl: [],
  dayone: ['Journal.json'],
};

export interface ExportFile {
  /** The JSON file. */
  readonly file: string;
  /** The folder its photos and files are relative to. */
  readonly folder: string;
  readonly bytes: number;
}

/**
 * Finds the export's JSON file: the file named, or the tool's file in a folder named (Telegram's
 * result.json; Day One's Journal.json, or the only .json file there). Refuses what cannot be an export.
 */
export async function locateExport(named: string, from: ImportSource): Promise<ExportFile> {
  const absolute = path.resolve(named);
  let stat = await statOrRefuse(absolute);
  let file = absolute;
  if (stat.isDirectory()) {
    const names = await fs.readdir(absolute);
    const known = FILE_IN_FOLDER[from].find((name) => names.includes(name));
    const json = names.filter((name) => name.toLowerCase().endsWith('.json'));
    const chosen = known ?? (json.length === 1 ? json[0] : undefined);
    if (chosen === undefined) {
      throw failed(
        `${absolute} is a folder without ${FILE_IN_FOLDER[from][0] ?? 'a single .json export'}: name the export's JSON file`,
      );
    }
    file = path.join(absolute, chosen);
    stat = await statOrRefuse(file);
  }
  if (file.toLowerCase().endsWith('.zip')) {
    throw failed(`${file} is a zip archive: unzip it first, then import the JSON file in it`);
  }
  if (!stat.isFile()) throw failed(`${file} is not a file`);
  if (stat.size > MAX_EXPORT_BYTES) {
    throw failed(`${file} is ${Math.round(stat.size / 2 ** 20)} MiB; exports up to 512 MiB can be imported`);
  }
  return { file, folder: path.dirname(file), bytes: stat.size };
}

/**
 * The file's JSON. A syntax error is refused naming its line and column (as an editor shows them), and
 * the start of the file tells a wrong file apart (an HTML export, a zip) with a message to match.
 */
export async function readExportJson(file: string): Promise<unknown> {
  const text = (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const start = text.trimStart().slice(0, 20).toLowerCase();
    if (start.startsWith('<!doctype') || start.startsWith('<html')) {
      throw failed(`${path.basename(file)} is an HTML export: export as JSON (machine-readable) instead`, {
        where: 'line 1',
      });
    }
    const syntax = jsonSyntaxError(text);
    const where = syntax === undefined ? '' : ` at line ${syntax.line}, column ${syntax.column}`;
    throw failed(
      `${path.basename(file)} is not valid JSON${where}: ${syntax?.message ?? (error as Error).message}`,
      syntax === undefined ? {} : { where: `line ${syntax.line}`, line: syntax.line, column: syntax.column },
    );
  }
}

async function statOrRefuse(file: string) {
  try {
    return await fs.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw failed(
      code === 'ENOENT' ? `${file} does not exist` : `${file} cannot be read (${code ?? 'error'})`,
    );
  }
}

/** The import's own failure: 'ImportFailed' with what to do, and where in the file when known. */
export function failed(message: string, details: Readonly<Record<string, unknown>> = {}): JournalError {
  return new JournalError('ImportFailed', message, details);
}
