import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventfold, newFolder, tempDir } from './eventfold-process.js';

const COMMANDS = ['init', 'append', 'read', 'streams', 'stats', 'verify', 'repair', 'serve'];

describe('eventfold help and usage errors', () => {
  it('lists every command and the exit codes with --help, and help COMMAND shows that command', async () => {
    const main = await eventfold(['--help']);
    expect(main.code).toBe(0);
    for (const name of COMMANDS) expect(main.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(main.stdout).toContain('3 wrong expected revision');

    const viaHelp = await eventfold(['help', 'append']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toContain('Usage: eventfold append DIR STREAM TYPE');
    expect(viaHelp.stdout).toContain('--expected-revision N|any|no-stream|exists');
  });

  it.each(COMMANDS)(
    '%s --help prints its usage and options and exits 0, even beside a bad option',
    async (name) => {
      const result = await eventfold([name, '--help', '--no-such-option']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: eventfold ${name} DIR`));
      expect(result.stdout).toContain('-h, --help');
      expect(result.stderr).toBe('');
    },
  );

  it('prints the package version', async () => {
    const version = (
      JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    const result = await eventfold(['--version']);
    expect(result).toEqual({ code: 0, stdout: `eventfold ${version}\n`, stderr: '' });
  });

  it('exits 2 with the command list on stderr when no command is given', async () => {
    const result = await eventfold([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: eventfold COMMAND');
  });

  it('exits 2 for an unknown command, suggesting the likely one', async () => {
    const result = await eventfold(['raed', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'eventfold: unknown command "raed" (did you mean read?); run eventfold --help for the list\n',
    );
    expect((await eventfold(['help', 'nope'])).code).toBe(2);
  });

  it('exits 2 for an unknown option, naming it and the help to read', async () => {
    const dir = await newFolder();
    const result = await eventfold(['read', dir, '--colour']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('eventfold: unknown option --colour (see eventfold read --help)\n');
    expect((await eventfold(['read', dir, '-x'])).stderr).toContain('unknown option -x');
  });

  it('exits 2 for a missing argument, naming it', async () => {
    const result = await eventfold(['append']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('eventfold: missing DIR (see eventfold append --help)\n');
    const dir = await newFolder();
    const noType = await eventfold(['append', dir, 'order-1']);
    expect(noType.code).toBe(2);
    expect(noType.stderr).toContain('missing TYPE');
  });

  it('exits 2 for bad option values, a missing value, and an extra argument', async () => {
    const dir = await newFolder();
    const cases: [string[], string][] = [
      [['read', dir, '--limit', 'ten'], '--limit must be a whole number >= 1, not "ten"'],
      [['read', dir, '--limit', '0'], '--limit must be a whole number >= 1, not "0"'],
      [['read', dir, '--from', '1.5'], '--from must be a whole number >= 1, not "1.5"'],
      [['read', dir, '--limit'], '--limit needs a value (N)'],
      [['read', dir, '--json=yes'], '--json takes no value'],
      [['read', dir, '--limit', '1', '--limit', '2'], '--limit is given more than once'],
      [['read', dir, '--stream', 'a', '--category', 'b'], 'give --stream or --category, not both'],
      [['read', dir, '--follow', '--backwards'], 'cannot be combined with --backwards'],
      [['append', dir, 's', 'T', '--expected-revision', 'latest'], '--expected-revision must be a revision'],
      [['append', dir, '--stdin', '--data', '{}'], '--data cannot be combined with --stdin'],
      [['stats', dir, 'extra'], 'unexpected argument "extra"'],
      [['serve', dir, '--port', '70000'], '--port must be a whole number from 0 to 65535'],
    ];
    for (const [args, message] of cases) {
      const result = await eventfold(args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr).toMatch(/^eventfold: .*\n$/);
      expect(result.stderr).toContain(message);
    }
  });

  it('exits 1 naming the folder when it does not exist or is not an event folder', async () => {
    const missing = path.join(tempDir(), 'nowhere');
    for (const command of ['read', 'streams', 'stats', 'verify', 'repair']) {
      const result = await eventfold([command, missing]);
      expect({ command, code: result.code }).toEqual({ command, code: 1 });
      expect(result.stderr).toBe(`eventfold: ${missing} does not exist\n`);
    }
    const plain = tempDir();
    const result = await eventfold(['read', plain]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${plain} is not an event folder`);
    expect(fs.readdirSync(plain)).toEqual([]);
  });
});
