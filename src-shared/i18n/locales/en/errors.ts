// en: error texts. `titles`/`kinds`/`hints` are keyed by ErrorKind; `sigex` by SIGEX's own
// English error keys (they contain spaces, so format-error.ts reads this map directly and
// never through i18next paths). Used by the renderer and the CLI (format-error.ts).
import type { Strings } from './common';

const messages = {
  titles: {
    'already-signed': 'Already signed',
    cancelled: 'Signing cancelled',
    'ncalayer-not-running': 'NCALayer not detected',
    'ncalayer-untrusted': 'NCALayer certificate is not trusted',
    'ncalayer-error': 'NCALayer error',
    'ncalayer-protocol': 'NCALayer error',
    'ncalayer-closed': 'Connection to NCALayer lost',
    'ncalayer-timeout': 'NCALayer is not responding',
    'sigex-error': 'SIGEX did not accept the document',
    'sigex-server': 'SIGEX is unavailable',
    network: 'No connection',
    timeout: 'No answer from the server',
    'file-changed': 'The file has changed',
    'signature-mismatch': 'The signature is not for this file',
    'file-unreadable': 'The file cannot be read',
    'file-in-use': 'The file is in use',
    'file-too-large': 'The file is too large',
    'name-too-long': 'The name is too long',
    'disk-full': 'The disk is full',
    'copy-failed': 'The copy was not saved',
    'qr-expired': 'The QR code has expired',
    'qr-declined': 'Signing declined',
    'requirements-not-met': 'Signature requirements not met',
    'id-not-returned': 'Registered, id not returned',
    'no-sigex-id': 'No SIGEX identifier',
    'recipients-not-confirmed': 'Recipients not confirmed',
    'invalid-input': 'Invalid data',
    internal: 'Something went wrong',
  },
  kinds: {
    'already-signed':
      'The file name contains SIGEX identifier {{id}}: the file has most likely already been signed and registered in SIGEX.',
    cancelled: 'Signing was cancelled.',
    'ncalayer-not-running': 'NCALayer could not be detected on your computer.',
    'ncalayer-untrusted': 'NCALayer is running, but its certificate is not trusted, so a secure connection could not be established.',
    'ncalayer-error': 'NCALayer could not sign the document.',
    'ncalayer-protocol': 'NCALayer sent an answer this application does not understand.',
    'ncalayer-closed': 'The connection to NCALayer was closed before the signature was received.',
    'ncalayer-timeout': 'NCALayer did not answer in time.',
    'sigex-error': 'SIGEX returned an error.',
    'sigex-server': 'The SIGEX service is temporarily unavailable.',
    network: 'Could not connect to SIGEX. Check your internet connection.',
    timeout: 'The server did not answer in time.',
    'file-changed': 'The file was changed after it had been selected or signed.',
    'signature-mismatch': 'NCALayer returned a signature that does not cover the bytes of {{name}}. Nothing was sent to SIGEX.',
    'file-unreadable': 'The file could not be read.',
    'file-in-use': 'The file is open in another program.',
    'file-too-large': 'The file is too large.',
    'name-too-long': 'The file name is too long for a copy with the SIGEX identifier.',
    'disk-full': 'There is not enough free disk space.',
    'copy-failed': 'The signed copy could not be saved.',
    'qr-expired': 'The QR code has expired before the document was signed.',
    'qr-declined': 'Signing was declined or failed in the eGov app.',
    'requirements-not-met': 'The signature does not meet the signer requirements set for the document.',
    'id-not-returned':
      'SIGEX accepted the signature of {{name}} but its answer with the document id was lost, and the id could not be found again.',
    'no-sigex-id': 'The name of {{name}} carries no SIGEX identifier, so its document cannot be found by name.',
    'recipients-not-confirmed': 'Nothing was signed or sent: the new e-mail recipients {{emails}} were not confirmed.',
    'invalid-input': 'Some of the data is not valid.',
    internal: 'An unexpected error occurred.',
  },
  hints: {
    'ncalayer-not-running': 'Start NCALayer (or install it) and try again.',
    'ncalayer-untrusted': 'Check that the NCA RK root certificates are installed, or add the CA certificate in Settings.',
    'ncalayer-error': 'Check the key and the token, then try again.',
    'ncalayer-closed': 'If NCALayer was closed or restarted, start it and try again.',
    'ncalayer-timeout': 'Check that NCALayer is running and its window is not hidden, then try again.',
    'sigex-server': 'Try again in a few minutes.',
    network: 'The signature is not lost: try again when the connection is back.',
    timeout: 'Try again in a few minutes.',
    'file-changed': 'Select the file again and sign it once more.',
    'signature-mismatch': 'Check that no other program changed the file or replaced the signing service, then sign again.',
    'file-unreadable': 'Check that the file {{name}} exists and that you have access to it.',
    'file-in-use': 'Close {{name}} in the other program and try again.',
    'file-too-large': 'Signing by QR code accepts files up to {{limitMb}} MB; use NCALayer for larger files.',
    'name-too-long': 'Move the file to a shorter folder or shorten its name, then save the copy again.',
    'disk-full': 'Free up some disk space and save the copy again.',
    'copy-failed': 'The document is registered in SIGEX; only the copy is missing. Try saving it again.',
    'qr-expired': 'Request a new QR code and scan it within the time shown.',
    'requirements-not-met':
      'The document accepts signatures of: {{required}}. Your certificate: {{signer}}. Change the requirements in Advanced settings, or sign with the key they name.',
    'id-not-returned':
      'The signature is kept and will not be sent twice. Try again later, or find the document on sigex.kz under your signatures; do not sign the file again.',
    'no-sigex-id': 'Check the signatures of the file on the SIGEX verify page: {{verifyUrl}}',
    'recipients-not-confirmed':
      'Remove these addresses from the recipients and sign again. If you do want to send to them, restart SIGEX Desktop and confirm them when asked: after a refusal it does not ask again until it is restarted.',
    'recipients-not-confirmed:busy':
      'Another confirmation was open at that moment, so SIGEX Desktop did not ask. Answer or close it, then sign again.',
  },
  technicalDetails: 'Technical details: {{details}}',
  unknownSigexKey: 'SIGEX error: {{key}}',
  ncaServicesHint:
    'The problem may be related to third-party services, such as OCSP or TSP services of NCA RK. You can check their current status on the external services status page.',
  sigex: {
    'OCSP server problem': {
      message: 'The certificate status service (OCSP) of NCA RK did not respond, so the signature could not be verified.',
      description: 'This is usually temporary. Try again in a few minutes.',
    },
    'TSP server problem': {
      message: 'The time-stamp service (TSP) of NCA RK did not respond.',
      description: 'This is usually temporary. Try again in a few minutes.',
    },
    'Signature does not correspond to the document': {
      message: 'The signature does not match the document.',
      description: 'The file may have been changed after signing. Sign it again.',
    },
    'Request body is too large': {
      message: 'The file is too large for SIGEX.',
    },
    'HTTP Content-Length request header not set': {
      message: 'The file could not be uploaded to SIGEX: the size of the data was not specified.',
      description: 'Try again. If the error repeats, contact technical support.',
    },
    'Document signatures limit reached': {
      message: 'The document has reached its limit of signatures.',
    },
    'Signature does not conform to document settings requirements': {
      message: 'The signature does not meet the signer requirements set for the document.',
      description: 'The signer is not among the allowed signers, or has already signed the document.',
    },
    'This signature has already been submitted': {
      message: 'This signature has already been registered in SIGEX.',
    },
    'Signer certificate expired or not yet valid': {
      message: "The signer's certificate has expired or is not yet valid.",
      description: 'Sign the document with a valid certificate.',
    },
    'Too many notification email addresses provided': {
      message: 'Too many e-mail addresses for notifications.',
      description: 'Remove some of the recipients.',
    },
    'One of the provided notification email addresses is in invalid format': {
      message: 'One of the e-mail addresses for notifications is invalid.',
      description: 'Check how the addresses are written.',
    },
    'Request rate limit reached': {
      message: 'Too many requests to SIGEX in a short time.',
      description: 'Wait a minute and try again.',
    },
    'Document not found': {
      message: 'The document was not found in SIGEX.',
    },
    'Access denied': {
      message: 'Access to the document is denied.',
      description: 'Access to the document is restricted: sign in on sigex.kz to see it and sign it there.',
    },
    'Authentication required': {
      message: 'Signing in to SIGEX is required for this operation.',
    },
    'Digests values update required': {
      message: 'SIGEX needs the document data again to accept this signature.',
      description: 'Try again: the data will be uploaded once more.',
    },
    'QR signing operation timeout': {
      message: 'The time for signing with the QR code has run out.',
      description: 'Request a new QR code and try again.',
    },
    'eGov mobile data exchange failed': {
      message: 'Data exchange with eGov mobile failed.',
      description: 'Signing in the app was cancelled or ended with an error. Try again.',
    },
    'Too much users use QR signing': {
      message: 'Too many people are signing by QR code right now.',
      description: 'Try again in a few minutes.',
    },
  },
} as const;

export type ErrorMessages = Strings<typeof messages>;
export default messages;
