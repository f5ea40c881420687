/**
 * Stage 4a: the header table of a 2016-17 letter, before the first heading:
 *
 *   Case Number:          CM16-0229336
 *   Date Assigned:        12/05/2016                      Date of Injury:      10/20/2016
 *   Priority:             Standard                        Application          11/28/2016
 *                                                         Received:
 *
 * pdftotext -layout keeps label and value on one line, two columns of them, with
 * "Application Received:" split over two lines and its value on the first. Plain
 * pdftotext (reading order) gives all the labels first, then all the values: a
 * value without a label on its line goes to the oldest label still waiting.
 */
import type { HeaderFact, HeaderKey, Span } from '../model';
import { toIsoDate } from '../dates';
import { rawText, type Line } from './lines';
import { anyRow, rowOf } from './patterns';

const HEADER_LABELS: ReadonlyArray<{ key: HeaderKey; re: RegExp }> = [
  { key: 'caseNumber', re: /Case\s+Number\s*:/ },
  { key: 'dateAssigned', re: /Date\s+Assigned\s*:/ },
  { key: 'decisionDate', re: /Decision\s+Date\s*:/ },
  { key: 'dateOfInjury', re: /Date\s+of\s+Injury\s*:/ },
  { key: 'urDenialDate', re: /UR\s+Denial\s+Date\s*:/ },
  { key: 'priority', re: /Priority\s*:/ },
  { key: 'applicationReceived', re: /Application(?:\s+Received)?\s*:?(?=\s|$)/ },
];
/** The labels in any case, tried where a word starts. */
const HEADER_LABEL_RE = new RegExp(anyRow(HEADER_LABELS.map((l) => l.re.source)), 'iy');
/** The second half of "Application Received:", on the line below "Application". */
const RECEIVED_RE = /Received\s*:/iy;
const DATE_KEYS: ReadonlySet<HeaderKey> = new Set(['dateAssigned', 'decisionDate', 'dateOfInjury', 'urDenialDate', 'applicationReceived']);

export type HeaderFacts = Partial<Record<HeaderKey, HeaderFact>>;

/** A fact with its value normalised: dates in ISO 8601, the case number in capitals. */
export function headerFact(key: HeaderKey, raw: string, span: Span, labelSpan?: Span): HeaderFact {
  let value = raw;
  if (DATE_KEYS.has(key)) value = toIsoDate(raw) ?? raw;
  else if (key === 'caseNumber') value = raw.toUpperCase();
  return labelSpan ? { value, raw, span, labelSpan } : { value, raw, span };
}

type Token =
  | { readonly kind: 'label'; readonly key: HeaderKey; readonly span: Span }
  | { readonly kind: 'received' }
  | { readonly kind: 'value'; readonly raw: string; readonly span: Span };

/** The header table among the lines before `endLine`: from its first line with a label to the first line after it without one. */
export function parseHeaderTable(source: string, lines: readonly Line[], endLine: number): { facts: HeaderFacts; span?: Span } {
  const facts: HeaderFacts = {};
  /** Labels still waiting for their value (reading order), oldest first. */
  const waiting: Array<{ key: HeaderKey; span: Span }> = [];
  let lastLabel: HeaderKey | undefined;
  let first: number | undefined;
  let last: number | undefined;
  for (let i = 0; i < endLine; i++) {
    if (lines[i].blank) continue;
    const tokens = tokensOf(rawText(source, lines[i]), lines[i].start, lastLabel);
    let current: { key: HeaderKey; span: Span } | undefined;
    let inTable = false;
    for (const token of tokens) {
      if (token.kind === 'label') {
        if (current) waiting.push(current);
        current = token;
        lastLabel = token.key;
        inTable = true;
      } else if (token.kind === 'received') {
        inTable = true;
      } else {
        // A value goes to the label before it on its line, else to the oldest label waiting.
        const target = current ?? waiting.shift();
        if (!target) continue;
        facts[target.key] ??= headerFact(target.key, token.raw, token.span, target.span);
        current = undefined;
        inTable = true;
      }
    }
    if (current) waiting.push(current);
    if (inTable) {
      first ??= i;
      last = i;
    } else if (first !== undefined) {
      break;
    }
  }
  const span = first !== undefined && last !== undefined ? { start: lines[first].start, end: lines[last].end } : undefined;
  return { facts, span };
}

/**
 * A header line's labels and values in order: a label starts a word; a value
 * runs to the next gap of two white space characters (the columns' gap) or the line's end.
 */
function tokensOf(t: string, lineStart: number, lastLabel: HeaderKey | undefined): Token[] {
  const tokens: Token[] = [];
  let pos = skipWhiteSpace(t, 0);
  while (pos < t.length) {
    const atWordStart = pos === 0 || /\s/.test(t[pos - 1]);
    const label = atWordStart ? labelAt(t, pos) : undefined;
    const received = atWordStart && !label && lastLabel === 'applicationReceived' ? stickyMatch(RECEIVED_RE, t, pos) : 0;
    if (label) {
      tokens.push({ kind: 'label', key: label.key, span: { start: lineStart + pos, end: lineStart + pos + label.length } });
      lastLabel = label.key;
      pos += label.length;
    } else if (received > 0) {
      tokens.push({ kind: 'received' });
      pos += received;
    } else {
      const end = gapAt(t, pos);
      const raw = t.slice(pos, end).trimEnd();
      tokens.push({ kind: 'value', raw, span: { start: lineStart + pos, end: lineStart + pos + raw.length } });
      pos = end;
    }
    pos = skipWhiteSpace(t, pos);
  }
  return tokens;
}

function labelAt(t: string, pos: number): { key: HeaderKey; length: number } | undefined {
  HEADER_LABEL_RE.lastIndex = pos;
  const m = HEADER_LABEL_RE.exec(t);
  if (!m) return undefined;
  return { key: HEADER_LABELS[rowOf(m)].key, length: m[0].length };
}

/** Length of the match of a sticky pattern at `pos`, or 0. */
function stickyMatch(re: RegExp, t: string, pos: number): number {
  re.lastIndex = pos;
  const m = re.exec(t);
  return m ? m[0].length : 0;
}

const WHITE_SPACE_RE = /\s*/y;
const GAP_RE = /\s\s/g;

function skipWhiteSpace(t: string, pos: number): number {
  WHITE_SPACE_RE.lastIndex = pos;
  WHITE_SPACE_RE.test(t);
  return WHITE_SPACE_RE.lastIndex;
}

/** Where the first gap of two white space characters after `from` starts, or the text's end. */
function gapAt(t: string, from: number): number {
  GAP_RE.lastIndex = from;
  return GAP_RE.test(t) ? GAP_RE.lastIndex - 2 : t.length;
}
