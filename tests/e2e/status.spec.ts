import { expect, test } from './fixtures';

test.describe('KAZTOKEN desktop answering on the NCALayer port', () => {
  test.use({ harnessOptions: { ncalayer: { kaztoken: true } } });
  test('the status bar names the service in use with its version', async ({ app }) => {
    await app.open();
    await expect(app.page.getByTestId('status-ncalayer')).toContainText(/KAZTOKEN desktop\s*2\.3\.1/);
  });
});

test.describe('NCALayer with a certificate that is not trusted', () => {
  test.use({ harnessOptions: { ncalayer: { tls: 'untrusted' } } });
  test('the status bar says so, and signing explains it separately from "not installed"', async ({ app }) => {
    await app.open();
    await expect(app.page.getByTestId('status-ncalayer')).not.toContainText('NCALayer 1.4');
    const ruNotDetected = 'не обнаружена';
    await expect(app.page.getByTestId('status-ncalayer')).not.toContainText(ruNotDetected);
  });
});

test('the status bar shows NCALayer with its version and SIGEX online', async ({ app }) => {
  await app.open();
  await expect(app.page.getByTestId('status-ncalayer')).toContainText('NCALayer 1.4');
  await expect(app.page.getByTestId('status-sigex')).toContainText('доступен');
});
