/**
 * Public types of the SIGEX simulator (see sigex-sim.ts). Shapes follow PROTOCOLS.md §2.
 */

/** Routes a fault can be queued for. `any` matches every API request. */
export type SigexRoute =
  | 'register' // POST /api
  | 'data' // POST /api/{id}/data
  | 'addSignature' // POST /api/{id}
  | 'info' // GET /api/{id}
  | 'buildFileName' // GET /api/{id}/buildFileName
  | 'buildDDC' // POST /api/{id}/buildDDC (document card PDF)
  | 'exported' // POST /api/exported (find a document by its signature)
  | 'strings' // GET /api/strings
  | 'version' // GET /api/version
  | 'egovQr' // POST /api/egovQr
  | 'qrData' // POST <dataURL>
  | 'qrSign' // GET <signURL>
  | 'any';

export type SigexFault =
  /** HTTP 200 + {"message": key} (e.g. 'OCSP server problem', 'Too much users use QR signing'). */
  | { sigexError: string }
  /** Non-200 answer with an HTML body (as a proxy in front of the service would send). */
  | { status: 500 | 502 | 503 | 504 }
  /** Wait, then handle the request normally. */
  | { delayMs: number }
  /** Never answer (the body is not read either); the socket stays open until the client gives up. */
  | { hang: true }
  /** Read the whole request, APPLY it, then destroy the socket without answering. */
  | { dropAfterBody: true }
  /** HTTP 200 + {"message":"Request rate limit reached"}. */
  | { rateLimit: true }
  /** A tampered answer: the QR registration's dataURL / signURL point at this origin instead. */
  | { foreignOrigin: string };

export type FixtureId = 'individual' | 'employee' | 'expired' | 'gost';

/** What the scripted phone does with the next QR operations. */
export interface PhoneScript {
  /**
   * sign: fetch the data, then sign; decline: fetch, then refuse; ignore: fetch, then never answer
   * (the signURL wait ends with 'QR signing operation timeout' at expiry); noScan: never scan the QR
   * (the dataURL wait ends with the timeout).
   */
  action: 'sign' | 'decline' | 'ignore' | 'noScan';
  /** Delay between the dataURL POST arriving and the phone fetching the data. */
  fetchDelayMs?: number;
  /** Delay between the fetch and the signature (or the refusal). */
  signDelayMs?: number;
  /** Fixture whose key signs. Default 'individual'. */
  signer?: FixtureId;
  /** Error key answered on signURL after a decline. Default 'eGov mobile data exchange failed'. */
  declineMessage?: string;
}

export interface DocumentSettings {
  private?: boolean;
  signaturesLimit?: number;
  switchToPrivateAfterLimitReached?: boolean;
  unique?: Array<'iin' | 'bin'>;
  strictSignersRequirements?: boolean;
  signersRequirements?: SignerRequirement[];
  documentAccess?: Array<{ iin: string }>;
  forceArchive?: boolean;
}

export interface SignerRequirement {
  iin?: string; // "IIN" + 12 digits
  bin?: string; // "BIN" + 12 digits
  authorities?: string[]; // every listed OID must be in the certificate (EKU or policies)
  ca?: 'nca';
}

export interface SimSignature {
  signId: number;
  iin?: string;
  bin?: string;
  email?: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** Role / policy OIDs found in the certificate (extKeyUsage + certificatePolicies). */
  authorities: string[];
  signAlgorithm: string;
  /** DER of the detached CMS as received. */
  cms: Buffer;
  /** OID of the SignerInfo's digest algorithm (SHA-256, or NCA's Streebog-512). */
  digestAlgorithm: string;
  messageDigest: Buffer;
  receivedAt: Date;
}

export interface SimDocument {
  id: string;
  title: string;
  description: string;
  settings: DocumentSettings;
  /** Current access state (settings.private, or switched after the limit was reached). */
  private: boolean;
  emailRecipients: string[];
  doNotAttachDocuments: boolean;
  signatures: SimSignature[];
  /** SHA-256 hex of the uploaded data, once /data succeeded. */
  dataSha256?: string;
  /** Streebog-512 hex of the data, known once a GOST signature asked for it (uploaded with it). */
  dataStreebog512?: string;
  signedDataSize?: number;
  dataUploaded: boolean;
  /** The next added signature answers 'Digests values update required' until /data is sent again. */
  digestUpdateRequired?: boolean;
  createdAt: Date;
}

export interface SimRequestLogEntry {
  method: string;
  /** Path with query string. */
  path: string;
  route: SigexRoute | 'unknown' | 'control';
  /** Parsed JSON body with big base64 fields replaced by "<base64 N chars>". */
  body?: unknown;
  /** Bytes received for raw (/data) uploads. */
  bytes?: number;
  contentLength?: number;
  time: Date;
  fault?: SigexFault;
  /** The answered error key, if any. */
  message?: string;
}

export interface SigexSimOptions {
  /** Default 0 (a free port). Always bound on 127.0.0.1. */
  port?: number;
  /** /data bodies larger than this answer 'Request body is too large'. Default 1 GiB. */
  maxDataBytes?: number;
  /** JSON bodies larger than this answer 'Request body is too large'. Default 16 MiB. */
  maxJsonBytes?: number;
  /** E-mail is sent with the document attached when the data is at most this size. Default 10 MiB. */
  emailAttachLimitBytes?: number;
  /** More notification addresses than this answer 'Too many notification email addresses provided'. Default 10. */
  maxEmailRecipients?: number;
  /** QR operation lifetime (expireAt = now + qrTtlMs). Default 120 s. */
  qrTtlMs?: number;
  /** A /data body that stalls this long answers the size-mismatch error and closes. Default 30 s. */
  bodyIdleTimeoutMs?: number;
  /** Value of GET /api/version. */
  version?: string;
  /** Clock used for certificate validity and expiry. Default Date.now. */
  now?: () => number;
  /** Initial phone script. */
  phone?: PhoneScript;
}

export interface SigexSim {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** Live request log. */
  readonly requests: SimRequestLogEntry[];
  documents(): SimDocument[];
  document(id: string): SimDocument | undefined;
  /** Queue a fault for the next request on a route (FIFO per route; route-specific before 'any'). */
  fault(route: SigexRoute, fault: SigexFault): void;
  /** Script the phone for QR operations whose data is sent from now on. */
  setPhone(script: PhoneScript): void;
  /** Lifetime of the QR operations created from now on (undefined: back to the option's). */
  setQrTtl(ms: number | undefined): void;
  /** Change e-mail behaviour: attachment limit, or make sending fail with a message. */
  setEmail(o: { attachLimitBytes?: number; failWith?: string | null }): void;
  /**
   * Make the next POST /api/{id} answer 'Digests values update required' (as SIGEX does for a
   * digest algorithm it has no digest for yet) until the same bytes are uploaded again.
   */
  requireDigestUpdate(id: string): void;
  /** Whether GET /api/{id} reports `digests` (default true); off, the client cannot compare bytes. */
  setInfoDigests(on: boolean): void;
  /** Stop listening (connections are refused, open ones dropped), as when the service or the route to it is down. */
  goOffline(): Promise<void>;
  /** Listen again on the same port. */
  goOnline(): Promise<void>;
  /** Forget documents, QR operations, faults, log, known users; phone back to default. */
  reset(): void;
  stop(): Promise<void>;
}
