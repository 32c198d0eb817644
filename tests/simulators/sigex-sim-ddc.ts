/**
 * SIGEX simulator: the document card (DDC) as a small but real PDF, written by hand. One page
 * lists the document and its signatures (ASCII text); the original bytes and a JSON summary
 * are embedded files (/EmbeddedFiles), as the card embeds the original. The document info
 * dictionary carries the title and id in UTF-16 so tests can read them back.
 */
import type { SimDocument } from './sigex-sim-types';

const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');
const pdfText = (s: string) => `(${ascii(s).replace(/[\\()]/g, (c) => `\\${c}`)})`;
const utf16Hex = (s: string) => `<FEFF${Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase()}>`;

/** CN and O of a subject such as "CN=..., SERIALNUMBER=IIN..., O=...". */
export function subjectPart(subject: string, key: string): string | undefined {
  for (const part of subject.split(/,\s*/)) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim().toUpperCase() === key) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function cardSummary(doc: SimDocument): Record<string, unknown> {
  return {
    documentId: doc.id,
    title: doc.title,
    sha256: doc.dataSha256 ?? null,
    signatures: doc.signatures.map((s) => ({
      signId: s.signId,
      signer: subjectPart(s.subject, 'CN') ?? s.subject,
      ...(s.iin ? { iin: s.iin } : {}),
      ...(s.bin ? { bin: s.bin } : {}),
      time: s.receivedAt.toISOString(),
    })),
  };
}

export function buildDdcPdf(doc: SimDocument, data: Buffer): Buffer {
  const summary = cardSummary(doc);
  const lines = [
    `SIGEX document card ${doc.id}`,
    `Title: ${doc.title}`,
    `SHA-256: ${doc.dataSha256 ?? ''}`,
    ...doc.signatures.map(
      (s, i) =>
        `${i + 1}. ${subjectPart(s.subject, 'CN') ?? s.subject} IIN ${s.iin ?? '-'} BIN ${s.bin ?? '-'} ${s.receivedAt.toISOString()}`,
    ),
  ];
  const content = `BT /F1 11 Tf 50 790 Td 14 TL ${lines.map((l) => `${pdfText(l)} '`).join(' ')} ET`;
  const json = Buffer.from(JSON.stringify(summary), 'utf8');
  const objects: Array<string | Buffer> = [];
  const add = (o: string | Buffer) => objects.push(o) as number; // object number = index + 1
  const stream = (dict: string, bytes: Buffer) =>
    Buffer.concat([Buffer.from(`<< ${dict} /Length ${bytes.length} >>\nstream\n`, 'latin1'), bytes, Buffer.from('\nendstream', 'latin1')]);
  add('<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(original) 6 0 R (card.json) 8 0 R] >> >> >>'); // 1
  add('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'); // 2
  add('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>'); // 3
  add(stream('', Buffer.from(content, 'latin1'))); // 4
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'); // 5
  add(`<< /Type /Filespec /F ${pdfText(doc.title)} /UF ${utf16Hex(doc.title)} /EF << /F 7 0 R >> >>`); // 6
  add(stream('/Type /EmbeddedFile', data)); // 7
  add('<< /Type /Filespec /F (card.json) /UF (card.json) /EF << /F 9 0 R >> >>'); // 8
  add(stream('/Type /EmbeddedFile /Subtype /application#2Fjson', json)); // 9
  add(`<< /Title ${utf16Hex(doc.title)} /Subject ${utf16Hex(`SIGEX ${doc.id}`)} /Producer (sigex-sim) >>`); // 10
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(offset);
    const b = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof o === 'string' ? Buffer.from(o, 'latin1') : o,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(b);
    offset += b.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
