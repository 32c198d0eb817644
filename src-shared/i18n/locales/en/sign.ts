// en: the signing flow (home, selected, already signed, working, result, NCALayer missing).
import type { Strings } from './common';

const messages = {
  home: {
    title: 'Sign files with a digital signature',
    dropHere: 'Drop files here',
    or: 'or',
    chooseFiles: 'Choose files',
    zoneLabel: 'Drop files here or press Enter to choose files',
    hint: 'The files are signed on this computer and registered in SIGEX. Several files are signed with one PIN entry.',
    dropActive: 'Release to add the files',
    tooMany: 'At most {{max}} files can be signed at once. Only the first {{max}} were added.',
  },
  selected: {
    one: 'You have selected file {{title}} for signing.',
    many: 'Files selected for signing: {{count}}',
    listLabel: 'Selected files',
    addFiles: 'Add files',
    alsoQr: 'You can also scan a QR code with eGov mobile or eGov Business apps: “{{button}}” shows it.',
    advanced: 'Advanced settings',
    signNcaLayer: 'Sign with NCALayer',
    signQr: 'Sign with eGov mobile (QR)',
    signAllNcaLayer: 'Sign all with NCALayer',
    optionsInvalid: 'Check the recipients and the advanced settings: some values are not valid.',
    nothingToSign: 'All selected files already carry a SIGEX identifier. Remove them or rename them to sign again.',
    skippedAlreadySigned: 'Files that already carry a SIGEX identifier will be skipped.',
    cancelled: 'Signing was cancelled. You can start it again.',
    ncaAbsent:
      'NCALayer is not running on this computer. Sign with eGov mobile or eGov Business by QR code, or start NCALayer and check the connection again.',
    qrTooLarge: 'Signing by QR code takes files up to {{limitMb}} MB each and {{totalMb}} MB together; sign these files with NCALayer.',
    summary: {
      label: 'This document:',
      plain: 'default settings',
      recipients_one: '{{count}} recipient',
      recipients_other: '{{count}} recipients',
      limit: 'limit {{count}}',
      private: 'restricted access',
      unique: 'one signature per person or organisation',
      requirements: 'signer requirements',
      access: 'access list: {{count}}',
    },
  },
  fileList: {
    name: 'File',
    size: 'Size',
    status: 'Status',
    actions: 'Actions',
    progressLabel: 'Upload progress for {{name}}',
    alreadySignedId: 'SIGEX identifier in the name: {{id}}',
  },
  status: {
    pending: 'Ready to sign',
    'already-signed': 'Already signed',
    signing: 'Signing',
    signed: 'Signed, waiting to be sent',
    registering: 'Registering in SIGEX',
    uploading: 'Uploading to SIGEX',
    saving: 'Saving the copy',
    registered: 'Signed and registered',
    queued: 'Queued',
    failed: 'Failed',
    cancelled: 'Cancelled',
  },
  alreadySigned: {
    title: 'The selected document has already been signed and registered in SIGEX.',
    idInName:
      'The name of the selected file {{title}} contains SIGEX identifier {{id}}. This indicates that this file has most likely already been signed and registered in SIGEX.',
    addSignature: 'If you want to add a signature to this already signed document, please do so on the signed document page.',
    rename: 'If you want to re-sign the document, then rename it so that the SIGEX identifier is absent from its name.',
    wrongFile: 'Or, if you selected the wrong file, just start over.',
    openDocumentPage: 'Open the signed document page',
  },
  working: {
    title: 'Signing in progress',
    preparing: 'Preparing the files...',
    connecting: 'Connecting to NCALayer...',
    preparingQr: 'Preparing the QR code in SIGEX...',
    chooseKey: 'Choose a key and enter the PIN in the NCALayer window',
    registering: 'Registering in SIGEX',
    uploadProgress: 'Upload to SIGEX',
    saving: 'Saving the signed copy',
    filesProgress: 'Files processed: {{done}} of {{total}}',
    cancelHint: 'You can cancel until the upload to SIGEX starts.',
    subjectOne: 'Signing {{name}}',
    subjectMany: 'Signing {{n}} files',
    step: {
      hashing: 'Reading {{name}}',
      sending: 'Sending {{name}} to NCALayer',
      checking: 'Checking that {{name}} has not changed',
      registering: 'Registering {{name}} in SIGEX',
      uploading: 'Uploading {{name}} to SIGEX',
      saving: 'Saving the signed copy of {{name}}',
    },
    rate: '{{size}}/s',
    leftSeconds: 'about {{n}} s left',
    leftMinutes: 'about {{n}} min left',
  },
  success: {
    title: 'File {{title}} has been successfully signed.',
    verifyHint: 'The verify page checks a file dropped on it: drop {{name}} there to see its signatures.',
    registered: 'Your signature has been verified and registered in SIGEX.',
    documentId: 'Document ID in SIGEX:',
    signer: 'Signer: {{subject}}',
    email: {
      attached: 'Email notifications have been sent to the specified recipients, and the signed document is attached to the notifications.',
      'not-attached':
        'Email notifications have been sent to the specified recipients, but the signed document is not attached to the notifications (file too large, or email attachment prohibited).',
      'not-sent': 'Email notifications were not sent (either no recipients were specified, or notification sending is prohibited).',
    },
    bytesNotChecked:
      "The app did not check by itself that the signature covers exactly this file: it cannot compute the signature's digest algorithm ({{oid}}). SIGEX checked it when registering the document.",
    certificateEmail:
      'Your certificate (registration certificate) contains the following email address: {{email}}, the service will send document signing notifications to this address.',
    changeEmail: 'You can change the address in settings (login required).',
    openSigexSettings: 'Open SIGEX settings',
    copySaved: 'Saved: {{name}}',
    copyFolder: 'Folder: {{folder}}',
    copyRecommendation:
      'We recommend saving a copy of the signed file with the SIGEX identifier. This will simplify finding the signed document page in the SIGEX service in the future.',
    copyError: 'The signed copy could not be saved.',
    renameManually: 'You can also manually rename the file as follows:',
    copyName: 'Copy the name {{name}}',
    signAnother: 'Sign another file',
  },
  queued: {
    title: 'The signature is saved and waiting for the network',
    text: 'There is no connection to SIGEX right now. The job was queued and the document will be registered automatically when the connection is back.',
  },
  batch: {
    alreadySignedDetail:
      'Not signed again: the file name carries the SIGEX identifier {{id}}. To add your signature to this document, open its document page.',
    queuedShort: 'Will be registered automatically',
    signOther: 'Sign other files',
    details: 'Details',
    hideDetails: 'Hide details',
    documentId: 'Document ID',
    title: 'Signing results',
    summary: 'Signed and registered: {{done}} of {{total}}',
    result: 'Result',
    failedCount: 'Not signed: {{count}}. You can try these files again.',
    retryFailed: 'Try the failed files again',
  },
  error: {
    editSettings: 'Edit the settings',
    chooseOther: 'Choose other files',
    title: 'Signing failed',
    statusPage: 'External services status page',
    newQr: 'New QR code',
  },
  ncalayer: {
    title: 'NCALayer not detected',
    notDetected:
      'Signing with NCALayer is not available because NCALayer could not be detected on your computer. If NCALayer is not installed on your computer, please install it from the NCA RK portal https://ncl.pki.gov.kz/. If NCALayer is installed, but our portal displays this error, please contact our technical support.',
    /** The desktop app's own words (the seed's sentence above speaks as the web page). */
    notDetectedApp:
      'Signing with NCALayer is not available because NCALayer could not be detected on your computer. If it is not installed, install it from the NCA RK portal https://ncl.pki.gov.kz/ (the button below). If it is installed, start it, wait until its icon appears next to the clock and press “{{retry}}”. If it is still not detected, use “{{diagnostics}}” in Settings and send the text to whoever supports your computer.',
    android: 'On mobile devices running Android, you can use KAZTOKEN mobile instead of NCALayer.',
    install: 'Install NCALayer from ncl.pki.gov.kz',
    untrusted:
      'NCALayer is running, but its certificate is not trusted, so a secure connection to it could not be established. Make sure the NCA RK root certificates are installed on this computer (the NCALayer installer adds them), or add the CA certificate in Settings.',
    openSettings: 'Open settings',
    useQr: 'Sign with eGov mobile instead',
  },
  recipientsConfirm: {
    title: 'New e-mail recipients',
    message: 'E-mail the signed documents to addresses not used before?',
    detail:
      'SIGEX will send the signed documents ({{count}}) to: {{emails}}. Only confirm if you added these addresses yourself. Confirmed addresses are remembered and not asked about again.',
    send: 'Send to these addresses',
    refuse: 'Do not send',
  },
} as const;

export type SignMessages = Strings<typeof messages>;
export default messages;
