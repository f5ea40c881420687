/**
 * Which body regions a disputed item's title, or a letter's text, names; and whether a chapter's
 * regions fit an item's.
 *
 * One reading finds the mentions (the words of `regionTerms.ts`, the capitalised abbreviations and
 * the spine levels); a title and a text then read those mentions by their own policies:
 * - a title's "spine" without a level fits every spinal chapter, unless the title says which part;
 * - a text's "spine" counts for nothing (its other words say which part);
 * - in both, limb parts stand for their limbs where an electrodiagnostic study is meant.
 *
 * Pure TypeScript: no Node, DOM or LSP imports. Every regular expression is compiled once when the
 * module loads.
 */
import {
  ABBREVIATION_TERMS,
  ITEM_FITS_ALSO,
  LEVEL_LIMITS,
  LIMB_OF_PART,
  WORD_TERMS,
  type Region,
  type Term,
} from './regionTerms';

export { REGIONS, regionInfo, regionLabel, isRegion, type Region, type RegionInfo } from './regionTerms';

/** One body-region mention inside a title: `title.slice(start, end) === text`. */
export interface RegionMatch {
  readonly region: Region;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Words that name regions, found in a text: where, and which regions (none for a trap such as "knee scooter"). */
interface Mention {
  readonly start: number;
  readonly end: number;
  readonly regions: readonly Region[];
}

// ---------------------------------------------------------------------------
// Reading a text into mentions
// ---------------------------------------------------------------------------

/** Terms match whole words only: no letter or digit may touch them on either side. */
const WORD_BEFORE = '(?<![A-Za-z0-9])';
const WORD_AFTER = '(?![A-Za-z0-9])';

/** One regex for a list of terms, each term its own capture group (in the list's order). */
function compileTerms(terms: readonly Term[], flags: string): RegExp {
  const alternatives = terms.map(([pattern]) => `(${pattern.replace(/ /g, '[\\s\\-]+')})`);
  return new RegExp(`${WORD_BEFORE}(?:${alternatives.join('|')})${WORD_AFTER}`, flags);
}

/** Case-insensitive words ("Knee", "LUMBAR"); abbreviations only in capitals ("ACL", not "acl"). */
const WORD_RE = compileTerms(WORD_TERMS, 'gi');
const ABBREVIATION_RE = compileTerms(ABBREVIATION_TERMS, 'g');

/**
 * Spine levels: "C5", "C5-6", "C5-C6", "L5-S1", "C7-T1", "L4/5". The letter
 * and the number are written together; ranges join with a hyphen, en dash or
 * slash. Ranges of ranges ("C3-C4 to C6-7") are two tokens. "T1-weighted" is an MRI sequence.
 */
const SPINE_LEVEL_RE =
  /(?<![A-Za-z0-9])([CTLS])(\d{1,2})(?:\s?[-\u2013/]\s?([CTLS])?(\d{1,2}))?(?![A-Za-z0-9])(?!\s?-?\s?weighted)/gi;

/** Whether a text names a spine level at all. */
const SPINE_LEVEL_NAMED_RE = new RegExp(SPINE_LEVEL_RE.source, 'i');

/** Texts that talk about thyroid labs (T3, T4) rather than thoracic levels. */
const THYROID_RE = /(?<![A-Za-z0-9])(?:thyroid|TSH|free\s+T[34]|T3\s+uptake)(?![A-Za-z0-9])/i;

/**
 * Every mention of a region in a text, in text order, overlapping ones dropped: the earlier wins,
 * and at the same start the longer ("low back" before "back"); at the same span, words come before
 * abbreviations and abbreviations before spine levels.
 */
function mentionsIn(text: string, aboutThyroid: () => boolean = once(() => THYROID_RE.test(text))): Mention[] {
  const found = [
    ...termMentions(WORD_RE, WORD_TERMS, text),
    ...termMentions(ABBREVIATION_RE, ABBREVIATION_TERMS, text),
    ...levelMentions(text, aboutThyroid),
  ];
  // A stable sort: mentions with the same span stay in the order above.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Mention[] = [];
  let covered = -1;
  for (const mention of found) {
    if (mention.start < covered) continue;
    kept.push(mention);
    covered = mention.end;
  }
  return kept;
}

function termMentions(re: RegExp, terms: readonly Term[], text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of matchesOf(re, text)) {
    // The term that matched is the one whose capture group is set.
    let k = 1;
    while (m[k] === undefined) k++;
    out.push({ start: m.index, end: m.index + m[0].length, regions: terms[k - 1][1] });
  }
  return out;
}

