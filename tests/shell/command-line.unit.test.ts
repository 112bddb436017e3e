import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderFromCommandLine } from '../../electron/main/command-line.js';

const packaged = { cwd: '/home/ada', defaultApp: false };
const development = { cwd: '/home/ada', defaultApp: true };

describe('folderFromCommandLine', () => {
  it('reads --folder PATH, --folder=PATH and a bare path, resolved against the launch directory', () => {
    expect(folderFromCommandLine(['Eventfold', '--folder', 'shop'], packaged)).toBe('/home/ada/shop');
    expect(folderFromCommandLine(['Eventfold', '--folder=/data/shop'], packaged)).toBe('/data/shop');
    expect(folderFromCommandLine(['Eventfold', '../bob/shop'], packaged)).toBe(
      path.resolve('/home/bob/shop'),
    );
    expect(folderFromCommandLine(['Eventfold', '--', '--odd-name'], packaged)).toBe('/home/ada/--odd-name');
  });

  it('skips the switches Chromium, Electron, Playwright and macOS add', () => {
    const argv = [
      'Eventfold',
      '--no-sandbox',
      '--inspect=0',
      '-psn_0_1234',
      '/data/shop',
      '--enable-logging',
    ];
    expect(folderFromCommandLine(argv, packaged)).toBe('/data/shop');
  });

  it('does not take the app path of `electron APP_PATH` for a folder', () => {
    const argv = ['/usr/lib/electron/electron', '--inspect=0', '/src/eventfold', '--folder=/data/shop'];
    expect(folderFromCommandLine(argv, development)).toBe('/data/shop');
    expect(
      folderFromCommandLine(['/usr/lib/electron/electron', '/src/eventfold'], development),
    ).toBeUndefined();
    expect(folderFromCommandLine(['/usr/lib/electron/electron', '.', 'shop'], development)).toBe(
      '/home/ada/shop',
    );
  });

  it('gives undefined when no folder is named', () => {
    expect(folderFromCommandLine(['Eventfold'], packaged)).toBeUndefined();
    expect(folderFromCommandLine(['Eventfold', '--folder='], packaged)).toBeUndefined();
    expect(folderFromCommandLine(['Eventfold', '--folder'], packaged)).toBeUndefined();
  });
});
