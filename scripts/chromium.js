// Finds and starts a headless Chromium for the end-to-end tests and the icon render.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Without these, Chromium keeps dialling Google's services, which a closed network refuses many at a time. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then a browser Playwright downloaded itself.
 * @returns {string}
 */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', playwrightsOwnChromium()];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found) {
    throw new Error(
      'No Chromium found. Set CHROMIUM_PATH to a Chromium or Chrome binary, or install one with ' +
        '`apt-get install chromium` (Debian/Ubuntu).',
    );
  }
  return found;
}

/** @returns {string | undefined} */
function playwrightsOwnChromium() {
  try {
    return chromium.executablePath();
  } catch {
    // Playwright knows no download location on this platform.
    return undefined;
  }
}

/** @returns {Promise<import('playwright-core').Browser>} */
export function launchChromium() {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}
