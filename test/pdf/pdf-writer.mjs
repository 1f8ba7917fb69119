// A minimal PDF writer for the PDF fixtures and the bench (plain Node ESM): pages of text lines in a
// standard font (what MREP-style Standard Paper Remittances are: Courier text, one string per line), and
// a page that is only an image (a scan). Nothing else: no fonts embedded, no compression.

/** @param {string} s */
const pdfString = (s) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');

/**
 * Assembles objects into a PDF file with a correct cross-reference table.
 * @param {(string | Uint8Array)[][]} objects each object's parts (strings are latin1), numbered from 1
 * @returns {Uint8Array}
 */
function assemble(objects) {
  /** @type {Buffer[]} */
  const chunks = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0].length;
  const offsets = [];
  objects.forEach((parts, i) => {
    offsets.push(length);
    const body = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    chunks.push(body);
    length += body.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n`,
    '0000000000 65535 f \n',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ];
  chunks.push(
    Buffer.from(
      `${xref.join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 2 0 R >>\nstartxref\n${length}\n%%EOF\n`,
      'latin1',
    ),
  );
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Pages of fixed-width text, one Tj per line, in Courier (a standard font: nothing embedded).
 * @param {string[][]} pages lines of each page
 * @param {{ size?: number, leading?: number, width?: number, height?: number, left?: number, top?: number, title?: string }} [options]
 * @returns {Uint8Array}
 */
export function textPdf(pages, { size = 7.5, leading = 9, width = 792, height = 612, left = 24, top = 30, title = 'Remittance' } = {}) {
  // 1 catalog, 2 info, 3 pages, 4 font, then per page: page, contents.
  const kids = pages.map((_, i) => `${5 + i * 2} 0 R`).join(' ');
  /** @type {(string | Uint8Array)[][]} */
  const objects = [
    ['<< /Type /Catalog /Pages 3 0 R >>'],
    [`<< /Title (${pdfString(title)}) /Producer (remit-lens test/pdf/pdf-writer.mjs) >>`],
    [`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`],
    ['<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>'],
  ];
  pages.forEach((lines, i) => {
    const ops = [`BT /F1 ${size} Tf ${leading} TL ${left} ${height - top} Td`];
    for (const line of lines) ops.push(`(${pdfString(line)}) Tj T*`);
    ops.push('ET');
    const stream = ops.join('\n');
    objects.push([
      `<< /Type /Page /Parent 3 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 4 0 R >> >> /Contents ${6 + i * 2} 0 R >>`,
    ]);
    objects.push([`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`]);
  });
  return assemble(objects);
}

/**
 * One page that is a JPEG image and nothing else (a scanned remittance); `caption` adds a little text
 * under it (a scanner's page stamp), which is not enough to read.
 * @param {Uint8Array} jpeg
 * @param {{ pixelWidth: number, pixelHeight: number, caption?: string }} image
 * @returns {Uint8Array}
 */
export function imagePdf(jpeg, { pixelWidth, pixelHeight, caption }) {
  const width = 612;
  const height = Math.round((612 * pixelHeight) / pixelWidth);
  const draw = [`q ${width} 0 0 ${height} 0 0 cm /Im1 Do Q`];
  if (caption) draw.push(`BT /F1 6 Tf 8 4 Td (${pdfString(caption)}) Tj ET`);
  const stream = draw.join('\n');
  return assemble([
    ['<< /Type /Catalog /Pages 3 0 R >>'],
    ['<< /Title (Scanned remittance) /Producer (remit-lens test/pdf/pdf-writer.mjs) >>'],
    ['<< /Type /Pages /Kids [5 0 R] /Count 1 >>'],
    ['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'],
    [
      `<< /Type /Page /Parent 3 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /XObject << /Im1 7 0 R >> /Font << /F1 4 0 R >> >> /Contents 6 0 R >>`,
    ],
    [`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`],
    [
      `<< /Type /XObject /Subtype /Image /Width ${pixelWidth} /Height ${pixelHeight} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
      jpeg,
      '\nendstream',
    ],
  ]);
}
