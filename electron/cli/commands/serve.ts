import { readManifest } from '../../store/index.js';
import { openInBrowser } from '../browser.js';
import type { Command } from '../command.js';
import { Interrupt } from '../interrupt.js';
import { ensureRendererBuilt, rendererDirectory } from '../renderer-build.js';
import { printLine } from '../output.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Open a folder in the browser (serves the app on 127.0.0.1)',
  usage: ['DIR [--port N] [--host H] [--no-open]'],
  description:
    'Serves the Eventfold app for DIR to the browser and prints the address to open, which carries a\n' +
    'secret token: only a browser that knows it gets in. Appends by any process show live.\n' +
    'Runs until interrupted (Ctrl-C).\n' +
    'In a source checkout the first serve builds the app (once); EVENTFOLD_RENDERER_DIR serves another build.',
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
    const rendererDir = rendererDirectory();
    await ensureRendererBuilt(rendererDir);
    const interrupt = new Interrupt();
    // Loaded here, not at the top: every other command starts without the server, the api and their modules.
    const { startBrowserMode } = await import('../../serve/browser-mode.js');
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
