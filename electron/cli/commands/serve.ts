import { existsSync } from 'node:fs';
import path from 'node:path';
import { readManifest } from '../../store/index.js';
import { startBrowserMode } from '../../serve/browser-mode.js';
import { openInBrowser } from '../browser.js';
import type { Command } from '../command.js';
import { CliFailure } from '../failure.js';
import { Interrupt } from '../interrupt.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { printLine } from '../output.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Open a folder in the browser (serves the app on 127.0.0.1)',
  usage: ['DIR [--port N] [--host H] [--no-open]'],
  description:
    'Serves the Eventfold app for DIR to the browser and prints the address to open, which carries a\n' +
    'secret token: only a browser that knows it gets in. Appends by any process show live.\n' +
    'Runs until interrupted (Ctrl-C).\n' +
    'The app must be built first (`npm run build`); EVENTFOLD_RENDERER_DIR serves another build.',
  arguments: { required: ['DIR'] },
  options: {
    port: { type: 'string', value: 'N', description: 'Listen on port N (default: a free port)' },
    host: { type: 'string', value: 'H', description: 'Listen on host H (default 127.0.0.1)' },
    'no-open': { type: 'boolean', description: 'Do not open a browser, only print the address' },
  },
  async run(args) {
    const dir = args.positionals[0]!;
    const port = args.integer('port', 0, 65535) ?? 0;
    await readManifest(dir);
    const rendererDir = process.env.EVENTFOLD_RENDERER_DIR ?? path.join(PACKAGE_ROOT, 'out', 'renderer');
    if (!existsSync(path.join(rendererDir, 'index.html'))) {
      throw new CliFailure(
        `the browser app is not built (${rendererDir} has no index.html); run \`npm run build\` in ${PACKAGE_ROOT}`,
      );
    }
    const interrupt = new Interrupt();
    const server = await startBrowserMode({
      folder: dir,
      rendererDir,
      port,
      ...(args.has('host') ? { host: args.string('host')! } : {}),
    });
    await printLine(`Eventfold serving ${dir} at ${server.url}`);
    if (!args.flag('no-open')) openInBrowser(server.url);
    try {
      await interrupt.signalled;
    } finally {
      interrupt.dispose();
      await server.close();
    }
    return 0;
  },
};
