/**
 * Code lenses: at the top of a letter, how its items were decided
 * ("3 items: 2 Upheld, 1 Overturned"); above each item, the body regions it
 * concerns and the guideline chapters its fields cite, so a reader sees at a
 * glance whether the chapters fit the item.
 */
import type { Analysis } from './index';
import type { DisputedItem, Determination } from './model';
import type { Range } from './types';
import { chapterFitsRegions, classifyCitation, regionLabel } from './guidelines';
import { regionsOfItem } from './itemRegions';

/** What a lens describes: the letter's outcomes, or one item (by its index among the items). */
export type CodeLensTarget = { readonly kind: 'outcomes' } | { readonly kind: 'item'; readonly index: number };

export interface CodeLensAnchor {
  readonly range: Range;
  readonly target: CodeLensTarget;
}

export interface CodeLensInfo {
  readonly range: Range;
  readonly title: string;
}

/**
 * Where the lenses go, without their titles: one position per item, so that
 * a client can ask for the titles of the lenses it shows (codeLens/resolve)
 * instead of every item of a long file being classified on each edit.
 */
export function codeLensAnchors(analysis: Analysis): CodeLensAnchor[] {
  const { model, lines } = analysis;
  if (model.items.length === 0) return [];
  const out: CodeLensAnchor[] = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, target: { kind: 'outcomes' } }];
  model.items.forEach((item, index) => {
    const at = lines.positionAt(item.titleSpan.start);
    out.push({ range: { start: at, end: at }, target: { kind: 'item', index } });
  });
  return out;
}

/** The title of one lens; undefined for an item the letter no longer has. */
export function codeLensTitle(analysis: Analysis, target: CodeLensTarget): string | undefined {
  const { model } = analysis;
  if (target.kind === 'outcomes') return model.items.length > 0 ? outcomeSummary(model.items) : undefined;
  const item = model.items[target.index];
  return item ? itemSummary(model, item) : undefined;
}

/** Every lens with its title. */
export function codeLenses(analysis: Analysis): CodeLensInfo[] {
  return codeLensAnchors(analysis).map((a) => ({ range: a.range, title: codeLensTitle(analysis, a.target) ?? '' }));
}

/** "3 items: 2 Upheld, 1 Overturned", with the items lacking an outcome counted too. */
export function outcomeSummary(items: readonly DisputedItem[]): string {
  let upheld = 0;
  let overturned = 0;
  for (const item of items) {
    if (item.outcome === 'Upheld') upheld++;
    else if (item.outcome === 'Overturned') overturned++;
  }
  const missing = items.length - upheld - overturned;
  const parts: string[] = [];
  if (upheld > 0) parts.push(`${upheld} Upheld`);
  if (overturned > 0) parts.push(`${overturned} Overturned`);
  if (missing > 0) parts.push(`${missing} without an outcome`);
  return `${items.length} ${items.length === 1 ? 'item' : 'items'}: ${parts.join(', ')}`;
}

/**
 * "Region: knee · Cites: MTUS Knee Complaints 2004, ODG Knee & Leg"; a chapter
 * of another body region is marked "(another region)".
 */
export function itemSummary(model: Determination, item: DisputedItem): string {
  const { regions, source } = regionsOfItem(model, item);
  const region =
    regions.length === 0
      ? 'Region: none named'
      : `Region: ${regions.map(regionLabel).join(', ')}${source === 'text' ? " (from the letter's text)" : ''}`;
  const names: string[] = [];
  let unknown = 0;
  for (const c of item.citations) {
    const chapter = classifyCitation(c);
    if (!chapter) {
      unknown++;
      continue;
    }
    const name = chapterFitsRegions(chapter.regions, regions) ? chapter.name : `${chapter.name} (another region)`;
    if (!names.includes(name)) names.push(name);
  }
  if (unknown > 0) names.push(`${unknown} other ${unknown === 1 ? 'source' : 'sources'}`);
  return `${region} · Cites: ${names.length > 0 ? names.join(', ') : 'nothing'}`;
}
