/**
 * Issue 13, item 3: the log's value filters, typed as a user types them, match what `eventfold read --where`
 * prints for the same folder, alone and with the other filters.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './harness.js';
import { eventLog, renderedPositions, serveOrders } from './order-folder.js';

const EVENTFOLD = path.resolve(import.meta.dirname, '../../bin/eventfold.js');
const COUNT = 300;
const scope = useBrowser();

/** Positions `eventfold read DIR ARGS --json` prints, from a separate process. */
async function cliPositions(dir: string, ...args: string[]): Promise<number[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [EVENTFOLD, 'read', dir, ...args, '--json'],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { position: number }).position);
}

/** Adds a condition through the toolbar's Where popover, as a user does. */
async function addCondition(log: Locator, condition: string): Promise<void> {
  await log.locator('summary', { hasText: 'Where' }).click();
  await log.getByLabel("A condition on a field's value").fill(condition);
  await log.getByRole('button', { name: 'Add', exact: true }).click();
}

/** The status line's count once it settles: `12 matches`, or 0 when nothing matches. */
async function matchCount(log: Locator, expected: number): Promise<void> {
  if (expected === 0) {
    await log.getByRole('heading', { name: 'No events match these filters' }).waitFor();
  } else {
    await log
      .getByRole('status')
      .getByText(`${expected.toLocaleString('en-US')} ${expected === 1 ? 'match' : 'matches'}`)
      .waitFor();
  }
}

describe('value filters against the CLI', () => {
  const single = [
    'data.total >= 240',
    'data.note contains gift',
    'data.note exists',
    'data.customer.id = user-3',
    'data.qty != 3',
    'data.total < 12',
    'data.note not exists',
  ];

  it('shows exactly the events read --where prints, for each operator', async () => {
    const { page, dir, errors } = await serveOrders(scope, COUNT);
    await page.getByRole('link', { name: /^All events/ }).click();
    const log = eventLog(page);
    const grid = log.getByRole('grid', { name: 'Events' });
    await log.getByRole('status').getByText(`${COUNT} events`).waitFor();
    for (const condition of single) {
      const expected = await cliPositions(dir, '--where', condition);
      expect(expected.length, condition).toBeGreaterThan(0);
      expect(expected.length, condition).toBeLessThan(COUNT);
      await addCondition(log, condition);
      await matchCount(log, expected.length);
      const shown = await renderedPositions(grid);
      if (expected.length <= 15) {
        // All of them fit on screen: the very same events.
        await expect.poll(() => renderedPositions(grid), { message: condition }).toEqual(expected);
      } else {
        // The log opens at the newest: what it has rendered is the newest of the CLI's.
        expect(shown.length, condition).toBeGreaterThan(0);
        expect(expected.slice(-shown.length), condition).toEqual(shown);
      }
      await log.getByRole('button', { name: 'Clear filters' }).first().click();
      await log.getByRole('status').getByText(`${COUNT} events`).waitFor();
    }
    expect(errors).toEqual([]);
  });

  it('combines conditions with each other, the type and the stream pattern, as read does', async () => {
    const { page, dir, errors } = await serveOrders(scope, COUNT);
    await page.getByRole('link', { name: /^All events/ }).click();
    const log = eventLog(page);
    const grid = log.getByRole('grid', { name: 'Events' });

    await log.getByText('All types').click();
    await log.getByRole('checkbox', { name: /PaymentCaptured/ }).check();
    await page.keyboard.press('Escape');
    await addCondition(log, 'data.customer.id = user-3');
    const paid = await cliPositions(dir, '--type', 'PaymentCaptured', '--where', 'data.customer.id = user-3');
    await matchCount(log, paid.length);
    await expect.poll(() => renderedPositions(grid)).toEqual(paid);

    await addCondition(log, 'data.total > 100');
    const both = await cliPositions(
      dir,
      '--type',
      'PaymentCaptured',
      '--where',
      'data.customer.id = user-3',
      '--where',
      'data.total > 100',
    );
    expect(both.length).toBeLessThan(paid.length);
    await matchCount(log, both.length);
    await expect.poll(() => renderedPositions(grid)).toEqual(both);
    await log.getByText('2 conditions').waitFor();

    // The stream pattern narrows it further (read has no pattern: the test picks order-10..order-19 itself).
    await log.getByLabel('Stream name or pattern').fill('order-1?');
    const inStreams = both.filter((position) => (position - 1) % 20 >= 10);
    await matchCount(log, inStreams.length);
    await expect.poll(() => renderedPositions(grid)).toEqual(inStreams);
    expect(errors).toEqual([]);
  });

  it('names what is wrong with a condition and applies nothing', async () => {
    const { page } = await serveOrders(scope, 20);
    await page.getByRole('link', { name: /^All events/ }).click();
    const log = eventLog(page);
    await log.locator('summary', { hasText: 'Where' }).click();
    await log.getByLabel("A condition on a field's value").fill('data.total >');
    await log.getByRole('button', { name: 'Add', exact: true }).click();
    await log.getByText('> needs a value to compare with, as in data.total > 100.').waitFor();
    await expect(log.getByRole('status').getByText('20 events').isVisible()).resolves.toBe(true);
  });
});
