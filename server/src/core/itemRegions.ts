/**
 * The body regions a disputed item concerns. Its title is the first source.
 * When the title names none ("Baclofen 20mg #60"), the letter's own text about
 * the item decides, but only when it is unambiguous: the item's rationale and
 * the letter's clinical summary together name exactly one region.
 */
import type { Determination, DisputedItem, Section } from './model';
import { regionsIn, regionsInUntil, regionsInUpTo, type Region } from './guidelines';

export interface ItemRegions {
  readonly regions: readonly Region[];
  /** Where the regions come from: the title, the letter's text, or nowhere. */
  readonly source: 'title' | 'text' | 'none';
}

/** The regions a summary names, up to two (two already make an item's region ambiguous). */
const summaryRegions = new WeakMap<Section, readonly Region[]>();

/** The first region a summary names (null: none), for callers that may need no more. */
const summaryFirstRegion = new WeakMap<Section, Region | null>();

/** Per model: each section's start, and for each section the nearest clinical summary at or before it. */
const sectionsOf = new WeakMap<Determination, SectionIndex>();

interface SectionIndex {
  /** Where each section starts (the model makes spans when asked: read once here). */
  readonly starts: Float64Array;
  readonly nearestSummary: ReadonlyArray<Section | undefined>;
}

/** The clinical summary of the letter holding the item (the nearest one before it). */
function summaryOf(model: Determination, item: DisputedItem): Section | undefined {
  let index = sectionsOf.get(model);
  if (!index) {
    const sections = model.sections;
    const starts = new Float64Array(sections.length);
    const nearestSummary: Array<Section | undefined> = [];
    let last: Section | undefined;
    for (let k = 0; k < sections.length; k++) {
      const s = sections[k];
      starts[k] = s.span.start;
      if (s.kind === 'clinicalSummary') last = s;
      nearestSummary.push(last);
    }
    index = { starts, nearestSummary };
    sectionsOf.set(model, index);
  }
  // Sections are in document order: find the first one starting after the item.
  const { starts, nearestSummary } = index;
  const itemStart = item.span.start;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] > itemStart) hi = mid;
    else lo = mid + 1;
  }
  return lo > 0 ? nearestSummary[lo - 1] : undefined;
}

export function regionsOfItem(model: Determination, item: DisputedItem): ItemRegions {
  return regionsOfItemUnless(model, item, undefined);
}

/**
 * regionsOfItem for a caller with nothing to say about an item whose regions would come from the
 * letter's text as [region] when `settled(region)` holds: the rationale (the long read) is then
 * skipped and the answer is 'none'. Whatever the rationale held, the caller's verdict is the same:
 * the text gives either exactly that region or none.
 */
export function regionsOfItemUnless(model: Determination, item: DisputedItem, settled: ((region: Region) => boolean) | undefined): ItemRegions {
  const fromTitle = regionsIn(item.title);
  if (fromTitle.length > 0) return { regions: fromTitle, source: 'title' };
  const summary = summaryOf(model, item);
  const rationale = item.fields.decisionRationale;
  if (!summary || !rationale) return NO_REGIONS;
  let inSummary = summaryRegions.get(summary);
  if (!inSummary && settled !== undefined) {
    // The summary's first region may settle the question: if the summary names no other, the
    // answer would be that region or none; if it names another, none. The rest of a long summary
    // is read only when that first region does not settle it.
    let firstRegion = summaryFirstRegion.get(summary);
    if (firstRegion === undefined) {
      firstRegion = regionsInUpTo(model.text.slice(summary.headingSpan.end, summary.span.end), 0)[0] ?? null;
      summaryFirstRegion.set(summary, firstRegion);
    }
    if (firstRegion === null || settled(firstRegion)) return NO_REGIONS;
  }
  if (!inSummary) {
    inSummary = regionsInUpTo(model.text.slice(summary.headingSpan.end, summary.span.end), 1);
    summaryRegions.set(summary, inSummary);
  }
  // Two regions in the summary already make the item's region ambiguous.
  if (inSummary.length !== 1) return NO_REGIONS;
  const only = inSummary[0];
  if (settled !== undefined && settled(only)) return NO_REGIONS;
  // One region other than the summary's settles it: the rationale is read only that far.
  const { start, end } = rationale.valueSpan;
  const inRationale = regionsInUntil(model.text.slice(start, end), (found) => found[found.length - 1] !== only);
  // The answer is the summary's region alone when the rationale names no other.
  for (const region of inRationale) if (region !== only) return NO_REGIONS;
  return { regions: [only], source: 'text' };
}

const NO_REGIONS: ItemRegions = Object.freeze({ regions: Object.freeze([]) as readonly Region[], source: 'none' });
