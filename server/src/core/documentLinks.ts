/**
 * Document links: web addresses in the text, and references to sections of
 * title 8 of the California Code of Regulations ("8 CCR 9792.23.5",
 * "9792.24.2"), which link to the regulation's page at Cornell's Legal
 * Information Institute. The server only names the address; it fetches nothing.
 *
 * Extracted text breaks long addresses after a hyphen ("...skilled-" /
 * "nursing-care"); such an address is joined with its continuation.
 */
import type { Analysis } from './index';
import type { Range } from './types';
import { ACOEM_CHAPTERS, MTUS_PARTS } from './guidelines';

export interface DocumentLinkInfo {
  readonly range: Range;
  readonly target: string;
  readonly tooltip?: string;
}

export const REGULATION_BASE = 'https://www.law.cornell.edu/regulations/california/8-CCR-';

/** What the MTUS sections adopt, from the guideline data: "9792.23.5" -> "MTUS Low Back Complaints". */
const SECTION_NAMES: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const p of MTUS_PARTS) if (!map.has(p.ccr)) map.set(p.ccr, `MTUS ${p.name}`);
  for (const c of ACOEM_CHAPTERS) if (!map.has(c.ccr)) map.set(c.ccr, `MTUS ${c.title}`);
  return map;
})();

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'`{}|\\^]+/gi;
/** "8 CCR 9792.6", "8 C.C.R. § 9792.24.4", "Section 9792.20", or a bare 9792.x number (the MTUS sections). */
const REGULATION_RE =
  /\b8[ \t]*C\.?[ \t]?C\.?[ \t]?R\.?[ \t]*(?:§+[ \t]*|sections?[ \t]+)?(\d{4,5}(?:\.\d{1,2})*)\b|(?:§+[ \t]*|\bsections?[ \t]+)?\b(9792\.\d{1,2}(?:\.\d{1,2})*)\b/gi;
const URL_CHAR = /[^\s<>"'`{}|\\^]/;

export function documentLinks(analysis: Analysis): DocumentLinkInfo[] {
  const { model, lines } = analysis;
  const text = model.text;
  const out: Array<DocumentLinkInfo & { start: number }> = [];

  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(text); m; m = URL_RE.exec(text)) {
    const url = readUrl(text, m.index, m.index + m[0].length);
    URL_RE.lastIndex = url.end;
    const target = /^www\./i.test(url.address) ? `http://${url.address}` : url.address;
    out.push({ start: m.index, range: lines.range({ start: m.index, end: url.end }), target });
  }

  REGULATION_RE.lastIndex = 0;
  for (let m = REGULATION_RE.exec(text); m; m = REGULATION_RE.exec(text)) {
    const section = m[1] ?? m[2]!;
    const name = SECTION_NAMES.get(section);
    out.push({
      start: m.index,
      range: lines.range({ start: m.index, end: m.index + m[0].length }),
      target: REGULATION_BASE + section,
      tooltip: `8 CCR § ${section}${name ? ` (${name})` : ''} at Cornell LII`,
    });
  }
  // A regulation number inside a web address is part of that address.
  out.sort((a, b) => a.start - b.start);
  const links: DocumentLinkInfo[] = [];
  let coveredTo = -1;
  for (const { start, ...link } of out) {
    if (start < coveredTo) continue;
    links.push(link);
    coveredTo = lines.offsetAt(link.range.end);
  }
  return links;
}

/**
 * The address starting at `start` whose first piece ends at `end`: closing
 * punctuation that belongs to the sentence is dropped, and a piece that ends a
 * line with a hyphen continues on the next non-blank line.
 */
function readUrl(text: string, start: number, end: number): { address: string; end: number } {
  const pieces: string[] = [];
  let pieceStart = start;
  let pieceEnd = trimPunctuation(text, start, end);
  for (let joins = 0; ; joins++) {
    pieces.push(text.slice(pieceStart, pieceEnd));
    if (joins === 3 || pieceEnd !== end || text[pieceEnd - 1] !== '-') break;
    const next = continuation(text, pieceEnd);
    if (next === undefined) break;
    let nextEnd = next;
    while (nextEnd < text.length && URL_CHAR.test(text[nextEnd]!)) nextEnd++;
    pieceStart = next;
    end = nextEnd;
    pieceEnd = trimPunctuation(text, next, nextEnd);
  }
  return { address: pieces.join(''), end: pieceEnd };
}

/** Where the next line's text starts, when only a line break (and blank lines of a double-spaced letter) follows `at`. */
function continuation(text: string, at: number): number | undefined {
  const gap = /[\r\n \t]*/y;
  gap.lastIndex = at;
  const white = gap.exec(text)![0];
  const i = at + white.length;
  const breaks = white.split('\n').length - 1;
  if (breaks === 0 || breaks > 3 || i >= text.length) return undefined;
  // A continuation is one run of address characters starting with a letter or digit.
  return /[A-Za-z0-9]/.test(text[i]!) ? i : undefined;
}

function trimPunctuation(text: string, start: number, end: number): number {
  let e = end;
  for (;;) {
    const c = text[e - 1];
    if (e <= start + 1) return e;
    if (c === '.' || c === ',' || c === ';' || c === ':' || c === '!' || c === '?' || c === "'") e--;
    else if (c === ')' && !balanced(text.slice(start, e), '(', ')')) e--;
    else if (c === ']' && !balanced(text.slice(start, e), '[', ']')) e--;
    else return e;
  }
}

function balanced(s: string, open: string, close: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === open) depth++;
    else if (ch === close) depth--;
  }
  return depth >= 0;
}
