import { describe, expect, it } from 'vitest';
import { requestNames } from '../../shared/contract.js';
import { useApiFixture } from './api-session-fixture.js';

const fixture = useApiFixture();

describe('dispatch', () => {
  it('refuses names the contract does not have, saying which', async () => {
    const session = fixture.session();
    for (const name of ['folder.delete', '', '__proto__', 'constructor', 42, null, { name: 'app.info' }]) {
      const error = await session.refusal(name, undefined);
      expect(error.code).toBe('BadRequest');
      expect(error.message).toMatch(/^Unknown request /);
    }
    expect((await session.refusal('folder.delete')).message).toContain('"folder.delete"');
  });

  it('refuses bad arguments with a message naming the request and the bad part', async () => {
    const dir = await fixture.folder([{ stream: 'order-1', type: 'Placed' }]);
    const session = await fixture.opened(dir);
    const cases: [string, unknown, string][] = [
      ['folder.open', {}, 'folder.open: path must be a non-empty string'],
      ['folder.open', { path: '/x', extra: 1 }, 'folder.open: extra must be absent'],
      ['log.open', { source: { kind: 'everything' } }, 'log.open: source must be'],
      [
        'log.open',
        { source: { kind: 'all' }, filter: { types: ['ok', ''] } },
        'log.open: filter.types[1] must be',
      ],
      ['log.page', { view: 'v', index: -1, limit: 10 }, 'log.page: index must be an integer from 0'],
      ['log.page', { view: 'v', index: 0, limit: 501 }, 'log.page: limit must be an integer from 1 to 500'],
      ['event.get', { position: 0 }, 'event.get: position must be an integer from 1'],
      [
        'event.append',
        { stream: 's', type: 't', data: { n: Number.NaN } },
        'event.append: data.n must be a finite number',
      ],
      ['app.info', { please: true }, 'app.info: the argument must be left out'],
      ['streams.list', { limit: 0 }, 'streams.list: limit must be an integer from 1 to 1000'],
    ];
    for (const [name, arg, message] of cases) {
      const error = await session.refusal(name, arg);
      expect(error.code, `${name} ${JSON.stringify(arg)}`).toBe('BadRequest');
      expect(error.message).toContain(message);
    }
  });

  it('has a handler for every request of the contract (none answers "unknown")', async () => {
    const session = fixture.session();
    for (const name of requestNames) {
      const answer = await session.answer(name, undefined);
      if (!answer.ok) expect(answer.error.message, name).not.toMatch(/^Unknown request/);
    }
  });

  it('answers NoFolder to folder requests before a folder is open, and null to folder.current', async () => {
    const session = fixture.session();
    expect(await session.call('folder.current', undefined)).toBeNull();
    for (const [name, arg] of [
      ['streams.list', {}],
      ['log.open', { source: { kind: 'all' } }],
      ['event.get', { position: 1 }],
      ['event.append', { stream: 's', type: 't' }],
      ['folder.repair', undefined],
    ] as const) {
      const error = await session.refusal(name, arg);
      expect(error.code, name).toBe('NoFolder');
      expect(error.message).toContain(name);
    }
  });

  it('answers Unsupported to folder.choose without a dialog, and the chosen path with one', async () => {
    const browser = fixture.session();
    const refused = await browser.refusal('folder.choose', { purpose: 'open' });
    expect(refused.code).toBe('Unsupported');
    const asked: string[] = [];
    const desktop = fixture.session({
      host: {
        mode: 'desktop',
        chooseFolder: (purpose) => {
          asked.push(purpose);
          return Promise.resolve(purpose === 'create' ? '/home/ada/New' : null);
        },
      },
    });
    expect(await desktop.call('folder.choose', { purpose: 'create' })).toEqual({ path: '/home/ada/New' });
    expect(await desktop.call('folder.choose', { purpose: 'open' })).toEqual({ path: null });
    expect(asked).toEqual(['create', 'open']);
  });

  it('tells the page its mode and version', async () => {
    const info = await fixture.session({ host: { mode: 'desktop' } }).call('app.info', undefined);
    expect(info.mode).toBe('desktop');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.platform).toBe(process.platform);
  });

  it('answers Closed, without a stack trace, once the session is disposed', async () => {
    const dir = await fixture.folder([{ stream: 'order-1', type: 'Placed' }]);
    const session = await fixture.opened(dir);
    await session.session.dispose();
    const error = await session.refusal('streams.list', {});
    expect(error.code).toBe('Closed');
    expect(JSON.stringify(error)).not.toMatch(/\n\s+at /);
  });
});
