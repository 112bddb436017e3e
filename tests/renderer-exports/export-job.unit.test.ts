import { describe, expect, it } from 'vitest';
import type { EventfoldApi, PreparedFile } from '../../shared/contract.js';
import { ExportJob } from '../../renderer/src/lib/exports/export-job.svelte.js';

/** The Node side as the job sees it: an export.prepare the test answers when it likes, and the calls made. */
class ExportsApi {
  readonly calls: string[] = [];
  private answer: { resolve: (file: PreparedFile) => void; reject: (error: Error) => void } | undefined;

  readonly api = {
    call: (name: string) => {
      this.calls.push(name);
      if (name === 'export.prepare')
        return new Promise((resolve, reject) => (this.answer = { resolve, reject }));
      return Promise.resolve(null);
    },
    on: () => () => undefined,
  } as unknown as EventfoldApi;

  finish(): void {
    this.answer?.resolve(PREPARED);
  }

  cancelled(): void {
    this.answer?.reject(Object.assign(new Error('export.prepare: cancelled'), { code: 'Cancelled' }));
  }
}

const PREPARED: PreparedFile = {
  file: 'f1',
  name: 'events.jsonl',
  bytes: 120,
  mediaType: 'application/x-ndjson',
  stamp: {
    version: 1,
    format: 'jsonl',
    folder: 'folder',
    selection: { source: { kind: 'all' }, filter: {}, from: 1, to: 2 },
    count: 2,
    eventsSha256: 'ab'.repeat(32),
  },
} as unknown as PreparedFile;

const REQUEST = { kind: 'events', source: { kind: 'all' }, format: 'jsonl' } as const;

describe('ExportJob.stop', () => {
  it('asks the Node side to stop, and its Cancelled answer reads as stopped, not failed', async () => {
    const node = new ExportsApi();
    const job = new ExportJob(node.api, () => undefined);
    const preparing = job.prepare(REQUEST);
    expect(job.status).toBe('working');
    await job.stop();
    expect(node.calls).toEqual(['export.prepare', 'export.cancel']);
    node.cancelled();
    expect(await preparing).toBeNull();
    expect(job.status).toBe('stopped');
    expect(job.message).toBe('Stopped: no file was made');
  });

  it('drops a file that was made before the stop arrived', async () => {
    const node = new ExportsApi();
    const job = new ExportJob(node.api, () => undefined);
    const preparing = job.prepare(REQUEST);
    await job.stop();
    node.finish();
    expect(await preparing).toBeNull();
    expect(job.prepared).toBeNull();
    expect(job.status).toBe('stopped');
  });

  it('lets the next export run as usual after a stop', async () => {
    const node = new ExportsApi();
    const job = new ExportJob(node.api, () => undefined);
    void job.prepare(REQUEST);
    await job.stop();
    node.cancelled();
    const again = job.prepare(REQUEST);
    node.finish();
    expect(await again).toEqual(PREPARED);
    expect(job.status).toBe('ready');
    expect(job.message).toBeNull();
  });

  it('stops the export when its dialog closes, and sends nothing when there is none', () => {
    const idle = new ExportsApi();
    new ExportJob(idle.api, () => undefined).dispose();
    expect(idle.calls).toEqual([]);

    const node = new ExportsApi();
    const job = new ExportJob(node.api, () => undefined);
    void job.prepare(REQUEST);
    job.dispose();
    expect(node.calls).toEqual(['export.prepare', 'export.cancel']);
  });
});
