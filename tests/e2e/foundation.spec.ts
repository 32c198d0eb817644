import * as path from 'node:path';
import { dropFiles, expect, SCREENSHOTS, test } from './fixtures';

test('drop two files: both are listed with their sizes', async ({ app }) => {
  await app.open();
  await app.page.screenshot({ path: path.join(SCREENSHOTS, 'home-ru.png') });
  await dropFiles(app.page, [
    { name: 'Договор поставки.pdf', content: 'x'.repeat(2048) },
    { name: 'invoice.xlsx', content: 'abc' },
  ]);
  const rows = app.page.getByTestId('file-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Договор поставки.pdf');
  await expect(rows.nth(0)).toContainText(/2\s?КБ|2\s?KB/i);
  await expect(rows.nth(1)).toContainText('invoice.xlsx');
  await expect(rows.nth(1)).toContainText(/3\s?(байт|Б|B|bytes)/i);
  await app.page.screenshot({ path: path.join(SCREENSHOTS, 'files-listed-ru.png') });
});

test('switching the language to kk changes the UI and persists after a reload', async ({ app }) => {
  await app.open();
  const heading = app.page.getByTestId('dropzone');
  const ruText = (await heading.textContent()) ?? '';
  await app.page.getByTestId('lang-kk').click();
  await expect(heading).not.toHaveText(ruText);
  const kkText = (await heading.textContent()) ?? '';
  expect(kkText).toMatch(/[әғқңөұүһі]/i); // Kazakh letters
  await app.page.screenshot({ path: path.join(SCREENSHOTS, 'home-kk.png') });
  await app.page.reload();
  await expect(app.page.getByTestId('dropzone')).toHaveText(kkText);
  await expect(app.page.getByTestId('lang-kk')).toHaveAttribute('aria-pressed', 'true');
});

test('files picked with the "Choose files" button are listed too', async ({ app }) => {
  await app.open();
  const chooser = app.page.waitForEvent('filechooser');
  await app.page.getByTestId('choose-files').click();
  await (await chooser).setFiles([{ name: 'Акт.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF') }]);
  // One file: the seed's "You have selected file X for signing." screen.
  await expect(app.page.getByText('Вы выбрали для подписания файл Акт.pdf.')).toBeVisible();
  await expect(app.page.getByTestId('sign-ncalayer')).toBeEnabled();
});

test('keyboard only: Tab reaches the drop zone, Enter opens the file chooser, Tab reaches signing', async ({ app }) => {
  await app.open();
  // Listen for the chooser before any key is pressed (Playwright enables interception asynchronously).
  const chooser = app.page.waitForEvent('filechooser');
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await app.page.keyboard.press('Tab');
    reached = await app.page.getByTestId('dropzone').evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
  await app.page.keyboard.press('Enter');
  await (await chooser).setFiles([{ name: 'Хат.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF kb') }]);
  await expect(app.page.getByTestId('sign-ncalayer')).toBeVisible();
  let onSign = false;
  for (let i = 0; i < 30 && !onSign; i++) {
    await app.page.keyboard.press('Tab');
    onSign = await app.page.getByTestId('sign-ncalayer').evaluate((el) => el === document.activeElement);
  }
  expect(onSign).toBe(true);
  await app.page.keyboard.press('Enter');
  await expect(app.page.getByTestId('success')).toBeVisible();
});

test('opening the app makes no failed request (no favicon 404) and logs no console error', async ({ app }) => {
  const failed: string[] = [];
  const errors: string[] = [];
  app.page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  app.page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
  app.page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await app.open();
  await expect(app.page.getByTestId('status-sigex')).toContainText(/онлайн|online|доступ/i);
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
});
