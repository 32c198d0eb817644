/**
 * Issue 13 (first-week UX), items 7-9 in the real renderer: what only a browser can measure
 * (alignment) and the flows through the simulators (KAZTOKEN, mixed batches).
 */
import type { Page } from '@playwright/test';
import { dropFiles, expect, test } from './fixtures';

/** Left edge of the first text inside the element (where the eye sees it start). */
function textLeft(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) throw new Error(`no ${sel}`);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.textContent?.trim() ? 1 : 2) });
    const node = walker.nextNode();
    if (!node) throw new Error(`no text in ${sel}`);
    const range = document.createRange();
    range.selectNodeContents(node);
    return range.getBoundingClientRect().left;
  }, selector);
}

test('item 7: "Add files" starts where the file names start, at 800x600 and 1100x760', async ({ app }) => {
  const page = app.page;
  await app.open();
  await dropFiles(page, [
    { name: 'Договор поставки.pdf', content: '%PDF a' },
    { name: 'Акт 4.pdf', content: '%PDF b' },
  ]);
  for (const size of [
    { width: 800, height: 600 },
    { width: 1100, height: 760 },
  ]) {
    await page.setViewportSize(size);
    await expect(page.getByTestId('add-files')).toBeVisible();
    const names = await textLeft(page, '.file-list tbody tr td');
    const button = await textLeft(page, '[data-testid="add-files"]');
    expect(Math.abs(button - names)).toBeLessThanOrEqual(1);
  }
  // The template row is behind "Advanced settings".
  await expect(page.getByTestId('preset-select')).toHaveCount(0);
});
