/**
 * Which guideline chapter (or MTUS part) a parsed citation refers to, and
 * whether that chapter fits a disputed item's body regions.
 */
import { BoundedMap, detached } from '../boundedMap';
import type { CitationKind } from '../model';
import type { AcoemChapter, PageSpan } from './acoem';
import { acoemChapter, acoemChapterByTitle } from './acoem';
import type { MtusPart } from './mtus';
import { findMtusParts, mtusPartByName, postsurgicalRegions } from './mtus';
import type { OdgChapter } from './odg';
import { citesGeneralOdgTopic, findOdgChapters, mentionsOdg } from './odg';
import type { Region } from './regions';
import { chapterFitsRegions, regionsIn } from './regions';

/** The parts of a `GuidelineCitation` the classifier reads (a `GuidelineCitation` satisfies it). */
export interface CitationLike {
  readonly kind: CitationKind;
  readonly text: string;
  readonly title?: string;
  readonly chapter?: number;
  readonly year?: number;
  readonly sections?: readonly string[];
}

export type GuidelineFamily = 'acoem' | 'mtus' | 'odg';

export interface ChapterInfo {
  /** Stable id: "acoem:12", "mtus:knee-complaints", "mtus:postsurgical-treatment:knee", "odg:low-back". */
  readonly id: string;
  readonly family: GuidelineFamily;
  /** Canonical name: "ACOEM Chapter 12 Low Back Complaints", "MTUS Knee Complaints 2004", "ODG Low Back". */
  readonly name: string;
  /** Regions the chapter covers; empty = general, fits any item. */
  readonly regions: readonly Region[];
  readonly source: string;
  /** The ACOEM 2nd ed. chapter number behind an ACOEM chapter or an MTUS body-part part. */
  readonly acoemChapter?: number;
  /** 8 CCR section adopting the chapter or part into the MTUS. */
  readonly ccr?: string;
  /** Year as cited (or the part's only year). */
  readonly year?: number;
  /** ACOEM page span (check `sourced`). */
  readonly pages?: PageSpan;
}

// ---------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------

export function acoemChapterInfo(ch: AcoemChapter): ChapterInfo {
  return {
    id: `acoem:${ch.number}`,
    family: 'acoem',
    name: `ACOEM Chapter ${ch.number} ${ch.title}`,
    regions: ch.regions,
    source: ch.source,
    acoemChapter: ch.number,
    ccr: ch.ccr,
    pages: ch.pages,
  };
}

/** An ACOEM guideline cited by topic only ("ACOEM: Low back disorders, ..."), outside the MTUS. */
function acoemTopicInfo(ch: AcoemChapter): ChapterInfo {
  const topic = ch.title.replace(/\s+Complaints$/, '');
  return {
    id: `acoem-topic:${ch.number}`,
    family: 'acoem',
    name: `ACOEM ${topic} (no chapter number cited)`,
    regions: ch.regions,
    source: `citation text; regions as ACOEM 2nd ed. chapter ${ch.number} (${ch.source})`,
    acoemChapter: ch.number,
  };
}

export function mtusPartInfo(part: MtusPart, year?: number, sections?: readonly string[]): ChapterInfo {
  const y = year ?? (part.years.length === 1 ? part.years[0] : undefined);
  const ch = part.acoemChapter !== undefined ? acoemChapter(part.acoemChapter) : undefined;
  const base: ChapterInfo = {
    id: `mtus:${part.id}`,
    family: 'mtus',
    name: `MTUS ${part.name}${y ? ` ${y}` : ''}`,
    regions: part.regions,
    source: part.source,
    acoemChapter: part.acoemChapter,
    ccr: part.ccr,
    year: y,
    pages: ch?.pages,
  };
  if (part.id !== 'postsurgical-treatment' || !sections || sections.length === 0) return base;
  const regions = postsurgicalRegions(sections);
  if (regions.length === 0) return base;
  const named = sections.map((s) => s.replace(/[\s.;,]+$/, '').trim()).filter((s) => s !== '');
  return {
    ...base,
    id: `${base.id}:${regions.join('+')}`,
    name: `${base.name} (${named.join('; ')})`,
    regions,
    source: `${part.source}; region from the Section(s) named`,
  };
}

export function odgChapterInfo(ch: OdgChapter): ChapterInfo {
  return { id: `odg:${ch.id}`, family: 'odg', name: `ODG ${ch.shortName}`, regions: ch.regions, source: ch.source };
}

/**
 * Whether a citation of a body-part chapter names a topic that chapter files for any body part
 * (ODG's equipment, home care and transport criteria in Knee & Leg): it then fits any item.
 */
export function citesGeneralTopic(chapter: ChapterInfo, citationText: string): boolean {
  return chapter.family === 'odg' && citesGeneralOdgTopic(chapter.id.slice('odg:'.length), citationText);
}

// ---------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------

