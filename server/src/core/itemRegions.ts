/**
 * The body regions a disputed item concerns. Its title is the first source.
 * When the title names none ("Baclofen 20mg #60"), the letter's own text about
 * the item decides, but only when it is unambiguous: the item's rationale and
 * the letter's clinical summary together name exactly one region.
 */
import type { Determination, DisputedItem, Section } from './model';
import { regionsIn, type Region } from './guidelines';

export interface ItemRegions {
  readonly regions: readonly Region[];
  /** Where the regions come from: the title, the letter's text, or nowhere. */
  readonly source: 'title' | 'text' | 'none';
}

const summaryRegions = new WeakMap<Section, readonly Region[]>();

/** The clinical summary of the letter holding the item (the nearest one before it). */
function summaryOf(model: Determination, item: DisputedItem): Section | undefined {
  let found: Section | undefined;
  for (const s of model.sections) {
    if (s.span.start > item.span.start) break;
    if (s.kind === 'clinicalSummary') found = s;
  }
  return found;
}

export function regionsOfItem(model: Determination, item: DisputedItem): ItemRegions {
  const fromTitle = regionsIn(item.title);
  if (fromTitle.length > 0) return { regions: fromTitle, source: 'title' };
  const summary = summaryOf(model, item);
  const rationale = item.fields.decisionRationale;
  if (!summary || !rationale) return { regions: [], source: 'none' };
  let inSummary = summaryRegions.get(summary);
  if (!inSummary) {
    inSummary = regionsIn(model.text.slice(summary.headingSpan.end, summary.span.end));
    summaryRegions.set(summary, inSummary);
  }
  // Two regions in the summary already make the item's region ambiguous.
  if (inSummary.length !== 1) return { regions: [], source: 'none' };
  const inRationale = regionsIn(model.text.slice(rationale.valueSpan.start, rationale.valueSpan.end));
  const all = new Set<Region>([...inSummary, ...inRationale]);
  return all.size === 1 ? { regions: [...all], source: 'text' } : { regions: [], source: 'none' };
}
