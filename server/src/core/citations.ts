/**
 * Guideline citations inside a guideline field. Letters state them as
 * "Decision based on MTUS ..." and "Decision based on Non-MTUS Citation ...";
 * each statement yields one citation per MTUS part, ACOEM chapter, ODG
 * reference or URL, with its span in the original text.
 */
import type { Field, FieldKind, GuidelineCitation, PageRange } from './model';
import { fold, sourceOffset, spanOf, type FoldedText } from './text';

const STATEMENT_RE = /Decision\s+based\s+on\s+(Non-MTUS\s+Citation|MTUS)\b[\s:,]*/gi;
const PART_RE = /^(.+?)\s+((?:19|20)\d{2})(?=\s*(?:[,.;]|$))/;
/** Where a further MTUS part starts in a statement: ", and <Name> <Year>". */
const NEXT_PART_RE = /,\s*and\s+(?=[A-Z][A-Za-z&,/ -]{2,80}?\s(?:19|20)\d{2}(?:\s*[,.;]|\s*$))/g;
const SECTIONS_RE = /^,?\s*Section\(s\)\s*:\s*/i;
const ACOEM_RE = /ACOEM\b[^.]*?\bChapter\s+(\d{1,2})\b\s*,?\s*(.*?)\s*(?:,?\s*Page\(s\)\s*:?\s*([\d\s,–-]+\d))?\s*\.?\s*$/i;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s,;)]+[^\s,;).]/gi;
const ODG_RE = /Official\s+Disability\s+Guidelines(?:\s*\(ODG\))?|\bODG\b(?!-TWC)/g;
const ODG_URL_RE = /odg-twc\.com\/odgtwc\/([A-Za-z_]+)\.htm/i;

