/**
 * Which URLs may be handed to the OS browser. https only, on an allow-list of hosts
 * (sigex.kz and its subdomains, NCA RK's NCALayer portal, eGov launch links). A configured
 * SIGEX origin on loopback (the simulator in demo and tests) is allowed too; a configured
 * remote origin is not, so a changed setting can never widen the list beyond loopback.
 */
const ALLOWED_HOSTS = ['sigex.kz', 'ncl.pki.gov.kz', 'pki.gov.kz', 'egov.kz', 'mgov.kz'];

function hostAllowed(host: string): boolean {
  return ALLOWED_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

export function isAllowedExternalUrl(raw: string, configuredSigexUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false; // not a URL: refuse
  }
  if (url.username || url.password) return false;
  if (configuredSigexUrl) {
    try {
      const sigex = new URL(configuredSigexUrl);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(sigex.hostname);
      if (loopback && url.origin === sigex.origin && /^https?:$/.test(url.protocol)) return true;
    } catch {
      // an invalid configured URL grants nothing; fall through to the allow-list
    }
  }
  return url.protocol === 'https:' && hostAllowed(url.hostname.toLowerCase());
}
