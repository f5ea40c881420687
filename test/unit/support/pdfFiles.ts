/**
 * Small PDFs written by hand for the extraction tests: the few objects a reader needs (catalog,
 * page tree, pages, content streams), an exact cross-reference table and a trailer. Written as
 * Latin-1 text, one byte per character.
 */

/** A PDF whose objects are `objects` (object n is `objects[n - 1]`, object 1 the catalog). */
export function buildPdf(objects: readonly string[], trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(out, (c) => c.charCodeAt(0));
}

function stream(content: string): string {
  return `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
}

/**
 * A letter-sized PDF with one page per entry of `pages`, each page's content stream as given.
 * Pages share one font, Helvetica (a standard font: nothing embedded), named /F1.
 */
export function pdfWithPages(pages: readonly string[], trailerExtra = '', extraObjects: readonly string[] = []): Uint8Array {
  // 1 catalog, 2 page tree, 3 font, then per page: the page and its content stream.
  const first = 4;
  const kids = pages.map((_, i) => `${first + 2 * i} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  pages.forEach((content, i) => {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${first + 2 * i + 1} 0 R >>`);
    objects.push(stream(content));
  });
  return buildPdf([...objects, ...extraObjects], trailerExtra);
}

/** A content stream showing each line of `lines` at 12 points, 14 points apart, from the top margin. */
export function textContent(lines: readonly string[]): string {
  const shown = lines.map((line) => `(${line.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj T*`).join(' ');
  return `BT /F1 12 Tf 14 TL 72 720 Td ${shown} ET`;
}

/**
 * A one-page PDF whose trailer names a standard security handler whose user password is not the
 * empty one (its /U entry matches no password): a reader must ask for the password.
 */
export function passwordProtectedPdf(): Uint8Array {
  const hex = (seed: number) => Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, '0')).join('');
  const encrypt = `<< /Filter /Standard /V 1 /R 2 /O <${hex(11)}> /U <${hex(99)}> /P -44 >>`;
  // The encryption dictionary is the object after the page's two (catalog, tree, font, page, content = 1-5).
  return pdfWithPages([textContent(['Secret'])], '/Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ', [encrypt]);
}