function pages(raw: string | undefined): PageRange[] | undefined {
  if (!raw) return undefined;
  const out: PageRange[] = [];
  for (const part of raw.split(/\s*,\s*/)) {
    const m = /^(\d+)\s*(?:[-–]\s*(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const from = Number(m[1]);
    let to = m[2] ? Number(m[2]) : from;
    // "177-8" style abbreviations.
    if (m[2] && to < from && m[2].length < m[1].length) to = Number(m[1].slice(0, m[1].length - m[2].length) + m[2]);
    out.push({ from, to });
  }
  return out.length ? out : undefined;
}

/**
 * Section names are separated by commas, but names contain commas too
 * ("NSAIDs, GI symptoms & cardiovascular risk"): a comma outside parentheses
 * only separates when the next piece starts with a capital letter or a digit,
 * does not follow a lone word, and does not go on as "Wrist, & Hand".
 */
export function splitSections(raw: string): string[] {
  const out: string[] = [];
  // The name being read is always raw.slice(from, i): every character but a separating comma joins it.
  let from = 0;
  let depth = 0;
  for (const m of raw.matchAll(/[(),]/g)) {
    const i = m.index;
    if (m[0] === '(') depth++;
    else if (m[0] === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && separatesNames(raw, from, i)) {
      const name = raw.slice(from, i).trim();
      if (name) out.push(name);
      from = i + 1;
    }
  }
  const last = raw.slice(from).trim();
  if (last) out.push(last.replace(/\.$/, ''));
  return out;
}

/** After the comma: a name starting with a capital letter or a digit. */
const NEXT_NAME_RE = /\s*[A-Z0-9]/y;
/** After the comma: "Wrist, & Hand", a name that goes on. */
const AMPERSAND_NAME_RE = /\s*[A-Z][a-z]*,?\s*&/y;
/** Before the comma, a lone word heads a longer name ("NSAIDs, GI symptoms", "Forearm, Wrist, & Hand"). */
const LONE_WORD_RE = /^[A-Za-z]{1,10}$/;

function separatesNames(raw: string, from: number, comma: number): boolean {
  return matchesAt(NEXT_NAME_RE, raw, comma + 1) && !LONE_WORD_RE.test(raw.slice(from, comma).trim()) && !matchesAt(AMPERSAND_NAME_RE, raw, comma + 1);
}

/** Whether a sticky pattern matches at `at`. */
function matchesAt(re: RegExp, text: string, at: number): boolean {
  re.lastIndex = at;
  return re.test(text);
}

interface Piece {
  from: number;
  to: number;
}

/** A piece without leading white space, commas and semicolons, and without trailing ones and periods. */
function trimPiece(s: string, p: Piece): Piece {
  let { from, to } = p;
  while (from < to && /[\s,;]/.test(s[from])) from++;
  while (to > from && /[\s,;.]/.test(s[to - 1])) to--;
  return { from, to };
}

function mtusCitations(f: FoldedText, fieldKind: FieldKind, body: Piece): GuidelineCitation[] {
  const s = f.text;
  const text = s.slice(body.from, body.to);
  // Object literals spelled out (not spread from a base): same keys in the same order, built faster.
  const acoem = /^ACOEM\b/i.test(text) ? ACOEM_RE.exec(text) : null;
  if (acoem) {
    const p = trimPiece(s, body);
    const title = acoem[2].replace(/\s*,\s*$/, '').trim();
    return [
      {
        field: fieldKind,
        mtus: true,
        kind: 'acoem',
        span: spanOf(f, p.from, p.to),
        text: s.slice(p.from, p.to),
        chapter: Number(acoem[1]),
        title: title || undefined,
        pages: pages(acoem[3]),
      },
    ];
  }
  // One or more "<Part> <Year>[, Section(s): ...]" joined by ", and".
  const starts = [0];
  /** Where the ", and" before each further part starts (the previous part ends there). */
  const joins = [0];
  NEXT_PART_RE.lastIndex = text.indexOf(', and') < 0 && text.indexOf(',and') < 0 ? text.length : 0;
  let m: RegExpExecArray | null;
  while ((m = NEXT_PART_RE.exec(text)) !== null) {
    // "Forearm, Wrist, and Hand Complaints 2004": a new part only starts after one with its year.
    if (/\b(?:19|20)\d{2}\b/.test(text.slice(starts[starts.length - 1], m.index))) {
      starts.push(m.index + m[0].length);
      joins.push(m.index);
    }
  }
  const out: GuidelineCitation[] = [];
  for (let k = 0; k < starts.length; k++) {
    const end = k + 1 < starts.length ? joins[k + 1] : text.length;
    const piece = trimPiece(s, { from: body.from + starts[k], to: body.from + end });
    const pieceText = s.slice(piece.from, piece.to);
    if (!pieceText) continue;
    const part = PART_RE.exec(pieceText);
    const citation: GuidelineCitation = part
      ? {
          field: fieldKind,
          mtus: true,
          kind: 'mtus',
          span: spanOf(f, piece.from, piece.to),
          text: pieceText,
          title: part[1].trim(),
          year: Number(part[2]),
          sections: sectionsAfter(pieceText.slice(part[0].length)),
        }
      : { field: fieldKind, mtus: true, kind: 'mtus', span: spanOf(f, piece.from, piece.to), text: pieceText, title: pieceText };
    out.push(citation);
  }
  return out;
}

function sectionsAfter(rest: string): string[] | undefined {
  const m = SECTIONS_RE.exec(rest);
  if (!m) return undefined;
  const list = splitSections(rest.slice(m[0].length).replace(/\.\s*$/, ''));
  return list.length ? list : undefined;
}

function nonMtusCitations(f: FoldedText, fieldKind: FieldKind, body: Piece): GuidelineCitation[] {
  const s = f.text;
  const text = s.slice(body.from, body.to);
  const out: GuidelineCitation[] = [];
  const urls: Piece[] = [];
  URL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = URL_RE.exec(text)) !== null) urls.push({ from: body.from + m.index, to: body.from + m.index + m[0].length });
  const inUrl = (at: number) => urls.some((u) => at >= u.from && at < u.to);

  // ODG references: from each mention of the guideline to the next mention, URL or end.
  const odgStarts: number[] = [];
  ODG_RE.lastIndex = 0;
  while ((m = ODG_RE.exec(text)) !== null) {
    const at = body.from + m.index;
    if (!inUrl(at)) odgStarts.push(at);
  }
  for (let k = 0; k < odgStarts.length; k++) {
    const stopCandidates = [k + 1 < odgStarts.length ? odgStarts[k + 1] : body.to, ...urls.filter((u) => u.from > odgStarts[k]).map((u) => u.from)];
    const otherMedical = /Other\s+Medical\s+Treatment\s+Guideline/i.exec(s.slice(odgStarts[k], body.to));
    if (otherMedical) stopCandidates.push(odgStarts[k] + otherMedical.index);
    const piece = trimPiece(s, { from: odgStarts[k], to: Math.min(...stopCandidates) });
    const pieceText = s.slice(piece.from, piece.to);
    const chapterText = pieceText.replace(/^(?:Official\s+Disability\s+Guidelines(?:\s*\(ODG\))?|ODG)[\s,:–-]*/i, '');
    out.push({
      field: fieldKind,
      mtus: false,
      kind: 'odg',
      span: spanOf(f, piece.from, piece.to),
      text: pieceText,
      title: odgChapterTitle(chapterText),
    });
  }
  for (const u of urls) {
    const urlText = s.slice(u.from, u.to);
    const odg = ODG_URL_RE.exec(urlText);
    out.push({
      field: fieldKind,
      mtus: false,
      kind: odg ? 'odg' : 'other',
      span: spanOf(f, u.from, u.to),
      text: urlText,
      url: /^www\./i.test(urlText) ? 'http://' + urlText : urlText,
      title: odg ? odg[1].replace(/_/g, ' ') : undefined,
    });
  }
  if (out.length === 0) {
    const piece = trimPiece(s, body);
    if (piece.to > piece.from) out.push({ field: fieldKind, mtus: false, kind: 'other', span: spanOf(f, piece.from, piece.to), text: s.slice(piece.from, piece.to) });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** The chapter words of an ODG reference: up to the first comma or period outside parentheses. */
function odgChapterTitle(chapterText: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < chapterText.length; i++) {
    const c = chapterText[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === ',' || c === '.' || c === ';' || c === ':')) {
      const t = chapterText.slice(0, i).replace(/^[\s(]+|[\s(]+$/g, '').trim();
      return t || undefined;
    }
  }
  const t = chapterText.replace(/^[\s(]+|[\s(]+$/g, '').trim();
  return t || undefined;
}

export function parseCitations(field: Field): GuidelineCitation[] {
  if (field.valueSpan.end <= field.valueSpan.start) return [];
  return citationsOf(field.folded, field.kind);
}

/** The citations of a folded guideline field value; `source` is the text it was folded from (statements of a long field are then remembered). */
function citationsOf(f: FoldedText, fieldKind: FieldKind, source?: string): GuidelineCitation[] {
  const s = f.text;
  const out: GuidelineCitation[] = [];
  STATEMENT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  // The statement being read: its body starts at `from` and runs to the next statement or the end.
  let mtus = false;
  let from = -1;
  let count = 0;
  let repeats: StatementMemo | undefined;
  while ((m = STATEMENT_RE.exec(s)) !== null) {
    if (from >= 0) {
      // A field of many statements (no real letter has more than a few) remembers them as it goes.
      if (++count > MEMO_AFTER_STATEMENTS && source !== undefined) repeats ??= { source, mtus: new Map(), nonMtus: new Map() };
      statementCitations(f, fieldKind, mtus, from, m.index, out, repeats);
    }
    mtus = !/^Non/i.test(m[1]);
    from = m.index + m[0].length;
  }
  if (from >= 0) statementCitations(f, fieldKind, mtus, from, s.length, out, repeats);
  return out;
}

/** Statements read one by one before a field starts remembering them. */
const MEMO_AFTER_STATEMENTS = 8;

/**
 * Statements of one field already read, by kind and source text (with the character before it,
 * which folding may read): their citations and where the statement starts in the source. A
 * statement of the same source text folds the same way, so its citations are the remembered ones
 * moved by the distance between the two (as CitationMemo does for whole field values).
 */
interface StatementMemo {
  readonly source: string;
  /** MTUS statements and Non-MTUS ones apart, so a key is a plain slice of the source (no string joined to hash). */
  readonly mtus: Map<string, StatementCitations>;
  readonly nonMtus: Map<string, StatementCitations>;
}

interface StatementCitations {
  readonly start: number;
  readonly citations: readonly GuidelineCitation[];
}

function statementCitations(
  f: FoldedText,
  fieldKind: FieldKind,
  mtus: boolean,
  from: number,
  to: number,
  out: GuidelineCitation[],
  repeats?: StatementMemo,
): void {
  const body = trimPiece(f.text, { from, to });
  if (body.to <= body.from) return;
  let key = '';
  let start = 0;
  if (repeats) {
    // The statement's source span, as spanOf gives it.
    start = sourceOffset(f, body.from);
    key = repeats.source.slice(Math.max(0, start - 1), sourceOffset(f, body.to - 1) + 1);
    const seen = (mtus ? repeats.mtus : repeats.nonMtus).get(key);
    if (seen) {
      for (const c of seen.citations) out.push(moved(c, fieldKind, start - seen.start));
      return;
    }
  }
  const list = mtus ? mtusCitations(f, fieldKind, body) : nonMtusCitations(f, fieldKind, body);
  if (repeats) (mtus ? repeats.mtus : repeats.nonMtus).set(key, { start, citations: list });
  for (const c of list) out.push(c);
}

/** What a guideline field value yields: its folded text and its citations. */
export interface ValueCitations {
  /** The value's text as `Field.text` gives it. */
  readonly text: string;
  /** Citations with spans for the value starting at `start`. */
  readonly citations: readonly GuidelineCitation[];
  readonly start: number;
}

/** A citation as it stands in a field of another kind, or `d` characters further on. */
function moved(c: GuidelineCitation, field: FieldKind, d: number): GuidelineCitation {
  return { ...c, field, span: { start: c.span.start + d, end: c.span.end + d } };
}

/**
 * Citations of the guideline field values of one text, kept by the values'
 * raw text: letters repeat the same guideline statements from item to item,
 * and a value that reads the same character for character gives the same
 * citations, moved by the distance between the two values. Citations are
 * never changed once made, so the copies share their strings and arrays.
 */
export class CitationMemo {
  private readonly byValue = new Map<string, ValueCitations>();

  /** The folded text and citations of the value source[start, end). */
  lookUp(source: string, fieldKind: FieldKind, start: number, end: number): ValueCitations {
    // Folding reads one character before the value (a hyphen break right after it), so a value that follows a letter is not shared.
    const shareable = !/[A-Za-z]/.test(source.charAt(start - 1));
    const key = shareable ? source.slice(start, end) : '';
    const known = shareable ? this.byValue.get(key) : undefined;
    if (known) return known;
    const f = fold(source, start, end);
    const citations = end > start ? citationsOf(f, fieldKind, source) : [];
    const fresh: ValueCitations = { text: f.text, citations, start };
    if (shareable) this.byValue.set(key, fresh);
    return fresh;
  }

  /** Appends a value's citations as they stand in a field of the given kind whose value starts at `start`. */
  static append(value: ValueCitations, fieldKind: FieldKind, start: number, out: GuidelineCitation[]): void {
    const d = start - value.start;
    for (const c of value.citations) out.push(d === 0 && c.field === fieldKind ? c : moved(c, fieldKind, d));
  }
}
