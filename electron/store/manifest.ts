import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from '../../shared/store-error.js';
import { writeFileAtomic, syncDirectory } from './atomic-file.js';
import { describeEntry, inspectEntry, readableFile } from './folder-entry.js';
import { FolderLayout, MANIFEST_FILE } from './folder-layout.js';

export const FORMAT_NAME = 'eventfold';
export const FORMAT_VERSION = 1;

/** `eventfold.json`: says what the folder is and gives it an id that survives renames and copies. */
export interface Manifest {
  readonly format: typeof FORMAT_NAME;
  readonly version: typeof FORMAT_VERSION;
  readonly id: string;
  readonly created: string;
  /** Segments are sealed once they pass this many bytes. */
  readonly segmentSizeLimit: number;
}

export const DEFAULT_SEGMENT_SIZE_LIMIT = 64 * 1024 * 1024;
/** Manifests are a few hundred bytes; a huge file in its place is not read into memory. */
const MAX_MANIFEST_BYTES = 1024 * 1024;
export const MIN_SEGMENT_SIZE_LIMIT = 1024;

export interface InitOptions {
  readonly segmentSizeLimit?: number;
}

/**
 * Makes `dir` an event folder. An existing empty folder is fine; a folder holding anything else is
 * refused, so that init can never mix an event log into someone's files.
 */
export async function initEventFolder(dir: string, options: InitOptions = {}): Promise<Manifest> {
  const layout = new FolderLayout(dir);
  const limit = options.segmentSizeLimit ?? DEFAULT_SEGMENT_SIZE_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < MIN_SEGMENT_SIZE_LIMIT) {
    throw new StoreError(
      'InvalidArgument',
      `segmentSizeLimit must be a whole number of bytes >= ${MIN_SEGMENT_SIZE_LIMIT}, not ${String(limit)}`,
    );
  }
  await makeDirectory(dir);
  const existing = await fs.readdir(dir);
  if (existing.includes(MANIFEST_FILE)) {
    throw new StoreError('FolderNotEmpty', `${dir} is already an event folder (it has ${MANIFEST_FILE})`, {
      dir,
    });
  }
  const foreign = existing.filter((name) => !name.startsWith('.'));
  if (foreign.length > 0) {
    throw new StoreError(
      'FolderNotEmpty',
      `${dir} is not empty (it holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); choose an empty or new folder`,
      { dir },
    );
  }
  const manifest: Manifest = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    id: randomUUID(),
    created: new Date().toISOString(),
    segmentSizeLimit: limit,
  };
  await fs.mkdir(layout.log, { recursive: true });
  await syncDirectory(layout.log);
  // The manifest goes last: a folder with a manifest is complete.
  await writeFileAtomic(layout.manifest, JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

export async function readManifest(dir: string): Promise<Manifest> {
  const layout = new FolderLayout(dir);
  const entry = inspectEntry(layout.manifest);
  if (entry.kind !== 'missing' && !readableFile(entry)) {
    // A directory would fail with a bare EISDIR, and a FIFO would block the read forever.
    throw new StoreError(
      'NotAnEventFolder',
      `${layout.manifest} is ${describeEntry(entry)}, not the manifest file: ${dir} is not an event folder`,
      { dir },
    );
  }
  if (entry.kind !== 'missing' && (await fs.stat(layout.manifest)).size > MAX_MANIFEST_BYTES) {
    throw new StoreError(
      'NotAnEventFolder',
      `${layout.manifest} is too large to be a manifest: ${dir} is not an event folder`,
      { dir },
    );
  }
  let text: string;
  try {
    text = await fs.readFile(layout.manifest, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const kind: 'folder' | 'file' | 'missing' = await fs.stat(dir).then(
        (stat) => (stat.isDirectory() ? 'folder' : 'file'),
        () => 'missing' as const,
      );
      const message = {
        folder: `${dir} is not an event folder: it has no ${MANIFEST_FILE} (create one with \`eventfold init\`)`,
        file: `${dir} is a file, not an event folder`,
        missing: `${dir} does not exist`,
      }[kind];
      throw new StoreError('NotAnEventFolder', message, { dir });
    }
    throw error;
  }
  return parseManifest(text, dir);
}

function parseManifest(text: string, dir: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StoreError(
      'NotAnEventFolder',
      `${dir}/${MANIFEST_FILE} is not valid JSON: ${(error as Error).message}`,
      {
        dir,
      },
    );
  }
  const manifest = value as Partial<Manifest> | null;
  if (typeof manifest !== 'object' || manifest?.format !== FORMAT_NAME) {
    throw new StoreError(
      'NotAnEventFolder',
      `${dir}/${MANIFEST_FILE} does not describe an eventfold folder`,
      { dir },
    );
  }
  if (manifest.version !== FORMAT_VERSION) {
    throw new StoreError(
      'UnsupportedFormat',
      `${dir} uses format version ${String(manifest.version)}; this Eventfold reads version ${FORMAT_VERSION}`,
      { dir, version: manifest.version },
    );
  }
  if (typeof manifest.id !== 'string' || manifest.id === '') {
    throw new StoreError('NotAnEventFolder', `${dir}/${MANIFEST_FILE} has no folder id`, { dir });
  }
  const limit = manifest.segmentSizeLimit;
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    id: manifest.id,
    created: typeof manifest.created === 'string' ? manifest.created : '',
    segmentSizeLimit:
      typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 1024
        ? limit
        : DEFAULT_SEGMENT_SIZE_LIMIT,
  };
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir spins forever on paths it cannot create in some
 * pseudo file systems (/proc), and a user typing a wrong path must get an error, not a hung command.
 */
async function makeDirectory(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if ((await fs.stat(dir)).isDirectory()) return;
      throw new StoreError('InvalidArgument', `${dir} exists and is not a folder`, { dir });
    }
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    await makeDirectory(parent);
    await fs.mkdir(dir);
  }
}
