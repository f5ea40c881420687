/**
 * Statistics over the workspace index: what the index keeps per letter beyond its Determinations
 * view summary so that `computeStats` can count it (`LetterStatsFacts`), the `StatsLetter`s made
 * back from the index, and the items of a chosen group.
 *
 * The facts come from `statsLetterOf`, the function the CLI's `imr stats` uses, with the findings
 * at the default settings (as `imr stats` without `--config`), so that the view and the command
 * line count the same files alike. Only what counting needs is kept: the header's decision date
 * and specialty, and per item the guideline groups it cites and the codes of its findings. No
 * letter text besides those; the strings and lists repeat across letters and are shared.
 */
import type { Analysis } from './index';
import { BoundedMap, detached } from './boundedMap';
import { computeDiagnostics } from './diagnostics';
import { keysOf, statsLetterOf, type StatsDimension, type StatsItem, type StatsLetter } from './stats';
import { DEFAULT_VALIDATION, type DiagnosticCode, type Range } from './types';
import type { Outcome } from './model';

export interface LetterStatsFacts {
  /** ISO 8601, from the header. */
  readonly decisionDate?: string;
  /** The header's reviewer specialty as written. */
  readonly specialty?: string;
  /** Per item, in letter order: the guideline groups its MAXIMUS guideline field cites. */
  readonly guidelines: ReadonlyArray<readonly string[]>;
  /** Per item: the distinct codes of the findings inside it. */
  readonly findings: ReadonlyArray<readonly DiagnosticCode[]>;
}

/** What the index keeps of a letter that statistics read (a subset of `IndexedLetter`). */
export interface StatsSource {
  readonly uri: string;
  readonly caseNumber?: string;
  readonly items: ReadonlyArray<{
    readonly title: string;
    readonly outcome?: Outcome;
    readonly regions: StatsItem['regions'];
    readonly kind: StatsItem['kind'];
    readonly range: Range;
  }>;
  readonly stats?: LetterStatsFacts;
}

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * Lists and strings seen before, so that 10,000 letters citing the same few guidelines hold one
 * copy of each list. Bounded, since specialties and some guideline names come from letter text;
 * what it stores is detached from the text it was read from.
 */
const shared = new BoundedMap<string, readonly string[]>(4096);
const sharedText = new BoundedMap<string, string>(4096);

function sharedList<T extends string>(list: readonly T[]): readonly T[] {
  if (list.length === 0) return EMPTY;
  const key = list.join('\u0000');
  const known = shared.get(key);
  if (known) return known as readonly T[];
  const own = Object.freeze(list.map((s) => detached(s) as T));
  shared.set(key, own);
  return own;
}

function sharedString(s: string): string {
  const known = sharedText.get(s);
  if (known !== undefined) return known;
  const own = detached(s);
  sharedText.set(own, own);
  return own;
}

/** The facts of one analysed letter, findings at the default settings. */
export function letterStatsFacts(analysis: Analysis): LetterStatsFacts {
  const letter = statsLetterOf(analysis.uri, analysis, computeDiagnostics(analysis, DEFAULT_VALIDATION));
  const facts: { -readonly [K in keyof LetterStatsFacts]: LetterStatsFacts[K] } = {
    guidelines: letter.items.map((i) => sharedList(i.guidelines)),
    findings: letter.items.map((i) => sharedList(i.findings)),
  };
  if (letter.decisionDate !== undefined) facts.decisionDate = sharedString(letter.decisionDate);
  if (letter.specialty !== undefined) facts.specialty = sharedString(letter.specialty);
  return facts;
}

/** The letter as `computeStats` reads it (its `file` is the URI). */
export function statsLetterOfSource(source: StatsSource): StatsLetter {
  const facts = source.stats;
  const items = source.items.map(
    (item, k): StatsItem => ({
      title: item.title,
      outcome: item.outcome ?? null,
      regions: item.regions,
      kind: item.kind,
      guidelines: facts?.guidelines[k] ?? EMPTY,
      findings: facts?.findings[k] ?? EMPTY,
      line: item.range.start.line,
    }),
  );
  const letter: { -readonly [K in keyof StatsLetter]: StatsLetter[K] } = { file: source.uri, items };
  if (source.caseNumber !== undefined) letter.caseNumber = source.caseNumber;
  if (facts?.decisionDate !== undefined) letter.decisionDate = facts.decisionDate;
  if (facts?.specialty !== undefined) letter.specialty = facts.specialty;
  return letter;
}

/** A group of a table: one key, or one key per dimension of a cross-table. */
export type StatsKey = string | readonly string[];

/**
 * Whether an item counts in one of `keys` of a table over `dimensions`: the item's keys of each
 * dimension (several for regions, guidelines and specialties) hold that key's part.
 */
export function itemInGroups(dimensions: readonly StatsDimension[], keys: readonly StatsKey[], letter: StatsLetter, item: StatsItem): boolean {
  const own = dimensions.map((d) => keysOf(d, letter, item));
  return keys.some((key) => {
    const parts = typeof key === 'string' ? [key] : key;
    return parts.length === dimensions.length && parts.every((part, i) => own[i].includes(part));
  });
}
