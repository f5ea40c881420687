/**
 * Statistics over many letters: how often disputed items are overturned, per
 * group (outcome, body region, treatment kind, guideline, reviewer specialty,
 * decision month, or a cross of two of these), with a 95% Wilson score
 * interval on each overturn rate and the findings counted per group.
 *
 * The computation runs on small per-letter summaries (`StatsLetter`, no letter
 * text), made once per letter by `statsLetterOf`, so that the command line and
 * an editor's view can compute the same numbers from whatever letters they
 * hold. Pure TypeScript, like the rest of the core.
 */
import type { Analysis } from './index';
import type { Finding, DiagnosticCode } from './types';
import type { Outcome } from './model';
import { classifyCitation, MTUS_PARTS, regionLabel, type ChapterInfo, type Region } from './guidelines';
import { findingCodesByItem } from './itemFindings';
import { regionsOfItem } from './itemRegions';
import { treatmentKindLabel, treatmentKindOf, isTreatmentKind, type TreatmentKind } from './treatmentKind';

export type StatsDimension = 'outcome' | 'region' | 'kind' | 'guideline' | 'specialty' | 'month';

/** Every dimension, in the order reports show them. */
export const STATS_DIMENSIONS: readonly StatsDimension[] = ['outcome', 'region', 'kind', 'guideline', 'specialty', 'month'];

/** The tables a report shows when none is asked for: everything but outcome, which the headline already gives. */
export const DEFAULT_DIMENSIONS: readonly StatsDimension[] = ['kind', 'region', 'guideline', 'specialty', 'month'];

export function isStatsDimension(value: string): value is StatsDimension {
  return (STATS_DIMENSIONS as readonly string[]).includes(value);
}

/** An item without an outcome, a body region or a cited chapter. */
export const NONE = 'none';
/** A letter whose header gives no decision date or reviewer specialty. */
export const UNKNOWN = 'unknown';
/** Joins the dimensions of a cross-table in its name: groups["kind×region"]. */
export const CROSS = '×';

export interface StatsItem {
  /** The item's short title (the remaining portion of a partial authorisation). */
  readonly title: string;
  readonly outcome: Outcome | null;
  /** Body regions from the title, else from the letter's text when unambiguous (as the Determinations view and the CSV). */
  readonly regions: readonly Region[];
  readonly kind: TreatmentKind;
  /** The distinct guideline groups (`guidelineGroup`) the MAXIMUS guideline field cites. */
  readonly guidelines: readonly string[];
  /** The distinct codes of the findings inside the item. */
  readonly findings: readonly DiagnosticCode[];
  /** Zero-based line of the item's title, to point at it. */
  readonly line: number;
}

export interface StatsLetter {
  readonly file: string;
  readonly caseNumber?: string;
  /** ISO 8601 (YYYY-MM-DD), from the header. */
  readonly decisionDate?: string;
  /** The header's reviewer specialty as written. */
  readonly specialty?: string;
  readonly items: readonly StatsItem[];
}

/**
 * The guideline group of a cited chapter: the chapter or MTUS part without the year or the
 * sections it was cited with, so that one guideline is one group whatever edition a letter names
 * ("MTUS Chronic Pain Medical Treatment" for its 2009 and 2016 versions). An ACOEM 2nd edition
 * chapter cited by number (older letters: "MTUS ACOEM Chapter 12 Low Back Complaints") is the
 * MTUS part that adopted it, which 2016-17 letters cite by its name ("MTUS Low Back Complaints
 * 2004"): the same text, so the same group. ODG chapters and ACOEM topics cited without a chapter
 * number keep their own names.
 */
export function guidelineGroup(chapter: ChapterInfo): string {
  if (chapter.family === 'acoem' && chapter.id.startsWith('acoem:') && chapter.acoemChapter !== undefined) {
    const part = MTUS_PARTS.find((p) => p.acoemChapter === chapter.acoemChapter);
    if (part) return `MTUS ${part.name}`;
  }
  if (chapter.family === 'mtus') {
    const part = MTUS_PARTS.find((p) => chapter.id === `mtus:${p.id}` || chapter.id.startsWith(`mtus:${p.id}:`));
    if (part) return `MTUS ${part.name}`;
  }
  return chapter.name;
}

