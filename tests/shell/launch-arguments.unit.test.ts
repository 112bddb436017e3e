import { describe, expect, it } from 'vitest';
import { folderArgument } from '../../electron/main/launch-arguments.js';

describe('folderArgument', () => {
  it('reads --folder=PATH and --folder PATH', () => {
    expect(folderArgument(['electron', 'out/main/index.js', '--folder=/data/shop'])).toBe('/data/shop');
    expect(folderArgument(['Eventfold', '--folder', '/data/shop'])).toBe('/data/shop');
  });

  it('gives undefined when no folder is named', () => {
    expect(folderArgument(['Eventfold'])).toBeUndefined();
    expect(folderArgument(['Eventfold', '--folder='])).toBeUndefined();
    expect(folderArgument(['Eventfold', '--folder'])).toBeUndefined();
  });
});
