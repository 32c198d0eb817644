import { recipientsPrompt } from '../../src-shared/i18n/recipients-prompt';

test.each(['ru', 'kk', 'en'] as const)(
  'the new-recipients question in %s lists every address and the count, and refuses by default',
  (lang) => {
    const p = recipientsPrompt(['a@example.kz', 'boss@evil.example'], 3, lang);
    expect(p.title).not.toBe('');
    expect(p.message).not.toBe('');
    expect(p.detail).toContain('a@example.kz, boss@evil.example');
    expect(p.detail).toContain('3');
    expect(p.detail).toMatch(/SIGEX/);
    expect(p.detail).not.toMatch(/\{\{/);
    expect(p.buttons).toHaveLength(2);
    expect(p.buttons[0]).not.toBe(p.buttons[1]);
  },
);
