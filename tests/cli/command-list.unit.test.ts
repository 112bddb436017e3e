import { describe, expect, it } from 'vitest';
import { COMMANDS, loadCommand } from '../../electron/cli/command-list.js';

describe('the command list', () => {
  it.each(COMMANDS.map((listed) => [listed.name, listed] as const))(
    'lists %s with the name and summary of the command it loads',
    async (_name, listed) => {
      const command = await listed.load();
      expect({ name: command.name, summary: command.summary }).toEqual({
        name: listed.name,
        summary: listed.summary,
      });
    },
  );

  it('loads no command for a name it does not list', async () => {
    expect(await loadCommand('apend')).toBeUndefined();
  });
});
