/**
 * The i18n catalogues (ru, kk, en), one file per namespace per language under locales/<lang>/.
 * Pure data: imported by the renderer (i18next) and by main/CLI (error texts).
 * en is the reference: ru and kk must have exactly the same keys (tests check this).
 */
import enCommon from './locales/en/common';
import ruCommon from './locales/ru/common';
import kkCommon from './locales/kk/common';
import enSign from './locales/en/sign';
import ruSign from './locales/ru/sign';
import kkSign from './locales/kk/sign';
import enErrors from './locales/en/errors';
import ruErrors from './locales/ru/errors';
import kkErrors from './locales/kk/errors';
import enQr from './locales/en/qr';
import ruQr from './locales/ru/qr';
import kkQr from './locales/kk/qr';
import enAdvanced from './locales/en/advanced';
import ruAdvanced from './locales/ru/advanced';
import kkAdvanced from './locales/kk/advanced';
import enSettings from './locales/en/settings';
import ruSettings from './locales/ru/settings';
import kkSettings from './locales/kk/settings';
import enOutbox from './locales/en/outbox';
import ruOutbox from './locales/ru/outbox';
import kkOutbox from './locales/kk/outbox';
import enCosign from './locales/en/cosign';
import ruCosign from './locales/ru/cosign';
import kkCosign from './locales/kk/cosign';

export const NAMESPACES = ['common', 'sign', 'errors', 'qr', 'advanced', 'settings', 'outbox', 'cosign'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const resources = {
  en: {
    common: enCommon,
    sign: enSign,
    errors: enErrors,
    qr: enQr,
    advanced: enAdvanced,
    settings: enSettings,
    outbox: enOutbox,
    cosign: enCosign,
  },
  ru: {
    common: ruCommon,
    sign: ruSign,
    errors: ruErrors,
    qr: ruQr,
    advanced: ruAdvanced,
    settings: ruSettings,
    outbox: ruOutbox,
    cosign: ruCosign,
  },
  kk: {
    common: kkCommon,
    sign: kkSign,
    errors: kkErrors,
    qr: kkQr,
    advanced: kkAdvanced,
    settings: kkSettings,
    outbox: kkOutbox,
    cosign: kkCosign,
  },
} as const;
