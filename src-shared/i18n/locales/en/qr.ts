// en: signing with eGov mobile / eGov Business by QR code (and the seed's KAZTOKEN mobile texts).
import type { Strings } from './common';

const messages = {
  title: 'Signing with eGov mobile',
  scan: 'Scan this QR code with eGov mobile or eGov Business apps.',
  alsoScan: 'You can also scan this QR code with eGov mobile or eGov Business apps',
  imageAlt: 'QR code for signing with eGov mobile or eGov Business',
  expiresIn: 'The QR code is valid for {{time}}',
  expired: 'The QR code has expired.',
  newQr: 'New QR code',
  renewed: 'The QR code expired before it was scanned; a new one is shown (automatic renewal {{done}} of {{max}}).',
  renewing: 'The QR code has expired. Getting a new one…',
  deepLinks:
    "Deep links for mobile devices: for eGov mobile (individual), for eGov Business (legal entity). They won't work on computers and laptops!",
  egovMobileLink: 'eGov mobile (individual)',
  egovBusinessLink: 'eGov Business (legal entity)',
  copyLink: 'Copy the link for {{app}}',
  waitingEgov: 'Waiting for signature from eGov',
  waitingHint: 'Confirm the signing in the eGov app on your phone.',
  integration:
    'Integrating the ability to sign with digital signatures via QR and links into an information system is very simple using our API.',
  kaztoken: {
    waiting: 'Waiting for signature from KAZTOKEN mobile',
    notAvailable:
      'Signing with KAZTOKEN mobile is not available because KAZTOKEN mobile could not be detected on your mobile device. You can install KAZTOKEN mobile from Google Play, you can also read the KAZTOKEN mobile instructions. If KAZTOKEN mobile is installed, but our portal displays this error, please contact our technical support.',
    /** The desktop app's own words (the seed's sentence above speaks as the web page). */
    notAvailableApp:
      'Signing with KAZTOKEN mobile is not available because KAZTOKEN mobile could not be detected on your mobile device. You can install KAZTOKEN mobile from Google Play. If it is installed, open it on your phone and try again, or sign with eGov mobile by QR code.',
    waitingHint: 'Open KAZTOKEN mobile on your phone and confirm the signing there.',
    /** NCALayer named the KAZTOKEN storage: a USB token on this computer, or the app (both true). */
    waitingToken: 'Confirm the signature on your KAZTOKEN token or in the KAZTOKEN app',
    waitingTokenHint:
      'If your KAZTOKEN token is plugged into this computer, enter its PIN in the window on this computer. If you sign with the KAZTOKEN app on your phone, confirm the signing there.',
    files: 'Files to sign: {{count}}',
  },
} as const;

export type QrMessages = Strings<typeof messages>;
export default messages;
