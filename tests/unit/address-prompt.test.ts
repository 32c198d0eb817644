import { addressChangePrompt } from '../../src-shared/i18n/address-prompt';

test.each(['ru', 'kk', 'en'] as const)(
  'the address-change question in %s names the field, both addresses, and keeps by default',
  (lang) => {
    const p = addressChangePrompt(
      [
        { field: 'sigexUrl', from: 'https://sigex.kz', to: 'https://evil.example' },
        { field: 'ncalayerUrl', from: 'wss://127.0.0.1:13579/', to: 'wss://127.0.0.1:1/' },
      ],
      lang,
    );
    expect(p.title).not.toBe('');
    expect(p.detail).toContain('https://sigex.kz → https://evil.example');
    expect(p.detail).toContain('wss://127.0.0.1:1/');
    expect(p.detail).toMatch(/SIGEX/);
    expect(p.detail).toMatch(/NCALayer/);
    expect(p.detail).not.toMatch(/\{\{/);
    expect(p.buttons).toHaveLength(2);
    expect(p.buttons[0]).not.toBe(p.buttons[1]);
  },
);
