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

test('item 7: one file (no list): "Add files" starts where the text under the title starts', async ({ app }) => {
  const page = app.page;
  await page.setViewportSize({ width: 800, height: 600 });
  await app.open();
  await dropFiles(page, [{ name: 'Договор поставки.pdf', content: '%PDF a' }]);
  await expect(page.getByTestId('add-files')).toBeVisible();
  const size = await textLeft(page, '.selected > p.muted');
  const button = await textLeft(page, '[data-testid="add-files"]');
  expect(Math.abs(button - size)).toBeLessThanOrEqual(1);
});

test('800x600 with three files: the sign buttons are in view without scrolling (sticky bar)', async ({ app }) => {
  const page = app.page;
  await page.setViewportSize({ width: 800, height: 600 });
  await app.open();
  await dropFiles(page, [
    { name: 'Договор поставки № 17 от 01.12.2026.pdf', content: '%PDF a' },
    { name: 'Акт выполненных работ.pdf', content: '%PDF b' },
    { name: 'Счёт-SigexIdlQsqLBaS4nQAIIMm.pdf', content: '%PDF c' },
  ]);
  await expect(page.getByTestId('sign-ncalayer')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('sign-qr')).toBeInViewport({ ratio: 1 });
});

test.describe('item 9: KAZTOKEN', () => {
  test.describe('KAZTOKEN desktop answers instead of NCALayer', () => {
    test.use({ harnessOptions: { ncalayer: { kaztoken: true } } });

    test('status bar names it; while it waits, the screen and the status bar say "Waiting for signature from KAZTOKEN mobile"', async ({
      app,
    }) => {
      const page = app.page;
      await app.open();
      await expect(page.getByTestId('status-ncalayer')).toContainText('KAZTOKEN desktop 2.3.1');
      app.harness.ncalayer!.script({ kind: 'delay', ms: 2500, then: 'sign' });
      await dropFiles(page, [{ name: 'Договор.pdf', content: '%PDF kaztoken' }]);
      await page.getByTestId('sign-ncalayer').click();
      await expect(page.getByTestId('kaztoken-waiting')).toContainText('Ожидание подписи из KAZTOKEN mobile');
      await expect(page.getByTestId('kaztoken-what')).toHaveText('Договор.pdf');
      await expect(page.getByTestId('status-kaztoken')).toContainText('ожидание KAZTOKEN mobile');
      await expect(page.getByTestId('success')).toBeVisible();
      await expect(page.getByTestId('status-kaztoken')).toHaveCount(0);
    });
  });

  test('old NCALayer names the KAZTOKEN storage (getActiveTokens): main marks the job, the screen says token or app, not "mobile"', async ({
    app,
  }) => {
    const page = app.page;
    await app.open();
    await expect(page.getByTestId('status-ncalayer')).toContainText('NCALayer 1.4');
    const sim = app.harness.ncalayer!;
    sim.setMode({ activeTokens: ['AKKaztokenStore'] });
    // basics is missing (old build) -> getActiveTokens -> the signing dialog, which takes its time
    sim.script({ kind: 'error', code: 'MODULE_NOT_FOUND', message: 'module not found' }, 'sign', { kind: 'delay', ms: 2500, then: 'sign' });
    await dropFiles(page, [{ name: 'Акт.pdf', content: '%PDF legacy kaztoken' }]);
    await page.getByTestId('sign-ncalayer').click();
    // A USB KAZTOKEN token on this computer or the app: words true of both.
    await expect(page.getByTestId('kaztoken-waiting')).toContainText('Подтвердите подпись на токене KAZTOKEN или в приложении KAZTOKEN');
    await expect(page.getByTestId('kaztoken-waiting')).not.toContainText('mobile');
    await expect(page.getByTestId('status-kaztoken')).toContainText('ожидание KAZTOKEN');
    await expect(page.getByTestId('status-kaztoken')).not.toContainText('mobile');
    await expect(page.getByTestId('success')).toBeVisible();
    expect(sim.requests.map((r) => r.method)).toContain('getActiveTokens');
  });
});
