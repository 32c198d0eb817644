/** @jest-environment jsdom */
/**
 * Issue 13 item 7: the selection screen shows a newcomer the files, the recipients and the
 * summary; the template row (load / save a template) lives inside "Advanced settings".
 */
import '@testing-library/jest-dom';
import { fireEvent, screen, within } from '@testing-library/react';
import { fileEntry, HANDLE_B, installFakeSigex, missingKeys, renderApp, resetRenderer, setFiles } from './harness';

beforeEach(async () => {
  installFakeSigex();
  await resetRenderer('en');
});
afterEach(() => expect(missingKeys).toEqual([]));

test('the template row is not on the selection screen until "Advanced settings" is opened, and then it is inside it', async () => {
  await renderApp();
  setFiles([fileEntry('act.pdf'), fileEntry('invoice.pdf', HANDLE_B)]);
  expect(screen.getByRole('button', { name: 'Add files' })).toBeVisible();
  expect(screen.queryByTestId('preset-select')).toBeNull();
  expect(screen.queryByRole('button', { name: 'Save as default' })).toBeNull();
  // The summary still says what the document gets.
  expect(screen.getByTestId('options-summary')).toHaveTextContent('default settings');

  const toggle = screen.getByTestId('advanced-toggle');
  fireEvent.click(toggle);
  const region = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
  expect(region).not.toBeNull();
  expect(within(region!).getByTestId('preset-select')).toBeVisible();
  expect(within(region!).getByTestId('advanced-panel')).toBeVisible();

  fireEvent.click(toggle);
  expect(screen.queryByTestId('preset-select')).toBeNull();
});
