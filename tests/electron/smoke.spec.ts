/**
 * Real-Electron smoke test (npm run test:electron; not in npm test: it needs Electron's
 * binary). Launches the app against the simulators with a file on the command line, checks
 * the window's security settings and the app:// origin, and signs the file. For a packaged
 * build (SIGEX_PACKAGED_APP=<path to the executable>) it runs that binary, and fuses.spec.ts
 * reads its fuses.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { startHarness, writeWorkFile, type Harness } from '../support/harness';

const ROOT = path.join(__dirname, '..', '..');
const packaged = process.env.SIGEX_PACKAGED_APP;

let h: Harness;
test.afterEach(async () => h?.stop());

test('launch, secure window on app://sigex, sign a file from the command line against the simulators', async () => {
  h = await startHarness();
  const file = await writeWorkFile(h, 'Договор Electron.pdf', '%PDF electron smoke');
  const app = await electron.launch({
    ...(packaged ? { executablePath: packaged, args: [file] } : { args: [ROOT, file] }),
    env: { ...process.env, ...h.env, SIGEX_DESKTOP_DATA_DIR: h.dataDir },
  });
  try {
    const page = await app.firstWindow();
    expect(page.url()).toBe('app://sigex/index.html');
    // No Node in the page (nodeIntegration off, sandbox), and the bridge object is the
    // contextBridge's frozen copy (context isolation); the options themselves are asserted
    // against main.ts in tests/unit/electron-entry.test.ts.
    const page_ = await page.evaluate(() => {
      const g = globalThis as unknown as { require?: unknown; process?: unknown; sigex: object };
      return {
        require: typeof g.require,
        process: typeof g.process,
        frozen: Object.isFrozen(g.sigex),
        methods: Object.keys(g.sigex).length,
      };
    });
    expect(page_).toMatchObject({ require: 'undefined', process: 'undefined', frozen: true });
    expect(page_.methods).toBeGreaterThan(10);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

    // the file from the command line is in the list; sign it
    await expect(page.getByText('Договор Electron.pdf')).toBeVisible();
    await page.getByTestId('sign-ncalayer').click();
    await expect(page.getByTestId('success')).toBeVisible();
    const id = (await page.getByTestId('document-id').first().textContent())?.trim() ?? '';
    expect(h.sigex.document(id)?.dataUploaded).toBe(true);
    const copies = (await fsp.readdir(h.workDir)).filter((n) => n.includes(`-SigexId${id}`));
    expect(copies).toHaveLength(1);
  } finally {
    await app.close();
  }
});
