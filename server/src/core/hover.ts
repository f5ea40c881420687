/**
 * Hover: what the thing under the cursor means for the claim.
 *
 * - a guideline citation: the guideline, chapter, 8 CCR section, body region,
 *   page span (sourced or estimated) and which field relies on it;
 * - an outcome: what Upheld or Overturned does to the treatment request;
 * - a date: the date in words and its distance from the date of injury and
 *   the UR denial date of the letter's header;
 * - a clinical or workers' compensation abbreviation from the glossary.
 *
 * Only the item and the line under the cursor are read, so a hover costs the
 * same in a letter and in a 10 MB file.
 */
import type { Analysis } from './index';
import type { DisputedItem, FieldKind, GuidelineCitation, Header, Span } from './model';
import type { Position, Range } from './types';
import { DATE_PATTERN, toIsoDate } from './dates';
import { lookupAbbreviation } from './glossary';
import { covers, itemAt, lineAround } from './locate';
import {
  acoemChapter,
  chaptersOfCitation,
  classifyCitation,
  mtusPartById,
  odgChapterById,
  regionLabel,
  type ChapterInfo,
} from './guidelines';

export interface HoverInfo {
  /** Markdown. */
  readonly contents: string;
  readonly range: Range;
}

export function hoverAt(analysis: Analysis, position: Position): HoverInfo | undefined {
  const { model, lines } = analysis;
  const text = model.text;
  const offset = lines.offsetAt(position);
  if (offset >= text.length) return undefined;
  const at = (contents: string, span: Span): HoverInfo => ({ contents, range: lines.range(span) });

  const item = itemAt(model.items, offset);
  if (item) {
    if (item.outcome && item.outcomeSpan && covers(item.outcomeSpan, offset)) return at(outcomeHover(item), item.outcomeSpan);
    const citation = item.citations.find((c) => covers(c.span, offset));
    if (citation) return at(citationHover(citation), citation.span);
  }

  const line = lineAround(text, lines, offset);
  const date = dateAt(text, line, offset);
  if (date) return at(dateHover(date.iso, model.header), date.span);

  const word = abbreviationAt(text, line, offset);
  if (word) return at(`**${escapeMarkdown(word.token)}**: ${escapeMarkdown(word.entry.expansion)}\n\n${escapeMarkdown(word.entry.definition)}`, word.span);
  return undefined;
}

// ---------------------------------------------------------------- outcomes

export const OUTCOME_MEANING = {
  Upheld: 'the utilization review denial stands: the treatment is **not authorized**.',
  Overturned: 'the utilization review denial is reversed: the treatment is **authorized**.',
} as const;

function outcomeHover(item: DisputedItem): string {
  const outcome = item.outcome!;
  const name = item.shortTitle || item.title;
  return `**${outcome}**: ${OUTCOME_MEANING[outcome]}\n\nDisputed item: ${escapeMarkdown(name)}`;
}

// ---------------------------------------------------------------- citations

const FIELD_USE: Record<FieldKind, string> = {
  claimsAdministratorGuideline: "the Claims Administrator's basis: what the utilization review decision relied on",
  maximusGuideline: "the expert reviewer's basis: what the IMR decision relied on",
  decisionRationale: 'the decision rationale',
};

const FAMILY_NAME = {
  acoem: 'ACOEM Occupational Medicine Practice Guidelines, 2nd edition (2004)',
  mtus: "California Medical Treatment Utilization Schedule (MTUS), 8 CCR 9792.20 ff.",
  odg: 'Official Disability Guidelines (ODG)',
} as const;

function pagesText(pages: readonly { from: number; to: number }[]): string {
  return pages.map((p) => (p.from === p.to ? String(p.from) : `${p.from}-${p.to}`)).join(', ');
}