const ACOEM_CHAPTER_RE = /ACOEM[^.;]{0,60}?Chapter\s+(\d{1,2})(?!\d)/gi;
const ACOEM_RE = /(?<![A-Za-z])ACOEM(?![A-Za-z])/i;
const NON_MTUS_RE = /Non-?\s*MTUS\s+Citation/i;
/** ACOEM topics named without a chapter number, mapped to the 2nd ed. chapter with the same region. */
const ACOEM_TOPIC_RE =
  /(?<![A-Za-z])(?:(neck\s*(?:and|&)\s*upper\s+back|neck|cervical)|(shoulder)|(elbow)|(forearm|wrist|hand)|(low\s+back|lumbar)|(knee)|(ankle|foot)|(eye))(?![A-Za-z])/i;
const ACOEM_TOPIC_CHAPTERS = [8, 9, 10, 11, 12, 13, 14, 16];
const SECTIONS_LEAD_RE = /^\s*,?\s*Section\(s\)\s*:\s*/i;
const SECTIONS_TAIL_RE = /(?:\s*,?\s*and\s*|[\s.;]+)$/i;

/** The text of the MTUS part of a field: before any "Non-MTUS Citation". */
function mtusText(text: string): string {
  const m = NON_MTUS_RE.exec(text);
  return m ? text.slice(0, m.index) : text;
}

function acoemNumbers(text: string): number[] {
  const out: number[] = [];
  ACOEM_CHAPTER_RE.lastIndex = 0;
  for (let m = ACOEM_CHAPTER_RE.exec(text); m; m = ACOEM_CHAPTER_RE.exec(text)) out.push(Number(m[1]));
  return out;
}

function classifyAcoem(c: CitationLike): ChapterInfo | undefined {
  const n = c.chapter ?? acoemNumbers(c.text)[0];
  const byNumber = n !== undefined ? acoemChapter(n) : undefined;
  if (byNumber) return acoemChapterInfo(byNumber);
  const byTitle = c.title ? acoemChapterByTitle(c.title) : undefined;
  if (byTitle) return acoemChapterInfo(byTitle);
  // A topic only: look after the word "ACOEM" (or in the title).
  const at = ACOEM_RE.exec(c.text);
  const haystack = c.title ?? (at ? c.text.slice(at.index + at[0].length) : c.text);
  const m = ACOEM_TOPIC_RE.exec(haystack);
  if (!m) return undefined;
  let k = 1;
  while (k < m.length && m[k] === undefined) k++;
  const ch = acoemChapter(ACOEM_TOPIC_CHAPTERS[k - 1]!);
  return ch ? acoemTopicInfo(ch) : undefined;
}

function sectionsFromTail(tail: string): string[] | undefined {
  const lead = SECTIONS_LEAD_RE.exec(tail);
  if (!lead) return undefined;
  const list = tail.slice(lead[0].length).replace(SECTIONS_TAIL_RE, '');
  return list ? [list] : undefined;
}

function* mtusChapters(c: CitationLike): Generator<ChapterInfo> {
  const text = mtusText(c.text);
  const numbers = c.kind === 'mtus' && c.chapter !== undefined ? [c.chapter, ...acoemNumbers(text)] : acoemNumbers(text);
  let named = false;
  for (const n of numbers) {
    const ch = acoemChapter(n);
    if (ch) {
      named = true;
      yield acoemChapterInfo(ch);
    }
  }
  const byTitle = c.title ? mtusPartByName(c.title) : undefined;
  if (byTitle) {
    named = true;
    yield mtusPartInfo(byTitle, c.year, c.sections);
  }
  for (const m of findMtusParts(text)) {
    named = true;
    const sections = byTitle === m.part && c.sections ? c.sections : sectionsFromTail(m.tail);
    yield mtusPartInfo(m.part, m.year, sections);
  }
  if (!named && c.title) {
    for (const m of findMtusParts(c.title)) yield mtusPartInfo(m.part, m.year ?? c.year, c.sections);
  }
}

/**
 * The ODG chapters a citation names, its title's first. The product's name ("Integrated
 * Treatment/Disability Duration Guidelines") counts only when no chapter is named: in "ODG,
 * Integrated Treatment/Disability Duration Guidelines, Neck and Upper Back" the chapter after it
 * is the one cited.
 */
function* odgChapters(c: CitationLike): Generator<ChapterInfo> {
  const umbrellas: ChapterInfo[] = [];
  let named = false;
  for (const text of c.title ? [c.title, c.text] : [c.text]) {
    for (const m of findOdgChapters(text)) {
      if (m.chapter.umbrella) {
        umbrellas.push(odgChapterInfo(m.chapter));
      } else {
        named = true;
        yield odgChapterInfo(m.chapter);
      }
    }
  }
  if (!named) yield* umbrellas;
}

function* otherChapters(c: CitationLike): Generator<ChapterInfo> {
  if (mentionsOdg(c.text)) yield* odgChapters(c);
  if (ACOEM_RE.test(c.text)) {
    const a = classifyAcoem({ ...c, title: undefined });
    if (a) yield a;
  }
}

