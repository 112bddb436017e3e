import type { Locator, Page } from 'playwright-core';

/**
 * Trusts the page's folder the way a user does: "Review the code…" in the navigation's prompt (or the
 * button `opener`), a look at the code (read-only, one editor a file), then "Trust and run". With `files`,
 * checks that many are shown.
 */
export async function trustAfterReview(page: Page, files?: number, opener?: Locator): Promise<void> {
  await (
    opener ??
    page
      .getByRole('navigation', { name: 'Folder' })
      .getByRole('region', { name: 'Folder trust' })
      .getByRole('button', { name: 'Review the code…' })
  ).click();
  const review = page.getByRole('dialog', { name: 'Trust this folder?' });
  await review.locator('.cm-content').first().waitFor();
  if (files !== undefined) {
    await review
      .locator('.cm-content')
      .nth(files - 1)
      .waitFor();
    if ((await review.locator('.cm-content').count()) !== files) {
      throw new Error(
        `the trust review shows ${await review.locator('.cm-content').count()} files, not ${files}`,
      );
    }
  }
  await review.getByRole('button', { name: 'Trust and run' }).click();
  await page.getByText('Folder trusted').waitFor();
}