/** Every match of a global regex in a text, in order. */
function matchesOf(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push(m);
  return out;
}

/**
 * The spine levels a text names: one mention per level, two for a range across regions ("C7-T1").
 * Thoracic levels are not read in a text about thyroid labs ("free T4", "T3 uptake").
 */
function levelMentions(text: string, aboutThyroid: () => boolean): Mention[] {
  const out: Mention[] = [];
  for (const m of matchesOf(SPINE_LEVEL_RE, text)) {
    const [whole, letter, number, secondLetter = letter, secondNumber] = m;
    const first = levelRegion(letter, Number(number));
    if (!first) continue;
    const start = m.index;
    const end = start + whole.length;
    const thoracicOnly = letter.toUpperCase() === 'T' && secondLetter.toUpperCase() === 'T';
    if (secondNumber === undefined) {
      if (!(thoracicOnly && aboutThyroid())) out.push({ start, end, regions: [first] });
      continue;
    }
    const second = levelRegion(secondLetter, Number(secondNumber));
    if (!second) continue; // "S1-20": not a level range
    if (thoracicOnly && aboutThyroid()) continue;
    if (second === first) {
      out.push({ start, end, regions: [first] });
    } else {
      // "C7-T1": each end keeps its own span.
      out.push({ start, end: start + letter.length + number.length, regions: [first] });
      out.push({ start: end - (m[3] ?? '').length - secondNumber.length, end, regions: [second] });
    }
  }
  return out;
}

/** A question about a whole text asked at most once, and only when needed. */
function once(answer: () => boolean): () => boolean {
  let known: boolean | undefined;
  return () => (known ??= answer());
}

function levelRegion(letter: string, n: number): Region | undefined {
  const limit = LEVEL_LIMITS[letter.toUpperCase()];
  return limit && n >= 1 && n <= limit[0] ? limit[1] : undefined;
}

// ---------------------------------------------------------------------------
// Titles and texts
// ---------------------------------------------------------------------------

/**
 * The body regions a title names, in text order, each with the span of the
 * words that name it. Case-insensitive, whole words; sides ("left",
 * "bilateral") are ignored. A phrase naming two regions ("thoracolumbar")
 * yields two matches with the same span.
 */
export function regionsOfTitle(title: string): RegionMatch[] {
  let matches: RegionMatch[] = [];
  for (const { start, end, regions } of mentionsIn(title)) {
    const text = title.slice(start, end);
    for (const region of regions) matches.push({ region, start, end, text });
  }
  if (saysWhichPartOfSpine(matches.map((m) => m.region), title)) matches = matches.filter((m) => m.region !== 'spine');
  if (studiesLimbs(matches.map((m) => m.region), title)) matches = matches.map((m) => ({ ...m, region: LIMB_OF_PART[m.region] ?? m.region }));
  return matches;
}

/** The distinct regions a title names, in order of first mention: an item's regions from its title. */
export function regionsIn(title: string): Region[] {
  return distinct(asTitleReads(distinct(mentionsIn(title).flatMap((m) => m.regions)), title));
}

/**
 * The regions a title's words name, read as regionsOfTitle reads them: a bare spine is dropped
 * when the title says which part of the spine it means, and limb parts become their limbs in an
 * electrodiagnostic study.
 */
function asTitleReads(named: readonly Region[], title: string): Region[] {
  const regions = saysWhichPartOfSpine(named, title) ? named.filter((r) => r !== 'spine') : [...named];
  return studiesLimbs(regions, title) ? regions.map((r) => LIMB_OF_PART[r] ?? r) : regions;
}

