/**
 * Home: the big drop zone. The whole zone is one button for the keyboard and screen readers
 * (Enter / Space / click open the file chooser); dropped files go to main as opaque handles.
 */
import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFilesStore } from '../store/files';

export function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

export function DropZone() {
  const { t } = useTranslation();
  const choose = useFilesStore((s) => s.choose);
  const addDropped = useFilesStore((s) => s.addDropped);
  const busy = useFilesStore((s) => s.busy);
  const [over, setOver] = useState(false);
  const depth = useRef(0);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      void choose();
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    depth.current = 0;
    setOver(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length > 0) void addDropped(files);
  };

  return (
    <section className="home">
      <h1 className="home-title">{t('sign:home.title')}</h1>
      <div
        className={over ? 'dropzone is-over' : 'dropzone'}
        data-testid="dropzone"
        role="button"
        tabIndex={0}
        aria-label={t('sign:home.zoneLabel')}
        aria-describedby="dropzone-hint"
        aria-disabled={busy}
        onClick={() => void choose()}
        onKeyDown={onKeyDown}
        onDragEnter={(e) => {
          e.preventDefault();
          depth.current++;
          setOver(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={() => {
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setOver(false);
        }}
        onDrop={onDrop}
      >
        <svg className="dropzone-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <path d="M14 6h14l10 10v26H14z" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
          <path
            d="M28 6v10h10M26 36V22m-6 6 6-6 6 6"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.5"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <span className="dropzone-text">{over ? t('sign:home.dropActive') : t('sign:home.dropHere')}</span>
        <span className="dropzone-or" aria-hidden="true">
          {t('sign:home.or')}
        </span>
        {/* Looks like a button; the zone around it is the real one (no nested controls). */}
        <span className="btn btn-primary" data-testid="choose-files" aria-hidden="true">
          {t('sign:home.chooseFiles')}
        </span>
      </div>
      <p id="dropzone-hint" className="muted home-hint">
        {t('sign:home.hint')}
      </p>
    </section>
  );
}
