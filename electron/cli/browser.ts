import { spawn } from 'node:child_process';

/**
 * Opens a URL in the user's default browser, best effort: on a machine without one (a server, CI) the
 * printed address is what counts, so a failure here is only mentioned.
 */
export function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () =>
      process.stderr.write(`(could not open a browser; open the address above yourself)\n`),
    );
    child.unref();
  } catch {
    process.stderr.write(`(could not open a browser; open the address above yourself)\n`);
  }
}
