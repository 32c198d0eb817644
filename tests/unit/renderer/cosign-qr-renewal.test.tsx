/** @jest-environment jsdom */
/**
 * The co-sign QR box while main renews an unscanned QR: a renewed QR says which automatic
 * renewal it is (ru / kk / en); an expired QR with renewals left says a new one is coming
 * (no "New QR code" button: main is getting it); the last one expired offers the button.
 */
import '@testing-library/jest-dom';
import { cleanup, render, screen } from '@testing-library/react';
import type { QrView } from '../../../src-main/ipc/contract';
import { QrCode } from '../../../src-renderer/components/QrPanel';
import { installFakeSigex, missingKeys, resetRenderer } from './harness';

const NOW = new Date('2026-12-04T08:00:00Z').getTime();
const qr = (over: Partial<QrView>): QrView => ({
  image: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
  expireAt: NOW + 60_000,
  eGovMobileLaunchLink: 'https://m.egov.kz/mobileSign/?link=abc',
  eGovBusinessLaunchLink: 'https://egovbusiness.page.link/?link=abc',
  spent: false,
  ...over,
});

const RENEWED = {
  en: 'The QR code expired before it was scanned; a new one is shown (automatic renewal 2 of 3).',
  ru: 'Срок действия QR-кода истёк, пока его никто не отсканировал; показан новый (автоматическая замена 2 из 3).',
  kk: 'QR код сканерленгенше оның мерзімі өтіп кетті; жаңасы көрсетілді (автоматты ауыстыру: 2/3).',
} as const;
const RENEWING = {
  en: 'The QR code has expired. Getting a new one…',
  ru: 'Срок действия QR-кода истёк. Получаем новый…',
  kk: 'QR кодтың қолданылу мерзімі өтіп кетті. Жаңасын алып жатырмыз…',
} as const;

beforeEach(() => {
  jest.useFakeTimers({ now: NOW, doNotFake: ['queueMicrotask', 'nextTick'] });
  installFakeSigex();
});
afterEach(() => {
  jest.useRealTimers();
  expect(missingKeys).toEqual([]);
});

test.each(['en', 'ru', 'kk'] as const)('renewed, renewing, and the last one expired (%s)', async (lang) => {
  await resetRenderer(lang);
  const onNewQr = jest.fn();
  render(<QrCode qr={qr({ renewals: { done: 2, max: 3 } })} onNewQr={onNewQr} />);
  expect(screen.getByTestId('qr-renewed')).toHaveTextContent(RENEWED[lang]);
  expect(screen.getByTestId('qr-image')).toBeInTheDocument();
  cleanup();

  render(<QrCode qr={qr({ expireAt: NOW - 1, renewals: { done: 2, max: 3 } })} onNewQr={onNewQr} />);
  expect(screen.getByTestId('qr-renewing')).toHaveTextContent(RENEWING[lang]);
  expect(screen.queryByTestId('new-qr')).toBeNull();
  expect(screen.queryByTestId('qr-renewed')).toBeNull();
  cleanup();

  render(<QrCode qr={qr({ expireAt: NOW - 1, renewals: { done: 3, max: 3 } })} onNewQr={onNewQr} />);
  expect(screen.queryByTestId('qr-renewing')).toBeNull();
  expect(screen.getByTestId('new-qr')).toBeInTheDocument();
  cleanup();

  // The signing panel's QR (no renewals): unchanged, the button right away.
  render(<QrCode qr={qr({ expireAt: NOW - 1 })} onNewQr={onNewQr} />);
  expect(screen.getByTestId('new-qr')).toBeInTheDocument();
  expect(screen.queryByTestId('qr-renewed')).toBeNull();
  cleanup();
});
