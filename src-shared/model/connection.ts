/** Which signing service answers and whether SIGEX is reachable; SIGEX's published constants. */
import type { ErrorView } from './errors';
import type { Language } from './document';

export type ServiceState = 'ok' | 'not-running' | 'untrusted' | 'error';

export interface ConnectionStatus {
  ncalayer: { state: ServiceState; service?: 'NCALayer' | 'KAZTOKEN desktop'; version?: string; error?: ErrorView };
  sigex: { state: 'ok' | 'offline' | 'error'; version?: string; error?: ErrorView };
}

export interface AuthorityOption {
  oid: string;
  names: Record<Language, string>;
}

export interface SigexConsts {
  authorities: AuthorityOption[];
  certificationAuthorities: Array<{ id: string; names: Record<Language, string> }>;
}
