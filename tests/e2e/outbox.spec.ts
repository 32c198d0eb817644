/**
 * Offline after the PIN: SIGEX goes away, two files are signed and wait in the queue with the
 * reason, SIGEX comes back and both are registered by themselves; History lists them and the
 * CSV export downloads (UTF-8 with BOM). Screenshots of the queue and History in ru, kk, en.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { dropFiles, expect, SCREENSHOTS, test } from './fixtures';

const LANGS = ['ru', 'kk', 'en'] as const;

test('SIGEX offline: two signed files queue with the reason, finish by themselves when it is back; History and CSV', async ({ app }) => {
  const page = app.page;
  await app.open();
  await app.harness.sigex.goOffline();
  await dropFiles(page, [
    { name: 'Счёт 17.pdf', content: '%PDF invoice 17' },
    { name: 'Акт 4.pdf', content: '%PDF act 4' },
  ]);
  await page.getByTestId('sign-ncalayer').click();

  // Both wait in the queue, with the reason; the status bar counts them.
  const panel = page.getByTestId('outbox-panel');
  await expect(panel.getByTestId('outbox-row')).toHaveCount(2);
  await expect(panel).toContainText('Счёт 17.pdf');
  await expect(panel).toContainText('Акт 4.pdf');
  await expect(panel.getByTestId('outbox-state').first()).toHaveText(/В очереди|Отправляется/);
  await expect(panel).toContainText('Не удалось подключиться к SIGEX');
  await expect(page.getByTestId('status-outbox')).toContainText('2');
  expect(app.harness.ncalayer!.requests.filter((r) => r.method === 'sign')).toHaveLength(1); // one PIN for both
  for (const lang of LANGS) {
    await page.getByTestId(`lang-${lang}`).click();
    await expect(panel.getByTestId('outbox-row')).toHaveCount(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, `queue-${lang}.png`), fullPage: true });
  }
  await page.getByTestId('lang-ru').click();

  // SIGEX is back: the worker delivers both, without the user doing anything.
  await app.harness.sigex.goOnline();
  await expect(panel).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('status-outbox')).toHaveCount(0);
  const docs = app.harness.sigex.documents();
  expect(docs).toHaveLength(2);
  expect(docs.every((d) => d.dataUploaded)).toBe(true);
  expect(app.harness.ncalayer!.requests.filter((r) => r.method === 'sign')).toHaveLength(1); // no second signature

  // History lists both, newest first; search narrows it.
  await page.getByTestId('open-history').click();
  const history = page.getByTestId('history-view');
  await expect(history.getByTestId('history-row')).toHaveCount(2);
  const ids = await history.getByTestId('history-id').allTextContents();
  expect(ids.sort()).toEqual(docs.map((d) => d.id).sort());
  for (const lang of LANGS) {
    await page.getByTestId(`lang-${lang}`).click();
    await expect(history.getByTestId('history-row')).toHaveCount(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, `history-${lang}.png`), fullPage: true });
  }
  await history.getByTestId('history-search').fill('Акт');
  await expect(history.getByTestId('history-row')).toHaveCount(1);
  await history.getByTestId('history-search').fill('');
  await expect(history.getByTestId('history-row')).toHaveCount(2);

  // CSV export: a download that Excel opens as UTF-8 (BOM) with both documents.
  const [download] = await Promise.all([page.waitForEvent('download'), history.getByTestId('history-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^sigex-history-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await fsp.readFile((await download.path())!);
  expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
  const csv = bytes.toString('utf8');
  for (const id of ids) expect(csv).toContain(id);
  expect(csv).toContain('Счёт 17.pdf');
});
