import * as path from 'node:path';
import { loadPki } from '../simulators/fixtures';
import { dropFiles, expect, SCREENSHOTS, test, type App } from './fixtures';
import { withCheckDigit } from '../../src-main/core/iin';

const me = loadPki().signers.individual;
const otherIin = withCheckDigit('90010130012') ?? withCheckDigit('90010130013')!;

async function fillAdvanced(app: App): Promise<void> {
  const p = app.page;
  await p.getByTestId('recipients-input').locator('input').fill('buh@example.kz');
  await p.getByTestId('recipients-input').locator('input').press('Enter');
  await p.getByTestId('recipients-input').locator('input').pressSequentially('Director@Example.kz;');
  await expect(p.getByTestId('recipient-chip')).toHaveCount(2);
  await p.getByTestId('advanced-toggle').click();
  await expect(p.getByTestId('advanced-panel')).toBeVisible();
  await p.getByTestId('limit-input').fill('3');
  await p.getByTestId('private-checkbox').check();
  await p.getByTestId('switch-private-checkbox').check();
  await p.getByTestId('unique-iin-checkbox').check();
  await p.getByTestId('unique-bin-checkbox').check();
  await p.getByTestId('add-requirement').click();
  await p.getByTestId('requirement-iin').last().fill(me.iin);
  await p.getByTestId('add-requirement').click();
  await p.getByTestId('requirement-iin').last().fill(otherIin);
  await p.getByTestId('add-requirement').click(); // left empty: must be dropped
  await p.getByTestId('strict-checkbox').check();
  await p.getByTestId('add-access').click();
  await p.getByTestId('access-iin').last().fill(otherIin);
}

test('advanced settings reach SIGEX exactly as shown in the panel', async ({ app }) => {
  await app.open();
  await dropFiles(app.page, [{ name: 'Устав.pdf', content: '%PDF advanced' }]);
  await fillAdvanced(app);
  await app.page.screenshot({ path: path.join(SCREENSHOTS, 'advanced-panel-ru.png'), fullPage: true });
  await app.page.getByTestId('sign-ncalayer').click();
  await expect(app.page.getByTestId('success')).toBeVisible();
  const id = (await app.page.getByTestId('document-id').first().textContent())?.trim() ?? '';
  const doc = app.harness.sigex.document(id)!;
  expect(doc.settings).toEqual({
    private: true,
    signaturesLimit: 3,
    switchToPrivateAfterLimitReached: true,
    unique: ['iin', 'bin'],
    strictSignersRequirements: true,
    signersRequirements: [{ iin: `IIN${me.iin}` }, { iin: `IIN${otherIin}` }],
    documentAccess: [{ iin: `IIN${otherIin}` }],
  });
  expect(doc.emailRecipients).toEqual(['buh@example.kz', 'Director@example.kz']);
  // main put the new recipients to the host's stand-in for its native dialog (accepted here)
  expect(app.host.recipientQuestions).toEqual([['buh@example.kz', 'Director@example.kz']]);
  await expect(app.page.getByTestId('email-outcome').first()).toContainText('подписанный документ приложен к уведомлениям');
});

test('an invalid IIN is flagged as you type and blocks signing', async ({ app }) => {
  await app.open();
  await dropFiles(app.page, [{ name: 'a.pdf', content: 'x' }]);
  await app.page.getByTestId('advanced-toggle').click();
  await app.page.getByTestId('add-access').click();
  const bad = `${me.iin.slice(0, 11)}${(Number(me.iin[11]) + 1) % 10}`;
  await app.page.getByTestId('access-iin').last().fill(bad);
  await expect(app.page.getByTestId('advanced-panel')).toContainText(/контрольн|ИИН/i);
  await expect(app.page.getByTestId('sign-ncalayer')).toBeDisabled();
});

test('strict requirements my own certificate does not meet: stopped before SIGEX with a clear message', async ({ app }) => {
  await app.open();
  await dropFiles(app.page, [{ name: 'a.pdf', content: 'x' }]);
  await app.page.getByTestId('advanced-toggle').click();
  await app.page.getByTestId('add-requirement').click();
  await app.page.getByTestId('requirement-iin').last().fill(otherIin);
  await app.page.getByTestId('strict-checkbox').check();
  await app.page.getByTestId('sign-ncalayer').click();
  await expect(app.page.getByTestId('error')).toBeVisible();
  await expect(app.page.getByTestId('error')).toContainText(/требовани/i);
  // Stopped by the app, not refused by SIGEX: SIGEX never heard of the document.
  expect(app.harness.sigex.requests.filter((r) => r.route === 'register' || r.route === 'data')).toEqual([]);
  expect(app.harness.sigex.documents()).toHaveLength(0);
});

for (const lang of ['ru', 'kk', 'en'] as const) {
  test(`panel and success screen in ${lang}`, async ({ app }) => {
    await app.open();
    await app.page.getByTestId(`lang-${lang}`).click();
    await dropFiles(app.page, [{ name: 'Хаттама.pdf', content: `%PDF ${lang}` }]);
    await app.page.getByTestId('recipients-input').locator('input').fill('buh@example.kz');
    await app.page.getByTestId('recipients-input').locator('input').press('Enter');
    await app.page.getByTestId('advanced-toggle').click();
    await expect(app.page.getByTestId('advanced-panel')).toBeVisible();
    await app.page.screenshot({ path: path.join(SCREENSHOTS, `advanced-panel-${lang}.png`), fullPage: true });
    await app.page.getByTestId('sign-ncalayer').click();
    await expect(app.page.getByTestId('success')).toBeVisible();
    await app.page.screenshot({ path: path.join(SCREENSHOTS, `success-${lang}.png`), fullPage: true });
  });
}
