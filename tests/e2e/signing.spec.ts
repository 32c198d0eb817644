import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { dropFiles, expect, SCREENSHOTS, test } from './fixtures';

async function findCopy(workDir: string, id: string): Promise<string | null> {
  for (const d of await fsp.readdir(workDir)) {
    const dir = path.join(workDir, d);
    if (!(await fsp.stat(dir)).isDirectory()) continue;
    const hit = (await fsp.readdir(dir)).find((n) => n.includes(`-SigexId${id}`));
    if (hit) return path.join(dir, hit);
  }
  return null;
}

test('drop a file, sign with NCALayer: success screen with id and links, copy on disk', async ({ app }) => {
  await app.open();
  await dropFiles(app.page, [{ name: 'Договор поставки.pdf', content: '%PDF-1.7 e2e document' }]);
  await app.page.getByTestId('sign-ncalayer').click();
  const success = app.page.getByTestId('success');
  await expect(success).toBeVisible();
  await expect(success).toContainText('Файл Договор поставки.pdf успешно подписан.');
  await expect(success).toContainText('Ваша подпись проверена и зарегистрирована в SIGEX.');
  const id = (await app.page.getByTestId('document-id').first().textContent())?.trim() ?? '';
  expect(id).toMatch(/^[A-Za-z0-9]{8,}$/);
  const doc = app.harness.sigex.document(id);
  expect(doc?.dataUploaded).toBe(true);
  await expect(app.page.getByTestId('copy-saved')).toContainText(`Договор поставки-SigexId${id}.pdf`);
  const copy = await findCopy(app.harness.workDir, id);
  expect(copy && (await fsp.readFile(copy, 'utf8'))).toBe('%PDF-1.7 e2e document');
  await app.page.screenshot({ path: path.join(SCREENSHOTS, 'success-ru.png'), fullPage: true });
  // the document page link goes through the allow-listed openExternal
  await app.page.getByText('Страница документа', { exact: true }).first().click();
  await expect.poll(() => app.host.opened).toContain(`${app.harness.sigex.url}/show/?id=${id}`);
});

test('a file whose name carries a SIGEX id: the already-signed explanation, nothing registered', async ({ app }) => {
  await app.open();
  await dropFiles(app.page, [{ name: 'Акт-SigexIdlQsqLBaS4nQAIIMm.pdf', content: 'x' }]);
  const panel = app.page.getByTestId('already-signed');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('lQsqLBaS4nQAIIMm');
  await app.page.screenshot({ path: path.join(SCREENSHOTS, 'already-signed-ru.png'), fullPage: true });
  expect(app.harness.sigex.documents()).toHaveLength(0);
  expect(app.harness.ncalayer!.requests.filter((r) => r.method === 'sign')).toHaveLength(0);
});

test.describe('without NCALayer', () => {
  test.use({ harnessOptions: { ncalayer: false, sigex: { phone: { action: 'sign', fetchDelayMs: 1500, signDelayMs: 800 } } } });

  test('NCALayer missing screen, then eGov mobile QR: QR visible, phone signs, success', async ({ app }) => {
    await app.open();
    await dropFiles(app.page, [{ name: 'Приказ.pdf', content: '%PDF qr e2e' }]);
    await app.page.getByTestId('sign-ncalayer').click();
    const missing = app.page.getByTestId('ncalayer-missing');
    await expect(missing).toBeVisible();
    await expect(missing).toContainText('https://ncl.pki.gov.kz/');
    await app.page.screenshot({ path: path.join(SCREENSHOTS, 'ncalayer-missing-ru.png'), fullPage: true });
    await app.page.getByTestId('use-qr').click();
    await expect(app.page.getByTestId('qr-image')).toBeVisible();
    await expect(app.page.getByTestId('qr')).toContainText('Отсканируйте этот QR-код');
    await app.page.screenshot({ path: path.join(SCREENSHOTS, 'qr-ru.png'), fullPage: true });
    await expect(app.page.getByTestId('qr-waiting')).toBeVisible();
    await expect(app.page.getByTestId('success')).toBeVisible();
    const id = (await app.page.getByTestId('document-id').first().textContent())?.trim() ?? '';
    expect(app.harness.sigex.document(id)?.dataUploaded).toBe(true);
  });
});
