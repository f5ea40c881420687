/**
 * The body regions a disputed item concerns. Its title is the first source.
 * When the title names none ("Baclofen 20mg #60"), the letter's own text about
 * the item decides, but only when it is unambiguous: the item's rationale and
 * the letter's clinical summary together name exactly one region.
 */
import type { Determination, DisputedItem, Section } from './model';
import { regionsIn, regionsInText, type Region } from './guidelines';

export interface ItemRegions {
  readonly regions: readonly Region[];
  /** Where the regions come from: the title, the letter's text, or nowhere. */
  readonly source: 'title' | 'text' | 'none';
}

export function regionsOfItem(model: Determination, item: DisputedItem): ItemRegions {
  const fromTitle = regionsIn(item.title);
  if (fromTitle.length > 0) return { regions: fromTitle, source: 'title' };
  const summary = summaryOf(model, item);
  const rationale = item.fields.decisionRationale;
  if (!summary || !rationale) return NO_REGIONS;
  // Two regions in the summary already make the item's region ambiguous.
  const inSummary = summaryRegions(model, summary);
  if (inSummary.length !== 1) return NO_REGIONS;
  const only = inSummary[0];
  // The answer is the summary's region alone when the rationale names no other.
  const { start, end } = rationale.valueSpan;
  const rationaleRegions = regionsInText(model.text.slice(start, end), (found) => found.some((region) => region !== only));
  if (rationaleRegions.some((region) => region !== only)) return NO_REGIONS;
  return { regions: [only], source: 'text' };
}

const NO_REGIONS: ItemRegions = Object.freeze({ regions: Object.freeze([]) as readonly Region[], source: 'none' });

/**
 * A text may hold several letters one after another (a batch extracted to one file): an item
 * belongs to the letter whose clinical summary comes last before it.
 */
interface LetterSummaries {
  /** Where each section starts, in document order. */
  readonly sectionStarts: readonly number[];
  /** For each section, the clinical summary at or before it. */
  readonly summaries: ReadonlyArray<Summary | undefined>;
}

interface Summary {
  readonly section: Section;
  /** The regions its text names, read when an item first asks. */
  regions?: readonly Region[];
}

/**
 * The summaries of each analysed model. Each item of a letter whose title names no region asks for
 * its letter's summary: read once per model, a letter of 10,000 items stays linear in its text
 * (`npm run bench`'s scaling check) and the CLI within its budget against a raw scan.
 */
const summariesOf = new WeakMap<Determination, LetterSummaries>();

function letterSummaries(model: Determination): LetterSummaries {
  let known = summariesOf.get(model);
  if (!known) {
    const sectionStarts: number[] = [];
    const summaries: Array<Summary | undefined> = [];
    let last: Summary | undefined;
    for (const section of model.sections) {
      if (section.kind === 'clinicalSummary') last = { section };
      sectionStarts.push(section.span.start);
      summaries.push(last);
    }
    known = { sectionStarts, summaries };
    summariesOf.set(model, known);
  }
  return known;
}

/** The clinical summary of the letter holding the item (the nearest one before it). */
function summaryOf(model: Determination, item: DisputedItem): Summary | undefined {
  const { sectionStarts, summaries } = letterSummaries(model);
  // Binary search for the last section starting at or before the item.
  const itemStart = item.span.start;
  let lo = 0;
  let hi = sectionStarts.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (sectionStarts[mid] > itemStart) hi = mid;
    else lo = mid + 1;
  }
  return lo > 0 ? summaries[lo - 1] : undefined;
}

/** The regions a letter's summary names, in order of first mention, up to two (two make it ambiguous). */
function summaryRegions(model: Determination, summary: Summary): readonly Region[] {
  if (!summary.regions) {
    const text = model.text.slice(summary.section.headingSpan.end, summary.section.span.end);
    summary.regions = regionsInText(text, (found) => found.length > 1);
  }
  return summary.regions;
}