/**
 * The distinct regions a text (a summary, a rationale) names, in order of first mention, read only
 * until `enough(found)` holds (asked each time a new region is found). As a title's words are read,
 * with two differences: the spine named without a level counts for nothing (the text's other
 * words say which part of it), and limb parts stand for their limbs wherever the text speaks of an
 * electrodiagnostic study.
 */
export function regionsInText(text: string, enough: (found: readonly Region[]) => boolean = () => false): Region[] {
  const aboutThyroid = once(() => THYROID_RE.test(text));
  const studiesLimbs = once(() => ELECTRODIAGNOSTIC_RE.test(text));
  const found: Region[] = [];
  // No mention holds a full stop, so a long text (a clinical summary) is read a sentence at a
  // time, and often settles the question in its first lines (the CLI's budget against a raw scan).
  for (const sentence of text.split('.')) {
    for (const named of mentionsIn(sentence, aboutThyroid).flatMap((m) => m.regions)) {
      if (named === 'spine') continue;
      const region = LIMB_OF_PART[named] !== undefined && studiesLimbs() ? LIMB_OF_PART[named] : named;
      if (found.includes(region)) continue;
      found.push(region);
      if (enough(found)) return found;
    }
  }
  return found;
}

function distinct(regions: readonly Region[]): Region[] {
  return [...new Set(regions)];
}

/** The regions whose chapters a bare "spine" fits; a title naming one of them says which. */
const SPINAL_REGIONS: readonly Region[] = ['neck', 'thoracic', 'lowBack'];

/** The words that say which part of the spine ("cervical", "thoracolumbar", "lumbosacral"). */
const SPINE_PART_NAMED_RE = /(?<![A-Za-z])(?:cervic|thora[cx]|lumb)/i;

/**
 * Whether a title's "spine" is a part of it the title names ("spine surgery at L4-5", "spine
 * surgery evaluation for the lumbar") rather than the spine in general ("CT of the spine and
 * sacrum", "spine surgery consult").
 */
function saysWhichPartOfSpine(regions: readonly Region[], title: string): boolean {
  if (!regions.includes('spine') || !regions.some((r) => SPINAL_REGIONS.includes(r))) return false;
  return SPINE_PART_NAMED_RE.test(title) || SPINE_LEVEL_NAMED_RE.test(title);
}

const ELECTRODIAGNOSTIC_RE =
  /\b(?:EMG|NCS|NCV|EDS|SSEPs?|electromyograph\w*|electro-?diagnostic\w*|nerve\s+conduction|somatosensory)\b/i;

/**
 * Whether a title's limb parts stand for their whole limbs: an electrodiagnostic study of a limb
 * part tests the limb's nerves from the spine down (domain.md: upper-extremity studies fit neck,
 * shoulder, elbow and hand chapters). Not when the title names the spine itself ("EMG/NCS of the
 * hip and low back"): the title then says where the study looks, and a chapter must fit one of the
 * places it names.
 */
function studiesLimbs(regions: readonly Region[], title: string): boolean {
  if (!regions.some((r) => LIMB_OF_PART[r] !== undefined)) return false;
  if (regions.some((r) => r === 'spine' || SPINAL_REGIONS.includes(r))) return false;
  return ELECTRODIAGNOSTIC_RE.test(title);
}

// ---------------------------------------------------------------------------
// Compatibility between an item's regions and a chapter's regions
// ---------------------------------------------------------------------------

/** Whether an item in `itemRegion` can be governed by a chapter covering `chapterRegion`. */
export function regionFits(itemRegion: Region, chapterRegion: Region): boolean {
  return itemRegion === chapterRegion || (ITEM_FITS_ALSO[itemRegion]?.includes(chapterRegion) ?? false);
}

/**
 * True when the chapter is general (no regions), when the item names no
 * region, or when some item region fits some chapter region.
 */
export function chapterFitsRegions(chapterRegions: readonly Region[], itemRegions: readonly Region[]): boolean {
  if (chapterRegions.length === 0 || itemRegions.length === 0) return true;
  return itemRegions.some((item) => chapterRegions.some((chapter) => regionFits(item, chapter)));
}
