import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { dropFiles, expect, SCREENSHOTS, test } from './fixtures';

test('settings: auto-save off persists, and a signing then offers the copy instead of writing it', async ({ app }) => {
  await app.open();
  await app.page.getByTestId('open-settings').click();
  const view = app.page.getByTestId('settings-view');
  await expect(view).toBeVisible();
  await app.page.getByTestId('settings-test-connection').click();
  await expect(app.page.getByTestId('settings-ncalayer-result')).toHaveAttribute('data-state', 'ok');
  await expect(app.page.getByTestId('settings-ncalayer-result')).toContainText('NCALayer');
  await expect(app.page.getByTestId('settings-sigex-result')).toHaveAttribute('data-state', 'ok');
  await app.page.screenshot({ path: path.join(SCREENSHOTS, 'settings-ru.png'), fullPage: true });
  await app.page.getByTestId('settings-autosave').uncheck();
  await app.page.getByTestId('settings-save').click();
  await expect(app.page.getByTestId('settings-status')).not.toBeEmpty();
  const stored = JSON.parse(await fsp.readFile(path.join(app.harness.dataDir, 'settings.json'), 'utf8')) as { autoSaveCopy: boolean };
  expect(stored.autoSaveCopy).toBe(false);

  await app.page.reload();
  await app.page.getByTestId('open-settings').click();
  await expect(app.page.getByTestId('settings-autosave')).not.toBeChecked();
  await app.page.getByTestId('settings-close').click();

  await dropFiles(app.page, [{ name: 'a.pdf', content: '%PDF no autosave' }]);
  await app.page.getByTestId('sign-ncalayer').click();
  await expect(app.page.getByTestId('success')).toBeVisible();
  await expect(app.page.getByTestId('save-copy')).toBeVisible();
  const id = (await app.page.getByTestId('document-id').first().textContent())?.trim() ?? '';
  const names = async () => (await fsp.readdir(app.harness.workDir, { recursive: true })).map(String);
  expect((await names()).some((n) => n.includes('SigexId'))).toBe(false);
  await app.page.getByTestId('save-copy').click();
  await expect(app.page.getByTestId('copy-saved')).toBeVisible();
  expect((await names()).some((n) => n.endsWith(`a-SigexId${id}.pdf`))).toBe(true);
});

test('settings: an invalid SIGEX URL is refused with a message and nothing is saved', async ({ app }) => {
  await app.open();
  await app.page.getByTestId('open-settings').click();
  await app.page.getByTestId('settings-sigex-url').fill('http://evil.example');
  await app.page.getByTestId('settings-save').click();
  await expect(app.page.getByTestId('settings-view')).toContainText(/https/i);
  await expect(fsp.access(path.join(app.harness.dataDir, 'settings.json'))).rejects.toThrow();
});