/** The chapter line: ACOEM number and title where there is one, else the ODG chapter or MTUS part. */
function chapterLine(info: ChapterInfo): string {
  if (info.acoemChapter !== undefined) {
    const ch = acoemChapter(info.acoemChapter);
    if (!ch) return `ACOEM chapter ${info.acoemChapter}`;
    const unconfirmed = ch.numberSourced ? '' : ' (chapter number not confirmed by a source)';
    const noNumber = info.id.startsWith('acoem-topic:') ? ' (the citation names the topic, not the chapter number)' : '';
    const adopted = info.family === 'mtus' ? ', as adopted by the MTUS' : '';
    return `ACOEM chapter ${ch.number}, *${escapeMarkdown(ch.title)}*${adopted}${unconfirmed}${noNumber}`;
  }
  if (info.family === 'odg') {
    const ch = odgChapterById(info.id.slice('odg:'.length));
    return `ODG chapter *${escapeMarkdown(ch?.name ?? info.name)}*`;
  }
  const part = mtusPartById(info.id.split(':')[1] ?? '');
  return `MTUS part *${escapeMarkdown(part?.name ?? info.name)}* (not an ACOEM body-part chapter)`;
}

function ccrLine(info: ChapterInfo): string {
  if (info.ccr) return `§ ${info.ccr}`;
  if (info.family === 'odg') return 'none: ODG is not part of the MTUS';
  return 'none recorded (cited by topic, outside the MTUS)';
}

function regionLine(info: ChapterInfo): string {
  if (info.regions.length === 0) return 'none: general guidance that applies to any body part';
  return info.regions.map(regionLabel).join(', ');
}

/** The chapter's page span with its status, and where the cited pages fall in it. */
function pages(info: ChapterInfo, citation: GuidelineCitation): { span: string; cited?: string } {
  const span = info.pages;
  let spanText: string;
  if (span) {
    spanText = span.sourced
      ? `pages ${span.from}-${span.to} (sourced: ${readableSource(span.source)})`
      : `about pages ${span.from}-${span.to} (${estimateNote(span.source)})`;
  } else {
    const note = info.acoemChapter !== undefined ? acoemChapter(info.acoemChapter)?.note : undefined;
    spanText = `no page span recorded${note ? `; ${escapeMarkdown(note)}` : ''}`;
  }
  if (!citation.pages || citation.pages.length === 0) return { span: spanText };
  let where = '';
  if (span) {
    const inside = citation.pages.every((p) => p.from >= span.from && p.to <= span.to);
    where = `, ${inside ? 'inside' : 'outside'} the chapter's ${span.sourced ? 'sourced' : 'estimated'} span`;
  }
  return { span: spanText, cited: `${pagesText(citation.pages)}${where}` };
}

function estimateNote(source: string): string {
  const readable = readableSource(source);
  return /estimat/i.test(readable) ? readable : `estimated: ${readable}`;
}

/** Sources are written for maintainers ("domain.md: ..."); the reader gets the description. */
function readableSource(source: string): string {
  return escapeMarkdown(source.replace(/^[\w.-]+\.md:\s*/, ''));
}

function citationHover(c: GuidelineCitation): string {
  const info = classifyCitation(c);
  const use = `- **Used for**: ${FIELD_USE[c.field]} (${c.mtus ? 'cited as MTUS' : 'cited outside the MTUS'})`;
  if (!info) {
    return [`**Guideline citation**`, '', `Not matched to a known guideline chapter or MTUS part.`, '', use].join('\n');
  }
  const out = [`**${escapeMarkdown(info.name)}**`, '', `${FAMILY_NAME[info.family]}`, ''];
  out.push(`- **Chapter**: ${chapterLine(info)}`);
  out.push(`- **8 CCR**: ${ccrLine(info)}`);
  out.push(`- **Body region**: ${regionLine(info)}`);
  const { span, cited } = pages(info, c);
  out.push(`- **Pages**: ${span}`);
  if (cited) out.push(`- **Pages cited**: ${cited}`);
  if (c.sections && c.sections.length > 0) out.push(`- **Section(s)**: ${escapeMarkdown(c.sections.join('; '))}`);
  out.push(use);
  const others = chaptersOfCitation(c).filter((o) => o.id !== info.id);
  if (others.length > 0) out.push(`- **Also names**: ${others.map((o) => escapeMarkdown(o.name)).join(', ')}`);
  return out.join('\n');
}

// ---------------------------------------------------------------- dates

const DATE_RE = new RegExp(DATE_PATTERN.source, 'g');
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 86_400_000;

function dateAt(text: string, line: Span, offset: number): { iso: string; span: Span } | undefined {
  const lineText = text.slice(line.start, line.end);
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(lineText); m; m = DATE_RE.exec(lineText)) {
    const span = { start: line.start + m.index, end: line.start + m.index + m[0].length };
    if (span.start > offset) break;
    if (!covers(span, offset)) continue;
    const iso = toIsoDate(m[0]);
    return iso ? { iso, span } : undefined;
  }
  return undefined;
}

