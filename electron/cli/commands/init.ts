import fs from 'node:fs';
import path from 'node:path';
import { initEventFolder } from '../../store/index.js';
import { JSON_OPTION, type Command } from '../command.js';
import { CliFailure } from '../failure.js';
import { printJson, printLine } from '../output.js';

export const initCommand: Command = {
  name: 'init',
  summary: 'Create a new, empty event folder',
  usage: ['DIR [--json]'],
  description:
    'Creates DIR (and its parents) if needed and makes it an event folder: eventfold.json, the manifest\n' +
    'that names the format and gives the folder its id, and log/, where the events go.\n' +
    'A folder that already holds files is refused, so that an event log never mixes with other files.',
  arguments: { required: ['DIR'] },
  options: { json: { ...JSON_OPTION, description: 'Print the new manifest as JSON' } },
  examples: ['eventfold init ~/journal'],
  async run(args) {
    const dir = args.positionals[0]!;
    if (fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() === false) {
      throw new CliFailure(`${dir} is a file, not a folder; give a new or empty folder`);
    }
    const manifest = await initEventFolder(dir);
    if (args.flag('json')) {
      await printJson({ folder: path.resolve(dir), manifest });
    } else {
      await printLine(`Created event folder ${dir}`);
      await printLine(
        `  ${path.join(dir, 'eventfold.json')}  (format v${manifest.version}, id ${manifest.id})`,
      );
      await printLine(`  ${path.join(dir, 'log')}${path.sep}`);
    }
    return 0;
  },
};