/** The summary of one analysed letter that statistics need; `findings` are the letter's findings under the settings in force. */
export function statsLetterOf(file: string, analysis: Analysis, findings: readonly Finding[]): StatsLetter {
  const { model, lines } = analysis;
  const ranges = model.items.map((item) => lines.range(item.span));
  const codes = findingCodesByItem(ranges, findings);
  const items = model.items.map((item, k): StatsItem => {
    const guidelines = new Set<string>();
    for (const c of item.citations) {
      if (c.field !== 'maximusGuideline') continue;
      const chapter = classifyCitation(c);
      if (chapter) guidelines.add(guidelineGroup(chapter));
    }
    const title = item.titleSpan.end > item.titleSpan.start ? lines.range(item.titleSpan) : ranges[k];
    return {
      title: item.shortTitle,
      outcome: item.outcome ?? null,
      regions: regionsOfItem(model, item).regions,
      kind: treatmentKindOf(item.shortTitle),
      guidelines: [...guidelines],
      findings: [...new Set(codes[k])],
      line: title.start.line,
    };
  });
  const h = model.header;
  const letter: { -readonly [K in keyof StatsLetter]: StatsLetter[K] } = { file, items };
  if (h.caseNumber) letter.caseNumber = h.caseNumber.value;
  if (h.decisionDate) letter.decisionDate = h.decisionDate.value;
  if (h.specialty) letter.specialty = h.specialty.value;
  return letter;
}

/**
 * The specialties of a header's specialty line: a reviewer certified in several lists them with
 * commas ("Physical Medicine & Rehabilitation, Pain Management"), and each is a group of its own.
 * "and" and "&" are spelled both ways in real letters; they are read as one.
 */
export function specialtiesOf(specialty: string | undefined): string[] {
  const out = new Set<string>();
  for (const part of (specialty ?? '').split(',')) {
    const s = part.replace(/\s+/g, ' ').trim().replace(/ and /gi, ' & ');
    if (s !== '') out.add(s);
  }
  return out.size > 0 ? [...out] : [UNKNOWN];
}

/** YYYY-MM of a decision date, or "unknown". */
export function monthOf(decisionDate: string | undefined): string {
  const m = /^(\d{4}-\d{2})-\d{2}$/.exec(decisionDate ?? '');
  return m ? m[1] : UNKNOWN;
}

/** The keys of one dimension an item counts in: several for regions, guidelines and specialties. */
export function keysOf(dimension: StatsDimension, letter: StatsLetter, item: StatsItem): readonly string[] {
  switch (dimension) {
    case 'outcome':
      return [item.outcome ?? NONE];
    case 'region':
      return item.regions.length > 0 ? item.regions : [NONE];
    case 'kind':
      return [item.kind];
    case 'guideline':
      return item.guidelines.length > 0 ? item.guidelines : [NONE];
    case 'specialty':
      return specialtiesOf(letter.specialty);
    case 'month':
      return [monthOf(letter.decisionDate)];
  }
}

/** How a key reads in a table or chart: region and kind ids get their labels; other keys are shown as they are. */
export function keyLabel(dimension: StatsDimension, key: string): string {
  if (key === NONE) {
    return { outcome: 'No outcome', region: 'No body region', kind: 'None', guideline: 'No chapter cited', specialty: 'None', month: 'None' }[dimension];
  }
  if (key === UNKNOWN) return dimension === 'month' ? 'No decision date' : dimension === 'specialty' ? 'Not stated' : 'Unknown';
  if (dimension === 'region') {
    const label = regionLabel(key as Region);
    return label.charAt(0).toUpperCase() + label.slice(1);
  }
  if (dimension === 'kind' && isTreatmentKind(key)) return treatmentKindLabel(key);
  return key;
}

export interface Interval {
  /** k / n, or null when n is 0 (nothing to estimate from). */
  readonly rate: number | null;
  readonly low: number;
  readonly high: number;
}

/** The normal quantile for a two-sided 95% interval. */
export const Z95 = 1.96;

/**
 * The Wilson score interval for k successes in n trials: the proportions p whose score test
 * |k/n - p| <= z·sqrt(p(1-p)/n) does not reject. Unlike the normal approximation it stays inside
 * [0, 1] and does not shrink to a point at k = 0 or k = n, so 0 of 3 reads as "somewhere
 * between 0% and 56%", not as a certain 0%. With n = 0 every rate is possible: rate null,
 * interval [0, 1].
 */
