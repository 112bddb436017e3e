import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initEventFolder, openEventStore } from '../../electron/store/index.js';
import { useTempFolders } from './temp-folders.js';

const tempFolder = useTempFolders();

describe("a store's stream names (what an open asks without laying out every stream)", () => {
  it('says which streams have events and names them in order, warm from the index cache or not', async () => {
    const folder = path.join(tempFolder(), 'events');
    await initEventFolder(folder);
    const first = await openEventStore(folder, { watch: false });
    await first.appendToStream('journal-channels', [{ type: 'ChannelCreated' }]);
    await first.appendToStream('message-1', [{ type: 'MessagePosted' }, { type: 'MessageEdited' }]);
    await first.appendToStream('order-7', [{ type: 'OrderPlaced' }]);
    const asked = (store: typeof first) => ({
      names: store.streamNames(),
      channels: store.hasStream('journal-channels'),
      order: store.hasStream('order-7'),
      missing: store.hasStream('message-2'),
    });
    const expected = {
      names: ['journal-channels', 'message-1', 'order-7'],
      channels: true,
      order: true,
      missing: false,
    };
    expect(asked(first)).toStrictEqual(expected);
    await first.close();

    // Reopened from the index cache, the streams are not laid out until something needs them.
    const warm = await openEventStore(folder, { watch: false });
    try {
      expect(asked(warm)).toStrictEqual(expected);
      expect(warm.streams().map((stream) => stream.stream)).toStrictEqual(expected.names);
      expect(asked(warm)).toStrictEqual(expected);
      await warm.appendToStream('message-2', [{ type: 'MessagePosted' }]);
      expect(asked(warm)).toStrictEqual({
        ...expected,
        names: [...expected.names, 'message-2'],
        missing: true,
      });
    } finally {
      await warm.close();
    }
  });
});
