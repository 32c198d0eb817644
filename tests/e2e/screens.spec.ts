/**
 * Issue 13: screenshots of the changed screens in ru, kk and en at 800x600 and 1100x760
 * (test-results/screenshots/<screen>-<lang>-<w>x<h>.png). Each shot also checks that nothing
 * sticks out sideways: neither the page, the scrolling main area nor a table is wider than its box.
 */
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { dropFiles, expect, SCREENSHOTS, test } from './fixtures';

const LANGS = ['ru', 'kk', 'en'] as const;
type Lang = (typeof LANGS)[number];
const SIZES = [
  { width: 800, height: 600 },
  { width: 1100, height: 760 },
] as const;

async function noSidewaysOverflow(page: Page, what: string): Promise<void> {
  const o = await page.evaluate(() => {
    const main = document.querySelector('.app-main');
    // A table that scrolls sideways hides its last columns (buttons) just the same.
    const tables = Array.from(document.querySelectorAll('.compact-table-wrap, .file-list-wrap')).map(
      (el) => el.scrollWidth - el.clientWidth,
    );
    return {
      page: document.documentElement.scrollWidth - window.innerWidth,
      main: main ? main.scrollWidth - main.clientWidth : 0,
      tables: Math.max(0, ...tables),
    };
  });
  expect(o, `${what}: wider than the window`).toEqual({ page: 0, main: 0, tables: 0 });
}

/**
 * Issue 13 leftovers, measured in the page: every sticky action bar is one row (its buttons side
 * by side, no wrapped label, the bar no taller than its tallest button, no button sticking out),
 * and every status pill is one line (cut short only with its whole text as a tooltip).
 */
async function oneRowBarsAndPills(page: Page, what: string): Promise<void> {
  const { bars, pills } = await page.evaluate(() => {
    const distinct = (tops: number[]) => tops.filter((t, i) => !tops.slice(0, i).some((u) => Math.abs(u - t) <= 2)).length;
    // Lines a box's text takes: distinct tops of its line fragments.
    const lines = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return distinct(
        Array.from(range.getClientRects())
          .filter((r) => r.width > 0 && r.height > 0)
          .map((r) => Math.round(r.top)),
      );
    };
    const shown = (el: Element) => el.getClientRects().length > 0;
    // Buttons of one row share their middle (the bar centres them); a second row's differ.
    const bars = Array.from(document.querySelectorAll('.sticky-actions'))
      .filter(shown)
      .map((bar) => {
        const box = bar.getBoundingClientRect();
        const cs = getComputedStyle(bar);
        const buttons = Array.from(bar.querySelectorAll('button, a')).filter(shown);
        const rects = buttons.map((b) => b.getBoundingClientRect());
        return {
          rows: distinct(rects.map((r) => Math.round(r.top + r.height / 2))),
          wrappedLabels: buttons.filter((b) => lines(b) > 1).map((b) => b.textContent),
          // A label cut short keeps its whole text as the button's tooltip.
          cutWithoutTitle: buttons
            .filter((b) => {
              const label = b.querySelector('.btn-label') ?? b;
              return label.scrollWidth > label.clientWidth + 1 && b.getAttribute('title') !== b.textContent;
            })
            .map((b) => b.textContent),
          tallerThanAButton:
            box.height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom) - Math.max(...rects.map((r) => r.height)) > 1,
          sticksOut: rects.some((r) => r.right > box.right + 1 || r.left < box.left - 1),
        };
      });
    const pills = Array.from(document.querySelectorAll('.pill, .badge'))
      .filter(shown)
      .map((p) => ({
        text: p.textContent,
        lines: lines(p),
        cutWithoutTitle: p.scrollWidth > p.clientWidth + 1 && p.getAttribute('title') !== p.textContent,
      }));
    return { bars, pills };
  });
  for (const bar of bars) {
    expect(bar, `${what}: the sticky bar is not one row`).toEqual({
      rows: 1,
      wrappedLabels: [],
      cutWithoutTitle: [],
      tallerThanAButton: false,
      sticksOut: false,
    });
  }
  for (const pill of pills) expect(pill, `${what}: a status pill wraps`).toEqual({ text: pill.text, lines: 1, cutWithoutTitle: false });
}

