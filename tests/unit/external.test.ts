import { isAllowedExternalUrl } from '../../src-main/core/external';

describe('openExternal allow-list', () => {
  test.each([
    'https://sigex.kz/show/?id=lQsqLBaS4nQAIIMm',
    'https://sigex.kz/kk/show/?id=abc',
    'https://ncl.pki.gov.kz/',
    'https://mgovsign.page.link.egov.kz/x',
    'https://www.sigex.kz/status/',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  test.each([
    'http://sigex.kz/show/?id=x', // not https
    'file:///C:/Windows/System32/calc.exe',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'https://sigex.kz.evil.example/',
    'https://evilsigex.kz/',
    'https://sigex.kz@evil.example/',
    'https://user:pw@sigex.kz/',
    'smb://sigex.kz/share',
    'ms-msdt:/id PCWDiagnostic',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));

  test('the configured SIGEX origin is allowed only when it is on loopback', () => {
    expect(isAllowedExternalUrl('http://127.0.0.1:5000/show/?id=x', 'http://127.0.0.1:5000')).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:5001/show/?id=x', 'http://127.0.0.1:5000')).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example/x', 'https://evil.example')).toBe(false);
  });
});
