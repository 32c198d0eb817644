/**
 * Minimal PDF reader for tests: checks the structure a PDF reader relies on (header, xref
 * table whose offsets point at the objects, trailer, %%EOF) and returns the embedded files'
 * bytes and the page text operators. Only for the uncompressed cards the simulator writes.
 */
export interface PdfFacts {
  objects: number;
  /** Embedded file streams (/Type /EmbeddedFile), in object order. */
  embedded: Buffer[];
  /** Strings shown on the page, e.g. "Title: contract.pdf". */
  text: string[];
}

export function readPdf(buf: Buffer): PdfFacts {
  const s = buf.toString('latin1');
  if (!s.startsWith('%PDF-1.')) throw new Error('no %PDF header');
  if (!/%%EOF\s*$/.test(s)) throw new Error('no %%EOF');
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(s);
  if (!start) throw new Error('no startxref');
  const xrefAt = Number(start[1]);
  if (s.slice(xrefAt, xrefAt + 4) !== 'xref') throw new Error('startxref does not point at the xref table');
  const head = /^xref\n0 (\d+)\n/.exec(s.slice(xrefAt));
  if (!head) throw new Error('bad xref header');
  const count = Number(head[1]);
  const table = s.slice(xrefAt + head[0].length, xrefAt + head[0].length + count * 20);
  for (let i = 1; i < count; i++) {
    const off = Number(table.slice(i * 20, i * 20 + 10));
    if (!s.startsWith(`${i} 0 obj`, off)) throw new Error(`xref entry ${i} does not point at object ${i}`);
  }
  if (!/trailer\s*<<[^]*\/Root \d+ 0 R/.test(s.slice(xrefAt))) throw new Error('no trailer /Root');
  const embedded: Buffer[] = [];
  const re = /<< \/Type \/EmbeddedFile[^>]*\/Length (\d+) >>\nstream\n/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const from = m.index + m[0].length;
    embedded.push(buf.subarray(from, from + Number(m[1])));
  }
  const text = [...s.matchAll(/\(((?:\\.|[^\\)])*)\) '/g)].map((m) => (m[1] as string).replace(/\\(.)/g, '$1'));
  return { objects: count - 1, embedded, text };
}
