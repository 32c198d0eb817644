/**
 * A `-SigexId` file dropped on the app: its document card from SIGEX, "Add my signature"
 * (NCALayer simulator signs as the employee), two signatures listed, the card saved as a PDF
 * beside the file. Screenshots in ru, kk and en.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { registered } from '../simulators/sigex-test-client';
import { readPdf } from '../support/pdf';
import { dropFiles, expect, SCREENSHOTS, test } from './fixtures';

test.use({ harnessOptions: { ncalayer: { signer: 'employee' } } });

async function findFile(dir: string, name: string): Promise<string | null> {
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const hit = await findFile(p, name);
      if (hit) return hit;
    } else if (e.name === name) return p;
  }
  return null;
}

for (const lang of ['ru', 'kk', 'en'] as const) {
  test(`drop a -SigexId file, add my signature, save the card (${lang})`, async ({ app }) => {
    const content = `%PDF act for co-signing ${lang}`;
    const id = await registered(app.harness.sigex, { content: Buffer.from(content), title: 'Акт.pdf' });
    await app.open();
    await app.page.getByTestId(`lang-${lang}`).click();
    await dropFiles(app.page, [{ name: `Акт-SigexId${id}.pdf`, content }]);
    const card = app.page.getByTestId('document-card');
    await expect(card.getByTestId('card-title')).toHaveText('Акт.pdf');
    await expect(card.getByTestId('card-signature')).toHaveCount(1);
    await expect(card.getByTestId('card-match')).toHaveClass(/notice-ok/);
    await app.page.screenshot({ path: path.join(SCREENSHOTS, `cosign-card-${lang}.png`), fullPage: true });

    await card.getByTestId('add-my-signature').click();
    await expect(card.getByTestId('cosign-added')).toBeVisible();
    await expect(card.getByTestId('card-signature')).toHaveCount(2);
    await expect(card.getByTestId('card-signature').nth(1)).toContainText('900101400231');
    expect(app.harness.sigex.document(id)?.signatures).toHaveLength(2);

    await card.getByTestId('save-card').click();
    await expect(card.getByTestId('card-saved')).toContainText(`Акт-SigexId${id}.card.pdf`);
    const saved = await findFile(app.harness.workDir, `Акт-SigexId${id}.card.pdf`);
    expect(saved).not.toBeNull();
    const pdf = readPdf(await fsp.readFile(saved!));
    expect(pdf.embedded[0]?.toString()).toBe(content);
    await app.page.screenshot({ path: path.join(SCREENSHOTS, `cosign-done-${lang}.png`), fullPage: true });
  });
}

test('"Check a file" on the first screen: a file without an id offers the verify page; a -SigexId file shows its card', async ({ app }) => {
  const content = '%PDF checked from the first screen';
  const id = await registered(app.harness.sigex, { content: Buffer.from(content), title: 'Счёт.pdf' });
  await app.open();
  const dropOnCheck = async (name: string, body: string) => {
    const dt = await app.page.evaluateHandle(
      ([n, c]) => {
        const d = new DataTransfer();
        d.items.add(new File([c as string], n as string, { type: 'application/octet-stream' }));
        return d;
      },
      [name, body],
    );
    const zone = app.page.getByTestId('check-dropzone');
    await zone.dispatchEvent('dragenter', { dataTransfer: dt });
    await zone.dispatchEvent('drop', { dataTransfer: dt });
  };
  await dropOnCheck('plain.pdf', 'x');
  await expect(app.page.getByTestId('check-no-id')).toContainText('plain.pdf');
  await expect(app.page.getByTestId('check-verify-link')).toHaveAttribute('href', `${app.harness.sigex.url}/verify/`);
  await app.page.screenshot({ path: path.join(SCREENSHOTS, 'check-no-id-ru.png'), fullPage: true });
  await app.page.getByTestId('check-back').click();
  await dropOnCheck(`Счёт-SigexId${id}.pdf`, content);
  await expect(app.page.getByTestId('card-title')).toHaveText('Счёт.pdf');
  await expect(app.page.getByTestId('card-signature')).toHaveCount(1);
  expect(app.harness.sigex.requests.filter((r) => r.route === 'register')).toHaveLength(1); // only the fixture's
});

test('two -SigexId files: my signature added to both documents in ONE NCALayer dialog', async ({ app }) => {
  const a = await registered(app.harness.sigex, { content: Buffer.from('%PDF first'), title: 'a.pdf' });
  const b = await registered(app.harness.sigex, { content: Buffer.from('%PDF second'), title: 'b.pdf' });
  await app.open();
  await dropFiles(app.page, [
    { name: `a-SigexId${a}.pdf`, content: '%PDF first' },
    { name: `b-SigexId${b}.pdf`, content: '%PDF second' },
  ]);
  const screen = app.page.getByTestId('multi-cosign');
  await expect(screen.getByTestId('multi-file')).toHaveCount(2);
  await screen.getByTestId('multi-add-signature').click();
  await expect(screen.getByTestId('multi-outcome')).toHaveCount(2);
  await expect(screen.getByTestId('multi-outcome').first()).toContainText('2');
  await app.page.screenshot({ path: path.join(SCREENSHOTS, 'cosign-multi-ru.png'), fullPage: true });
  expect(app.harness.ncalayer!.requests.filter((r) => r.documentCount > 0)).toHaveLength(1);
  expect(app.harness.sigex.document(a)?.signatures).toHaveLength(2);
  expect(app.harness.sigex.document(b)?.signatures).toHaveLength(2);
});

test('after registering a new file: "Save document card (PDF)" saves the card beside the signed copy', async ({ app }) => {
  await app.open();
  await dropFiles(app.page, [{ name: 'Накладная.pdf', content: '%PDF registered then carded' }]);
  await app.page.getByTestId('sign-ncalayer').click();
  await expect(app.page.getByTestId('success')).toBeVisible();
  const id = (await app.page.getByTestId('document-id').first().textContent())?.trim() ?? '';
  await app.page.getByTestId('save-registered-card').click();
  await expect(app.page.getByTestId('registered-card-saved')).toContainText(`Накладная-SigexId${id}.card.pdf`);
  const card = await findFile(app.harness.workDir, `Накладная-SigexId${id}.card.pdf`);
  const copy = await findFile(app.harness.workDir, `Накладная-SigexId${id}.pdf`);
  expect(card && path.dirname(card)).toBe(copy && path.dirname(copy));
  expect(readPdf(await fsp.readFile(card!)).embedded[0]?.toString()).toBe('%PDF registered then carded');
});

test('setting "save the document card automatically": saved right after registering', async ({ app }) => {
  await app.open();
  await app.page.getByTestId('open-settings').click();
  await app.page.getByTestId('settings-autosave-card').check();
  await app.page.getByTestId('settings-save').click();
  await expect(app.page.getByTestId('settings-status')).not.toBeEmpty();
  const stored = JSON.parse(await fsp.readFile(path.join(app.harness.dataDir, 'settings.json'), 'utf8')) as { autoSaveCard: boolean };
  expect(stored.autoSaveCard).toBe(true);
  await app.page.getByTestId('settings-close').click();
  await dropFiles(app.page, [{ name: 'Авто.pdf', content: '%PDF auto card' }]);
  await app.page.getByTestId('sign-ncalayer').click();
  await expect(app.page.getByTestId('registered-card-saved')).toBeVisible();
  const id = (await app.page.getByTestId('document-id').first().textContent())?.trim() ?? '';
  expect(await findFile(app.harness.workDir, `Авто-SigexId${id}.card.pdf`)).not.toBeNull();
});

test('mixed batch: the -SigexId row opens its card, "Add my signature with eGov QR" shows the QR and adds the phone signature', async ({
  app,
}) => {
  const content = '%PDF counterparty act';
  const id = await registered(app.harness.sigex, { content: Buffer.from(content), title: 'Акт.pdf' });
  app.harness.sigex.setPhone({ action: 'sign', signer: 'employee', fetchDelayMs: 1500, signDelayMs: 300 });
  await app.open();
  await dropFiles(app.page, [
    { name: 'Новый.pdf', content: '%PDF a new one' },
    { name: `Акт-SigexId${id}.pdf`, content },
  ]);
  await expect(app.page.getByTestId('sign-ncalayer')).toBeEnabled();
  const row = app.page.getByTestId('already-signed-row');
  await expect(row).toHaveCount(1);
  await row.getByTestId('row-card-toggle').click();
  const card = row.getByTestId('document-card');
  await expect(card.getByTestId('card-signature')).toHaveCount(1);
  await card.getByTestId('add-my-signature-qr').click();
  await expect(card.getByTestId('qr-image')).toBeVisible();
  await app.page.screenshot({ path: path.join(SCREENSHOTS, 'cosign-mixed-qr-ru.png'), fullPage: true });
  await expect(card.getByTestId('cosign-added')).toBeVisible();
  await expect(card.getByTestId('card-signature')).toHaveCount(2);
  await expect(card.getByTestId('card-signature').nth(1)).toContainText('900101400231');
  expect(app.harness.sigex.document(id)?.signatures.map((s) => s.iin)).toEqual(['850515300125', '900101400231']);
  expect(app.harness.ncalayer!.requests.filter((r) => r.documentCount > 0)).toHaveLength(0);
  expect(app.harness.sigex.requests.filter((r) => r.route === 'register')).toHaveLength(1); // only the fixture's
});

test('a co-sign QR nobody scanned in time is replaced by a new one, and the screen says so', async ({ app }) => {
  const content = '%PDF act, QR not scanned in time';
  const id = await registered(app.harness.sigex, { content: Buffer.from(content), title: 'Акт.pdf' });
  app.harness.sigex.setPhone({ action: 'noScan' });
  app.harness.sigex.setQrTtl(3000);
  await app.open();
  await app.page.getByTestId('lang-en').click();
  await dropFiles(app.page, [{ name: `Акт-SigexId${id}.pdf`, content }]);
  const card = app.page.getByTestId('document-card');
  await card.getByTestId('add-my-signature-qr').click();
  await expect(card.getByTestId('qr-image')).toBeVisible();
  app.harness.sigex.setQrTtl(60_000); // the new QR stays until the test ends
  await expect(card.getByTestId('qr-renewed')).toHaveText(/automatic renewal 1 of 3/, { timeout: 15_000 });
  await expect(card.getByTestId('qr-image')).toBeVisible();
  expect(app.harness.sigex.requests.filter((r) => r.route === 'egovQr')).toHaveLength(2);
  await card.getByTestId('cosign-qr-cancel').click();
  await expect(card.getByTestId('cosign-qr')).toHaveCount(0);
  expect(app.harness.sigex.document(id)?.signatures).toHaveLength(1);
});
