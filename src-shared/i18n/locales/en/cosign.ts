// en: the document card of a -SigexId file and adding my signature to it.
import type { Strings } from './common';

const messages = {
  title: 'SIGEX document',
  loading: 'Loading the document from SIGEX…',
  titleLabel: 'Title',
  idLabel: 'Document id',
  signatures: 'Signatures ({{count}})',
  limit: 'Limit of signatures: {{total}} of {{limit}}',
  noLimit: 'No limit of signatures',
  uniqueIin: 'One signature per person',
  uniqueBin: 'One representative per organisation',
  requirements: 'Signer requirements: {{count}}',
  iin: 'IIN {{iin}}',
  bin: 'BIN {{bin}}',
  tsp: 'timestamp',
  ocsp: 'OCSP',
  noTsp: 'no timestamp',
  noOcsp: 'no OCSP',
  matchTrue: 'This file is exactly the registered document (SHA-256 matches).',
  matchFalse: 'This file is NOT the registered document: its bytes differ from what SIGEX registered.',
  matchNull: 'SIGEX did not report the document digest: this file could not be compared with the registered document.',
  openPage: 'Open the document page',
  addSignature: 'Add my signature',
  addSignatureQr: 'Add my signature with eGov QR',
  addToAll: 'Add my signature to all {{count}} documents: one PIN',
  mixedTitle: 'Already registered in SIGEX ({{count}})',
  mixedIntro:
    'These files carry a SIGEX id and are not signed again as new documents. Open a card to check the file and add your signature.',
  showCard: 'Document card',
  hideCard: 'Hide the card',
  adding: 'Choose a key and enter the PIN in the NCALayer window…',
  added: 'Your signature has been added. The file was not renamed: it already carries its SIGEX id.',
  saveCard: 'Save document card (PDF)',
  cardSaved: 'Document card saved: {{name}}',
  checkFailed: 'The document could not be shown.',
  checkTitle: 'Check a file',
  checkHint: 'Drop a file here, or choose one, to see its SIGEX document and signatures.',
  checkButton: 'Check a file',
  noId: 'The name of {{name}} carries no SIGEX identifier, so its document cannot be found by name. You can check its signatures on the SIGEX verify page.',
  openVerify: 'Open the verify page',
  back: 'Back',
  queued: 'SIGEX cannot be reached now: your signature is saved and will be added automatically when the connection is back.',
  bytesNotChecked:
    "The app did not check by itself that your signature covers exactly this file: it cannot compute the signature's digest algorithm ({{oid}}). SIGEX checks it when it adds the signature.",
  cardSignedBytesGone:
    '{{name}} was changed after it was signed, and its signed copy is gone or changed too. The card must be made from the signed bytes, so nothing was sent to SIGEX. Open the document page in SIGEX to get the card.',
  multiBytesNotChecked: 'bytes not checked by the app (digest {{oid}})',
  multiTitle: '{{count}} files already registered in SIGEX',
  multiIntro:
    'Each of these files carries a SIGEX identifier. Add your signature to every document at once: you enter the PIN once; the files are not renamed.',
  multiAdded: 'signature added ({{count}} in total)',
} as const;

export type CosignMessages = Strings<typeof messages>;
export default messages;
