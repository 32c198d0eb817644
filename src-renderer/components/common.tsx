/** Building blocks shared by the screens: links that open in the browser, copy buttons, focus. */
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorView, Language } from '../../src-main/ipc/contract';
import { formatError, type FormattedError } from '../../src-shared/i18n/format-error';
import { isLanguage } from '../i18n';
import { logWarning, sigex } from '../store/app';

/** The UI language right now; components using it re-render when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lng) ? lng : 'ru';
}

export function useFormattedError(view: ErrorView | null | undefined): FormattedError | null {
  const lang = useLanguage();
  return view ? formatError(view, lang) : null;
}

/** A real link (so it reads and can be copied as one) that main opens in the browser. */
export function ExternalLink(props: { href: string; children: ReactNode; className?: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <a
      href={props.href}
      className={props.className ?? 'link'}
      data-testid={props.testId}
      rel="noreferrer noopener"
      title={`${props.href} ${t('common:links.opensInBrowser')}`}
      onClick={(e) => {
        e.preventDefault();
        sigex()
          .openExternal(props.href)
          .catch((err: unknown) => logWarning('openExternal failed', err));
      }}
    >
      {props.children}
    </a>
  );
}

const COPIED_MS = 2000;

/** Copies `text`; says "Copied" for a moment (also to screen readers). */
export function CopyButton(props: { text: string; label: string; className?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setState('copied');
    } catch (e) {
      logWarning('clipboard write failed', e);
      setState('failed');
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), COPIED_MS);
  };
  const text =
    state === 'copied' ? t('common:actions.copied') : state === 'failed' ? t('common:actions.copyFailed') : t('common:actions.copy');
  return (
    <>
      <button type="button" className={props.className ?? 'btn btn-small'} aria-label={props.label} onClick={() => void copy()}>
        {text}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'idle' ? '' : text}
      </span>
    </>
  );
}

/** Moves focus to a screen's heading when the screen appears (keyboard and screen-reader users follow). */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return ref;
}
