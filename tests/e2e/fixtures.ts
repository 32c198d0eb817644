/**
 * Playwright fixture: simulators + core + web host per test, a throw-away data directory,
 * and the page opened on the app.
 */
import { FAST_RETRY } from '../support/fast-retry';
import { test as base, expect, type Page } from '@playwright/test';
import * as path from 'node:path';
import { createCore } from '../../src-main/core/compose';
import { startWebHost, type WebHost } from '../../src-main/web-host/server';
import { startHarness, type Harness, type HarnessOptions } from '../support/harness';

export interface App {
  harness: Harness;
  host: WebHost;
  page: Page;
  /** Opens (or reloads) the app and waits for the first screen. */
  open(): Promise<void>;
}

export const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-results', 'screenshots');

export const test = base.extend<{ harnessOptions: HarnessOptions; app: App }>({
  harnessOptions: [{}, { option: true }],
  app: async ({ page, harnessOptions }, use) => {
    const harness = await startHarness(harnessOptions);
    const core = await createCore({
      dataDir: harness.dataDir,
      env: harness.env,
      systemLanguage: 'ru',
      retry: FAST_RETRY,
      worker: { pingMs: 200 },
    });
    const host = await startWebHost({
      core,
      rendererDir: path.join(__dirname, '..', '..', 'dist', 'renderer'),
      workDir: harness.workDir,
      version: 'e2e',
      systemLanguage: 'ru',
    });
    const app: App = {
      harness,
      host,
      page,
      async open() {
        await page.goto(host.url);
        await expect(page.getByTestId('dropzone')).toBeVisible();
      },
    };
    await use(app);
    await host.stop();
    await core.close();
    await harness.stop();
  },
});

export { expect };

/** Drops files on the drop zone the way a user's drag-and-drop does (DataTransfer with File objects). */
export async function dropFiles(page: Page, files: Array<{ name: string; content: string }>): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.content], f.name, { type: 'application/octet-stream' }));
    return dt;
  }, files);
  const zone = page.getByTestId('dropzone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}
