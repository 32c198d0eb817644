/**
 * A long file: the working screen names it, shows the reading step with a bar that moves, and
 * "Cancel" during the read stops the job within a second; nothing reaches NCALayer or SIGEX.
 * The file is opened the way Explorer's "Open with" gives it (a path, no upload), since a
 * browser drop would have to copy gigabytes first.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { expect, SCREENSHOTS, test } from './fixtures';

const LANGS = ['ru', 'kk', 'en'] as const;

test('a long read shows moving progress; Cancel during it stops the job within a second', async ({ app }) => {
  const page = app.page;
  await page.setViewportSize({ width: 800, height: 600 });
  await app.open();
  // Sparse: reading 16 GiB takes seconds, writing it takes nothing.
  const file = path.join(app.harness.workDir, 'Архив 2026.iso');
  const fh = await fsp.open(file, 'w');
  await fh.truncate(16 * 1024 ** 3);
  await fh.close();
  await app.host.openFiles([file]);
  await expect(page.getByTestId('sign-ncalayer')).toBeVisible();
  await page.getByTestId('sign-ncalayer').click();

  const activity = page.getByTestId('activity');
  await expect(activity).toHaveAttribute('data-step', 'hashing');
  await expect(page.getByTestId('working-subject')).toContainText('Архив 2026.iso');
  const bar = activity.getByRole('progressbar');
  const value = async () => Number(await bar.getAttribute('value'));
  const first = await value();
  // The bar moves while the file is read (updates come at least every 250 ms).
  await expect.poll(value, { timeout: 2_000 }).toBeGreaterThan(first);
  for (const lang of LANGS) {
    await page.getByTestId(`lang-${lang}`).click();
    await expect(activity).toHaveAttribute('data-step', 'hashing');
    await page.screenshot({ path: path.join(SCREENSHOTS, `working-reading-${lang}-800x600.png`) });
  }
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('working')).toContainText('Preparing the files...');

  await page.getByTestId('cancel').click();
  await expect(page.getByText('Signing was cancelled. You can start it again.')).toBeVisible({ timeout: 1_000 });
  await expect(page.getByTestId('sign-ncalayer')).toBeEnabled();
  expect(app.harness.ncalayer!.requests.filter((r) => r.method === 'sign')).toHaveLength(0);
  expect(app.harness.sigex.requests.filter((r) => r.route !== 'version')).toHaveLength(0); // only the status bar's ping
  expect(await fsp.readdir(app.harness.workDir)).toEqual(['Архив 2026.iso']);
});