/**
 * The chapters and parts a citation names, in order, perhaps one more than once: several MTUS
 * parts joined by ", and"; several ODG chapters ("Knee/DME, Low Back Lumbar and Thoracic/Mattress
 * selection"). The first is the one the citation refers to. Read one at a time, so that
 * classifyCitation reads a citation only as far as that first one (a fresh server's first letter,
 * the budget "8 KB letter: open -> diagnostics" of npm run bench:lsp).
 */
function* chaptersNamed(c: CitationLike): Generator<ChapterInfo> {
  switch (c.kind) {
    case 'acoem': {
      const a = classifyAcoem(c);
      if (a) yield a;
      return;
    }
    case 'mtus':
      return yield* mtusChapters(c);
    case 'odg':
      return yield* odgChapters(c);
    case 'other':
      return yield* otherChapters(c);
  }
}

/** Every chapter or part a citation names, in order, each once. */
export function chaptersOfCitation(c: CitationLike): ChapterInfo[] {
  const seen = new Set<string>();
  return [...chaptersNamed(c)].filter((ch) => (seen.has(ch.id) ? false : (seen.add(ch.id), true)));
}

/**
 * The chapter or part a citation refers to (the first one it names), or
 * undefined when nothing is known (e.g. "Official Disability Guidelines (ODG)."
 * with no chapter, or a journal article).
 */
export function classifyCitation(c: CitationLike): ChapterInfo | undefined {
  // Letters repeat the same few citations ("MTUS Chronic Pain Medical Treatment Guidelines"):
  // the answer is remembered per citation text, then per the other fields it depends on.
  const entries = CLASSIFIED.get(c.text);
  const known = entries?.find((e) => sameCitation(e, c));
  if (known) return known.info;
  // The cache outlives the document: what it keeps (the key, the fields compared, the answer and
  // the names made from the citation's strings) is read from copies that are not slices of it.
  const own: Classified = {
    text: detached(c.text),
    kind: c.kind,
    title: c.title === undefined ? undefined : detached(c.title),
    chapter: c.chapter,
    year: c.year,
    sections: c.sections && Object.freeze(c.sections.map(detached)),
    info: undefined,
  };
  const found: ChapterInfo | undefined = chaptersNamed(own).next().value ?? undefined;
  // Shared between callers from now on, so frozen.
  const entry: Classified = { ...own, info: found && Object.freeze(found) };
  if (!entries) CLASSIFIED.set(entry.text, [entry]);
  else if (entries.length < 8) entries.push(entry);
  return entry.info;
}

/** What classifyCitation answered for one citation, with every field the answer depends on. */
interface Classified {
  /** The citation's text, a copy of its own (also the key of its map entry). */
  readonly text: string;
  readonly kind: CitationKind;
  readonly title: string | undefined;
  readonly chapter: number | undefined;
  readonly year: number | undefined;
  readonly sections: readonly string[] | undefined;
  readonly info: ChapterInfo | undefined;
}

/** Answers by citation text, for at most 4096 texts. */
const CLASSIFIED = new BoundedMap<string, Classified[]>(4096);

/** Whether a remembered answer was for a citation with the same fields (its text is the map's key). */
function sameCitation(e: Classified, c: CitationLike): boolean {
  if (e.kind !== c.kind || e.title !== c.title || e.chapter !== c.chapter || e.year !== c.year) return false;
  const a = e.sections;
  const b = c.sections;
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((section, k) => section === b[k]);
}

// ---------------------------------------------------------------------------
// Fit between an item and a chapter
// ---------------------------------------------------------------------------

/** Whether the chapter can govern an item with this title (general chapters and region-less titles always fit). */
export function titleFitsChapter(title: string, chapter: Pick<ChapterInfo, 'regions'>): boolean {
  return chapterFitsRegions(chapter.regions, regionsIn(title));
}

export interface CitationFit {
  /** False only when the citation names chapters and none of them fits the item. */
  readonly fits: boolean;
  readonly itemRegions: readonly Region[];
  readonly chapters: readonly ChapterInfo[];
  /** The named chapters that do not fit the item. */
  readonly misfits: readonly ChapterInfo[];
}

/**
 * Whether a citation fits a disputed item: it does when any chapter it names
 * fits (a citation of "Elbow Complaints 2007, and Forearm, Wrist, and Hand
 * Complaints 2004" fits a hand EMG).
 */
export function citationFit(c: CitationLike, itemTitle: string): CitationFit {
  const itemRegions = regionsIn(itemTitle);
  const chapters = chaptersOfCitation(c);
  const misfits = chapters.filter((ch) => !chapterFitsRegions(ch.regions, itemRegions));
  return { fits: chapters.length === 0 || misfits.length < chapters.length, itemRegions, chapters, misfits };
}