function utc(iso: string): Date {
  return new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))));
}

/** "Thursday, October 20, 2016". */
export function dateInWords(iso: string): string {
  const d = utc(iso);
  return `${WEEKDAYS[d.getUTCDay()]}, ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

function plural(n: number, unit: string): string {
  return `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
}

/** Whole calendar months from `a` to `b` (a <= b), then the days left over. */
function calendarDifference(a: Date, b: Date): { months: number; days: number } {
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  const anchor = (k: number) => {
    const y = a.getUTCFullYear();
    const m = a.getUTCMonth() + k;
    const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    return Date.UTC(y, m, Math.min(a.getUTCDate(), lastDay));
  };
  if (anchor(months) > b.getTime()) months--;
  return { months, days: Math.round((b.getTime() - anchor(months)) / DAY_MS) };
}

/**
 * How far `iso` lies from `referenceIso`, in words: "71 days (2 months and 10
 * days) after", "the same day as". Whole months are counted on the calendar.
 */
export function distanceInWords(iso: string, referenceIso: string): string {
  const a = utc(referenceIso);
  const b = utc(iso);
  const days = Math.round((b.getTime() - a.getTime()) / DAY_MS);
  if (days === 0) return 'the same day as';
  const [from, to] = days > 0 ? [a, b] : [b, a];
  const { months, days: rest } = calendarDifference(from, to);
  const direction = days > 0 ? 'after' : 'before';
  if (months === 0) return `${plural(Math.abs(days), 'day')} ${direction}`;
  const parts: string[] = [];
  if (months >= 12) parts.push(plural(Math.floor(months / 12), 'year'));
  if (months % 12 > 0) parts.push(plural(months % 12, 'month'));
  if (rest > 0) parts.push(plural(rest, 'day'));
  return `${plural(Math.abs(days), 'day')} (${parts.join(', ')}) ${direction}`;
}

function dateHover(iso: string, header: Header): string {
  const out = [`**${dateInWords(iso)}**`, ''];
  const relations: Array<[string, string | undefined]> = [
    ['the date of injury', header.dateOfInjury?.value],
    ['the UR denial date', header.urDenialDate?.value],
  ];
  for (const [name, reference] of relations) {
    if (!reference || !/^\d{4}-\d{2}-\d{2}$/.test(reference)) continue;
    out.push(iso === reference ? `- this is ${name}` : `- ${distanceInWords(iso, reference)} ${name} (${dateInWords(reference)})`);
  }
  if (out.length === 2) out.push('The letter names no date of injury or UR denial date to measure from.');
  return out.join('\n');
}

// ---------------------------------------------------------------- abbreviations

/** A character of an abbreviation: ASCII letters and digits, and "&" ("C&S"). */
const isAbbreviationChar = (c: string) => /^[0-9A-Za-z&]$/.test(c);

/** The run of word characters (and hyphens, when `hyphens`) around `offset`, inside the line, without hyphens at its ends. */
function tokenAround(text: string, line: Span, offset: number, hyphens: boolean): Span | undefined {
  const inToken = (c: string) => isAbbreviationChar(c) || (hyphens && c === '-');
  if (!isAbbreviationChar(text.charAt(offset))) return undefined;
  let start = offset;
  while (start > line.start && inToken(text.charAt(start - 1))) start--;
  let end = offset + 1;
  while (end < line.end && inToken(text.charAt(end))) end++;
  while (text.charAt(start) === '-') start++;
  while (text.charAt(end - 1) === '-') end--;
  return { start, end };
}

function abbreviationAt(text: string, line: Span, offset: number) {
  // "PR-2" and "ICD-10" are terms with a hyphen; "Non-MTUS" and "L4-L5" are two words.
  for (const hyphens of [true, false]) {
    const span = tokenAround(text, line, offset, hyphens);
    if (!span) return undefined;
    const token = text.slice(span.start, span.end);
    const entry = lookupAbbreviation(token);
    if (entry) return { token, entry, span };
  }
  return undefined;
}

// ---------------------------------------------------------------- markdown

/** Letter text shown inside Markdown: characters Markdown would read as markup are escaped. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>|~#]/g, '\\$&').replace(/\s+/g, ' ');
}
