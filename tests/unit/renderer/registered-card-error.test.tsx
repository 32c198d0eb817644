/** @jest-environment jsdom */
/**
 * "Save document card" after registering, when the original was edited and its signed copy is
 * gone too: main refuses (file-changed, nothing sent); the screen says why in ru / kk / en.
 */
import '@testing-library/jest-dom';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { SaveCardButton } from '../../../src-renderer/components/SaveCardButton';
import { JOB_ID, installFakeSigex, registeredFile, resetRenderer } from './harness';

const TEXT = {
  en: 'act.pdf was changed after it was signed, and its signed copy is gone or changed too. The card must be made from the signed bytes, so nothing was sent to SIGEX.',
  ru: 'Файл act.pdf изменён после подписания, а его подписанная копия удалена или тоже изменена. Карточку можно получить только по подписанным байтам, поэтому в SIGEX ничего не отправлено.',
  kk: 'act.pdf файлы қол қойылғаннан кейін өзгертілді, ал оның қол қойылған көшірмесі жойылған немесе ол да өзгертілген. Карточканы тек қол қойылған байттар бойынша алуға болады, сондықтан SIGEX-ке ештеңе жіберілмеді.',
} as const;

test.each(['en', 'ru', 'kk'] as const)(
  'the refusal says the signed bytes are gone (%s); another error keeps its own text',
  async (lang) => {
    const fake = installFakeSigex();
    await resetRenderer(lang);
    const save = jest.fn().mockRejectedValue({ kind: 'file-changed', message: 'gone', params: { name: 'act.pdf' } });
    Object.assign(fake, { saveRegisteredCard: save });
    render(<SaveCardButton jobId={JOB_ID} file={registeredFile()} />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('save-registered-card'));
    });
    expect(save).toHaveBeenCalledWith({ jobId: JOB_ID, handle: registeredFile().handle });
    expect(screen.getByTestId('registered-card-error')).toHaveTextContent(TEXT[lang]);
    expect(screen.queryByTestId('registered-card-saved')).toBeNull();
    cleanup();
    save.mockRejectedValue({ kind: 'network', message: 'down' });
    render(<SaveCardButton jobId={JOB_ID} file={registeredFile()} />);
    await act(async () => {
      fireEvent.click(screen.getByTestId('save-registered-card'));
    });
    expect(screen.getByTestId('registered-card-error')).not.toHaveTextContent(TEXT[lang]);
  },
);
