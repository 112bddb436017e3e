import { describe, expect, it } from 'vitest';
import { readLaunchContext } from '../../renderer/src/lib/launch-context.js';

const at = (search: string, extra: object = {}) => ({ location: { search } as Location, ...extra });

describe('readLaunchContext', () => {
  it('takes the folder from ?folder=', () => {
    expect(readLaunchContext(at('?token=x&folder=%2Fhome%2Fada%2FJournal'))).toEqual({
      folder: '/home/ada/Journal',
      mode: 'browser',
    });
  });

  it('has no folder when the query names none or an empty one', () => {
    expect(readLaunchContext(at('')).folder).toBeNull();
    expect(readLaunchContext(at('?folder=%20')).folder).toBeNull();
  });

  it('knows it is in the desktop window when the preload bridge is there', () => {
    expect(readLaunchContext(at('?folder=%2Fa', { eventfold: {} })).mode).toBe('desktop');
  });
});
