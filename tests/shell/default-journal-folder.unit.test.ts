import { describe, expect, it } from 'vitest';
import { defaultJournalFolder } from '../../electron/serve/default-journal-folder.js';

// The same folders Electron's app.getPath('userData') gives for productName "Eventfold", plus /Journal.
describe('defaultJournalFolder', () => {
  it('uses ~/.config on Linux, or an absolute XDG_CONFIG_HOME', () => {
    expect(defaultJournalFolder({ platform: 'linux', env: {}, homedir: '/home/ada' })).toBe(
      '/home/ada/.config/Eventfold/Journal',
    );
    expect(
      defaultJournalFolder({ platform: 'linux', env: { XDG_CONFIG_HOME: '/cfg' }, homedir: '/home/ada' }),
    ).toBe('/cfg/Eventfold/Journal');
    expect(
      defaultJournalFolder({ platform: 'linux', env: { XDG_CONFIG_HOME: 'relative' }, homedir: '/home/ada' }),
    ).toBe('/home/ada/.config/Eventfold/Journal');
  });

  it('uses Application Support on macOS', () => {
    expect(defaultJournalFolder({ platform: 'darwin', env: {}, homedir: '/Users/ada' })).toBe(
      '/Users/ada/Library/Application Support/Eventfold/Journal',
    );
  });

  it('uses %APPDATA% on Windows', () => {
    const env = { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' };
    expect(defaultJournalFolder({ platform: 'win32', env, homedir: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Eventfold\\Journal',
    );
    expect(defaultJournalFolder({ platform: 'win32', env: {}, homedir: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Eventfold\\Journal',
    );
  });

  it('follows EVENTFOLD_USER_DATA, as the desktop app does, so every mode opens the same journal', () => {
    const env = { EVENTFOLD_USER_DATA: '/srv/ada-eventfold', XDG_CONFIG_HOME: '/cfg' };
    expect(defaultJournalFolder({ platform: 'linux', env, homedir: '/home/ada' })).toBe(
      '/srv/ada-eventfold/Journal',
    );
    expect(
      defaultJournalFolder({
        platform: 'win32',
        env: { EVENTFOLD_USER_DATA: 'D:\\eventfold' },
        homedir: 'C:\\Users\\ada',
      }),
    ).toBe('D:\\eventfold\\Journal');
  });
});
