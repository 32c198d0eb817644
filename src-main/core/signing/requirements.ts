/**
 * Local check of the document's own signer requirements against the certificate that just
 * signed (only when they apply to the first signature: strictSignersRequirements). Stopping
 * here gives a clear message instead of SIGEX's refusal after the fact.
 */
import type { DocumentSettings, SignerRequirement } from '../../../src-shared/model';
import type { SignerCertInfo } from '../cms-info';
import { AppError } from '../errors';

export function satisfies(req: SignerRequirement, signer: SignerCertInfo): boolean {
  if (req.iin && req.iin !== `IIN${signer.iin ?? ''}`) return false;
  if (req.bin && req.bin !== `BIN${signer.bin ?? ''}`) return false;
  if (req.authorities && req.authorities.length > 0 && !req.authorities.some((oid) => signer.policies.includes(oid))) return false;
  // `ca: "nca"` (issued by NCA RK) is judged by SIGEX, which knows NCA's roots.
  return true;
}

export function checkRequirements(settings: DocumentSettings, signer: SignerCertInfo | undefined): void {
  if (!settings.strictSignersRequirements || settings.signersRequirements.length === 0) return;
  if (signer && settings.signersRequirements.some((r) => satisfies(r, signer))) return;
  throw new AppError('requirements-not-met', 'the signing certificate does not satisfy any signer requirement of the document', {
    params: {
      // the IIN / BIN the certificate carries, as the user can compare them with the requirement
      signer: [signer?.iin, signer?.bin].filter(Boolean).join(', ') || '-',
      required: describeRequirements(settings.signersRequirements),
    },
  });
}

/** What the document asks for, in numbers the user can compare with their certificate. */
export function describeRequirements(reqs: readonly SignerRequirement[]): string {
  return reqs
    .map((r) =>
      [r.iin?.slice(3), r.bin?.slice(3), ...(r.authorities ?? []), r.ca === 'nca' ? 'NCA RK' : undefined].filter(Boolean).join(' + '),
    )
    .filter((s) => s !== '')
    .join('; ');
}
