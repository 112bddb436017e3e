import { readManifest } from '../../store/index.js';
import { openInBrowser } from '../browser.js';
import type { Command } from '../command.js';
import { Interrupt } from '../interrupt.js';
import { ensureRendererBuilt, rendererDirectory } from '../renderer-build.js';
import { printError, printLine } from '../output.js';
import type { RunningBrowserMode } from '../../serve/browser-mode.js';
import { isLoopback, urlHost } from '../../serve/listen-address.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Open a folder in the browser (serves the app on 127.0.0.1)',
  usage: ['DIR [--port N] [--host H] [--allow-host NAME]... [--no-open]'],
  description:
    'Serves the Eventfold app for DIR to the browser and prints the address to open, which carries a\n' +
    'secret token: only a browser that knows it gets in. Appends by any process show live.\n' +
    'Runs until interrupted (Ctrl-C).\n' +
    'With --host 0.0.0.0 (or another address other machines can reach) it also prints the addresses\n' +
    'they can use, and warns: without TLS the token travels in clear text. Requests must still name\n' +
    'this machine (one of its addresses, its host name, or a name given with --allow-host).\n' +
    'In a source checkout the first serve builds the app (once); EVENTFOLD_RENDERER_DIR serves another build.',
  arguments: { required: ['DIR'] },
  options: {
    port: { type: 'string', value: 'N', description: 'Listen on port N (default: a free port)' },
    host: { type: 'string', value: 'H', description: 'Listen on host H (default 127.0.0.1)' },
    'allow-host': {
      type: 'string',
      value: 'NAME',
      multiple: true,
      description: 'Also accept requests addressed to NAME (a DNS name of this machine)',
    },
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
      allowedHosts: args.strings('allow-host'),
    });
    await printLine(`Eventfold serving ${dir} at ${server.url}`);
    if (server.remote) await announceRemote(server);
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

/**
 * Listening where other machines reach it: says where exactly, which addresses they can use, and that
 * the token (which grants the whole folder) crosses the network readable by anyone on the way.
 */
async function announceRemote(server: RunningBrowserMode): Promise<void> {
  const where = urlHost(server.address);
  const scope =
    server.address === '0.0.0.0'
      ? ' (every IPv4 address of this machine)'
      : server.address === '::'
        ? ' (every address of this machine)'
        : '';
  const query = new URL(server.url).search;
  await printLine(`Listening on ${where}:${server.port}${scope}; other machines can open:`);
  for (const name of server.names.filter((name) => !isLoopback(name))) {
    await printLine(`  http://${urlHost(name)}:${server.port}/${query}`);
  }
  printError(
    `warning: listening on ${server.address} lets other machines reach this folder over plain HTTP. ` +
      'The access token in the address travels in clear text (there is no TLS): anyone who can watch the ' +
      'network can read it, and with it read and append to the folder. Serve on 127.0.0.1 (the default) ' +
      'unless every machine on the network is yours.',
  );
}