interface ShotOptions {
  /** Also a shot scrolled to the end of the main area (the action bar). */
  bottom?: boolean;
  /** Scrolled so that this element is at the top. */
  scrollTo?: string;
}

/** Both sizes in one language; `bottom` also scrolls the main area down (the action bar). */
async function shootSizes(page: Page, name: string, lang: Lang, o: ShotOptions = {}): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate((sel) => {
      document.querySelector('.app-main')?.scrollTo(0, 0);
      if (sel) document.querySelector(sel)?.scrollIntoView({ block: 'start' });
    }, o.scrollTo ?? null);
    await noSidewaysOverflow(page, `${name} ${lang} ${size.width}x${size.height}`);
    await oneRowBarsAndPills(page, `${name} ${lang} ${size.width}x${size.height}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${lang}-${size.width}x${size.height}.png`) });
    if (o.bottom) {
      await page.evaluate(() => {
        const main = document.querySelector('.app-main');
        main?.scrollTo(0, main.scrollHeight);
      });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-end-${lang}-${size.width}x${size.height}.png`) });
    }
  }
}

/** Every language through the status bar's switcher, both sizes each. */
async function shoot(page: Page, name: string, ready: (lang: Lang) => Promise<void>, o: ShotOptions = {}): Promise<void> {
  for (const lang of LANGS) {
    await page.setViewportSize(SIZES[1]);
    await page.getByTestId(`lang-${lang}`).click();
    await ready(lang);
    await shootSizes(page, name, lang, o);
  }
}

const THREE = [
  { name: 'Договор поставки № 17 от 01.12.2026.pdf', content: '%PDF contract' },
  { name: 'Акт выполненных работ.pdf', content: '%PDF act' },
  { name: 'Счёт-SigexIdlQsqLBaS4nQAIIMm.pdf', content: '%PDF old' },
];

test('selection (with Advanced open), batch result, History', async ({ app }) => {
  const page = app.page;
  await app.open();
  await dropFiles(page, THREE);
  await expect(page.getByTestId('sign-ncalayer')).toBeVisible();
  await shoot(page, 'selection', async () => expect(page.getByTestId('also-qr')).toBeVisible(), { bottom: true });
  await page.getByTestId('advanced-toggle').click();
  await shoot(page, 'selection-advanced', async () => expect(page.getByTestId('preset-select')).toBeVisible(), {
    scrollTo: '[data-testid="advanced-toggle"]',
  });
  await page.getByTestId('advanced-toggle').click();

  await page.getByTestId('sign-ncalayer').click();
  await expect(page.getByTestId('batch-table')).toBeVisible();
  await shoot(page, 'batch', async () => expect(page.getByTestId('file-row')).toHaveCount(3), { bottom: true });

  await page.getByTestId('open-history').click();
  await shoot(page, 'history', async () => expect(page.getByTestId('history-row')).toHaveCount(2));
});

test('settings, and the question when closing with unsaved changes', async ({ app }) => {
  const page = app.page;
  await app.open();
  await page.getByTestId('open-settings').click();
  await shoot(page, 'settings', async () => expect(page.getByTestId('settings-view')).toBeVisible(), { bottom: true });
  for (const lang of LANGS) {
    await page.setViewportSize(SIZES[1]);
    await page.getByTestId(`lang-${lang}`).click();
    await page.getByTestId('settings-autosave').click();
    await page.getByTestId('settings-close').click();
    await expect(page.getByTestId('settings-unsaved')).toBeVisible();
    await shootSizes(page, 'settings-unsaved', lang);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('settings-unsaved')).toHaveCount(0);
    await page.getByTestId('settings-autosave').click(); // back as saved
  }
});

test('queue: SIGEX offline after the PIN', async ({ app }) => {
  const page = app.page;
  await app.open();
  await app.harness.sigex.goOffline();
  await dropFiles(page, THREE.slice(0, 2));
  await page.getByTestId('sign-ncalayer').click();
  await expect(page.getByTestId('outbox-row')).toHaveCount(2);
  await shoot(page, 'queue', async () => expect(page.getByTestId('outbox-panel')).toBeVisible(), { bottom: true });
});

test('working on a batch: files signed, waiting to be sent', async ({ app }) => {
  const page = app.page;
  await app.open();
  // SIGEX holds every registration: three are on their way, the rest wait as "signed".
  for (let i = 0; i < 5; i++) app.harness.sigex.fault('register', { hang: true });
  await dropFiles(
    page,
    [
      'Договор поставки № 17 от 01.12.2026.pdf',
      'Акт выполненных работ.pdf',
      'Счёт на оплату.pdf',
      'Доверенность.pdf',
      'Приложение 1.pdf',
    ].map((name) => ({ name, content: `%PDF ${name}` })),
  );
  await page.getByTestId('sign-ncalayer').click();
  await shoot(page, 'batch-working', async () => {
    await expect(page.locator('[data-testid="file-row"][data-status="signed"]').first()).toBeVisible();
  });
  // Let the batch end (queued) before the harness goes, so nothing writes into a removed folder.
  await app.harness.sigex.goOffline();
  await expect(page.getByTestId('batch-table')).toBeVisible({ timeout: 20_000 });
});

test('error panel: NCALayer refuses the signing', async ({ app }) => {
  const page = app.page;
  await app.open();
  app.harness.ncalayer!.setMode({ outcome: { kind: 'error', code: '500', message: 'Internal NCALayer error' } });
  await dropFiles(page, THREE.slice(0, 1));
  await page.getByTestId('sign-ncalayer').click();
  await expect(page.getByTestId('error')).toBeVisible();
  await shoot(page, 'error', async () => expect(page.getByTestId('error')).toBeVisible());
});

test.describe('KAZTOKEN desktop', () => {
  test.use({ harnessOptions: { ncalayer: { kaztoken: true } } });
  test('waiting for KAZTOKEN mobile', async ({ app }) => {
    const page = app.page;
    await app.open();
    await expect(page.getByTestId('status-ncalayer')).toContainText('KAZTOKEN desktop');
    app.harness.ncalayer!.script('hang');
    await dropFiles(page, THREE.slice(0, 1));
    await page.getByTestId('sign-ncalayer').click();
    await shoot(page, 'kaztoken', async () => expect(page.getByTestId('kaztoken-waiting')).toBeVisible());
    await page.getByTestId('cancel').click();
  });
});

test('waiting for a KAZTOKEN token (old NCALayer names AKKaztokenStore)', async ({ app }) => {
  const page = app.page;
  await app.open();
  await expect(page.getByTestId('status-ncalayer')).toContainText('NCALayer');
  const sim = app.harness.ncalayer!;
  sim.setMode({ activeTokens: ['AKKaztokenStore'] });
  sim.script({ kind: 'error', code: 'MODULE_NOT_FOUND', message: 'module not found' }, 'sign', 'hang');
  await dropFiles(page, THREE.slice(0, 1));
  await page.getByTestId('sign-ncalayer').click();
  await shoot(page, 'kaztoken-token', async () => expect(page.getByTestId('kaztoken-waiting')).toHaveAttribute('data-source', 'token'));
  await page.getByTestId('cancel').click();
});

test.describe('without NCALayer', () => {
  test.use({ harnessOptions: { ncalayer: false } });
  test('selection with QR first, and the NCALayer-missing panel', async ({ app }) => {
    const page = app.page;
    await app.open();
    await expect(page.getByTestId('status-ncalayer')).toContainText(/не обнаружен|табылмады|not detected/);
    await dropFiles(page, THREE.slice(0, 1));
    await shoot(page, 'selection-qr-first', async () => expect(page.getByTestId('nca-absent-hint')).toBeVisible());
    await page.getByTestId('sign-ncalayer').click();
    await shoot(page, 'ncalayer-missing', async () => expect(page.getByTestId('ncalayer-missing')).toBeVisible());
  });
});

test.describe('untrusted NCALayer', () => {
  test.use({ harnessOptions: { ncalayer: { tls: 'untrusted' } } });
  test('the untrusted-certificate panel and status bar', async ({ app }) => {
    const page = app.page;
    await app.open();
    await dropFiles(page, THREE.slice(0, 1));
    await page.getByTestId('sign-ncalayer').click();
    await shoot(page, 'ncalayer-untrusted', async () => expect(page.getByTestId('ncalayer-missing')).toBeVisible());
  });
});