export function wilson(k: number, n: number, z = Z95): Interval {
  if (n <= 0) return { rate: null, low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 and k = n one bound is exactly 0 or 1; rounding must not move it off.
  return { rate: p, low: k === 0 ? 0 : Math.max(0, centre - half), high: k === n ? 1 : Math.min(1, centre + half) };
}

/** One item, as its letter's and its own position: what a group lists. */
export interface ItemRef {
  readonly letter: number;
  readonly item: number;
}

export interface Counts extends Interval {
  readonly letters: number;
  readonly items: number;
  readonly upheld: number;
  readonly overturned: number;
  /** For each finding code, the number of items holding at least one such finding. */
  readonly findings: Readonly<Record<string, number>>;
}

export interface StatsGroup extends Counts {
  /** A key of one dimension, or one key per dimension for a cross-table. */
  readonly key: string | readonly string[];
  /** The group's items in letter order. */
  readonly members: readonly ItemRef[];
}

export interface StatsTable {
  /** "kind", or "kind×region" for a cross-table. */
  readonly name: string;
  readonly dimensions: readonly StatsDimension[];
  readonly groups: readonly StatsGroup[];
}

export interface StatsResult extends Counts {
  /** The dimensions asked for (the default set when none was). */
  readonly by: readonly StatsDimension[];
  /** First and last decision date (ISO), when any letter has one. */
  readonly decisionDates: { readonly first: string; readonly last: string } | null;
  readonly tables: readonly StatsTable[];
  /** Decided and overturned items per month with a decision date, in order: the report's timeline. */
  readonly timeline: readonly StatsGroup[];
}

/** Accumulates counts over items (each item added once). */
class Tally {
  private readonly letterSet = new Set<number>();
  readonly members: ItemRef[] = [];
  upheld = 0;
  overturned = 0;
  private readonly findingCounts = new Map<string, number>();

  add(ref: ItemRef, item: StatsItem): void {
    this.letterSet.add(ref.letter);
    this.members.push(ref);
    if (item.outcome === 'Upheld') this.upheld++;
    else if (item.outcome === 'Overturned') this.overturned++;
    for (const code of item.findings) this.findingCounts.set(code, (this.findingCounts.get(code) ?? 0) + 1);
  }

  counts(): Counts {
    const findings: Record<string, number> = {};
    // Most frequent first, so that tables and JSON read in the same order.
    for (const [code, n] of [...this.findingCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) findings[code] = n;
    return {
      letters: this.letterSet.size,
      items: this.members.length,
      upheld: this.upheld,
      overturned: this.overturned,
      ...wilson(this.overturned, this.upheld + this.overturned),
      findings,
    };
  }
}

/** The counts of some items, each counted once however often it is listed (as the "other groups" of a chart). */
export function countItems(letters: readonly StatsLetter[], refs: Iterable<ItemRef>): Counts & { members: ItemRef[] } {
  const tally = new Tally();
  const seen = new Set<string>();
  for (const ref of refs) {
    const id = `${ref.letter}:${ref.item}`;
    if (seen.has(id)) continue;
    seen.add(id);
    tally.add(ref, letters[ref.letter].items[ref.item]);
  }
  return { ...tally.counts(), members: tally.members };
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Months in calendar order with "unknown" last; everything else by size, largest first, then by key. */
function sortGroups(groups: StatsGroup[], dimensions: readonly StatsDimension[]): StatsGroup[] {
  if (dimensions.length === 1 && dimensions[0] === 'month') {
    return groups.sort((a, b) => {
      const ka = a.key as string;
      const kb = b.key as string;
      return (ka === UNKNOWN ? 1 : 0) - (kb === UNKNOWN ? 1 : 0) || compareKeys(ka, kb);
    });
  }
  const joined = (g: StatsGroup) => (typeof g.key === 'string' ? g.key : g.key.join('\u0000'));
  return groups.sort((a, b) => b.items - a.items || b.letters - a.letters || compareKeys(joined(a), joined(b)));
}

/** Every combination of one key per dimension. */
function combinations(lists: ReadonlyArray<readonly string[]>): string[][] {
  let out: string[][] = [[]];
  for (const list of lists) out = out.flatMap((prefix) => list.map((k) => [...prefix, k]));
  return out;
}

function table(letters: readonly StatsLetter[], dimensions: readonly StatsDimension[]): StatsTable {
  const tallies = new Map<string, { key: string | string[]; tally: Tally }>();
  letters.forEach((letter, l) => {
    letter.items.forEach((item, i) => {
      const keys = combinations(dimensions.map((d) => keysOf(d, letter, item)));
      for (const parts of keys) {
        const id = parts.join('\u0000');
        let entry = tallies.get(id);
        if (!entry) {
          entry = { key: dimensions.length === 1 ? parts[0] : parts, tally: new Tally() };
          tallies.set(id, entry);
        }
        entry.tally.add({ letter: l, item: i }, item);
      }
    });
  });
  const groups = [...tallies.values()].map(({ key, tally }): StatsGroup => ({ key, ...tally.counts(), members: tally.members }));
  return { name: dimensions.join(CROSS), dimensions, groups: sortGroups(groups, dimensions) };
}

/**
 * The statistics of `letters`: totals, one table per dimension in `by` (DEFAULT_DIMENSIONS when
 * none is given), and when two or more are given also their cross-table (every combination of
 * keys that occurs). An item counts
 * once in the totals and once in each group it belongs to: in several groups of a dimension
 * when it has several regions, cited chapters or specialties, so such a table's groups add up to
 * more than the items.
 */
export function computeStats(letters: readonly StatsLetter[], by?: readonly StatsDimension[]): StatsResult {
  const dimensions = by && by.length > 0 ? by : DEFAULT_DIMENSIONS;
  const all = new Tally();
  let first: string | undefined;
  let last: string | undefined;
  letters.forEach((letter, l) => {
    letter.items.forEach((item, i) => all.add({ letter: l, item: i }, item));
    if (monthOf(letter.decisionDate) !== UNKNOWN) {
      const d = letter.decisionDate!;
      if (first === undefined || d < first) first = d;
      if (last === undefined || d > last) last = d;
    }
  });
  const totals = all.counts();
  const tables = dimensions.map((d) => table(letters, [d]));
  // The default set is a list of tables, not a question about their combinations.
  if (by && by.length >= 2) tables.push(table(letters, by));
  const months = dimensions.includes('month') ? tables.find((t) => t.name === 'month')! : table(letters, ['month']);
  return {
    ...totals,
    // Letters without items count too: they were read.
    letters: letters.length,
    by: [...dimensions],
    decisionDates: first !== undefined && last !== undefined ? { first, last } : null,
    tables,
    timeline: months.groups.filter((g) => g.key !== UNKNOWN),
  };
}

/** The counts of a set of items, the whole run's or one group's. */
export interface StatsJsonCounts {
  letters: number;
  items: number;
  upheld: number;
  overturned: number;
  rate: number | null;
  low: number;
  high: number;
  findings: Record<string, number>;
}

export interface StatsJsonGroup extends StatsJsonCounts {
  key: string | string[];
}

/** The documented JSON contract of `imr stats --format json`. Fields named here stay; new ones may be added. */
export interface StatsJson extends StatsJsonCounts {
  decisionDates: { first: string; last: string } | null;
  by: StatsDimension[];
  groups: Record<string, StatsJsonGroup[]>;
}

function countsJson(c: Counts): Omit<StatsJsonGroup, 'key'> {
  return { letters: c.letters, items: c.items, upheld: c.upheld, overturned: c.overturned, rate: c.rate, low: c.low, high: c.high, findings: { ...c.findings } };
}

export function statsJson(result: StatsResult): StatsJson {
  const groups: Record<string, StatsJsonGroup[]> = {};
  for (const t of result.tables) groups[t.name] = t.groups.map((g) => ({ key: typeof g.key === 'string' ? g.key : [...g.key], ...countsJson(g) }));
  return { ...countsJson(result), decisionDates: result.decisionDates ? { ...result.decisionDates } : null, by: [...result.by], groups };
}

/** A key as one line of text: a cross-table's keys joined by " × ", each as `keyLabel` shows it. */
export function groupLabel(dimensions: readonly StatsDimension[], key: string | readonly string[]): string {
  if (typeof key === 'string') return keyLabel(dimensions[0], key);
  return key.map((k, i) => keyLabel(dimensions[i], k)).join(` ${CROSS} `);
}

/** What a dimension is called in headings. */
export function dimensionTitle(dimensions: readonly StatsDimension[]): string {
  const names: Record<StatsDimension, string> = {
    outcome: 'outcome',
    region: 'body region',
    kind: 'treatment kind',
    guideline: 'guideline (MAXIMUS)',
    specialty: 'reviewer specialty',
    month: 'decision month',
  };
  return `By ${dimensions.map((d) => names[d]).join(' and ')}`;
}
