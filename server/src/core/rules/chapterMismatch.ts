import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import { chapterFitsRegions, citesGeneralTopic, classifyCitation, regionLabel, type ChapterInfo, type Region } from '../guidelines';
import type { DisputedItem, GuidelineCitation } from '../model';
import { regionsOfItem, type ItemRegions } from '../itemRegions';

const FIELD_NAMES = {
  claimsAdministratorGuideline: 'Claims Administrator guideline',
  maximusGuideline: 'MAXIMUS guideline',
  decisionRationale: 'Decision rationale',
} as const;

/** A cited chapter, with the citation it comes from. */
interface Cited {
  readonly citation: GuidelineCitation;
  readonly chapter: ChapterInfo;
}

/**
 * The cited body-part chapters that do not fit an item of these regions. A topic the chapter files
 * for any body part (ODG's equipment criteria in Knee & Leg) fits whatever the item's region.
 */
function misfits(cited: readonly Cited[], itemRegions: readonly Region[]): Cited[] {
  return cited.filter(({ citation, chapter }) => !chapterFitsRegions(chapter.regions, itemRegions) && !citesGeneralTopic(chapter, citation.text));
}

/** A body-part chapter cited for an item of another body region. */
export const chapterMismatch: Rule = {
  code: 'chapter-mismatch',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
    for (const item of model.items) {
      const cited: Cited[] = [];
      for (const citation of item.citations) {
        const chapter = classifyCitation(citation);
        if (chapter && chapter.regions.length > 0) cited.push({ citation, chapter });
      }
      // General chapters fit any item: the item's regions (which may mean reading the letter's
      // summary and the rationale) matter only for body-part chapters.
      if (cited.length === 0) continue;
      const { regions, source } = regionsOfItem(model, item);
      if (regions.length > 0) out.push(...findings(item, misfits(cited, regions), regions, source));
    }
    return out;
  },
};

function findings(item: DisputedItem, misfit: readonly Cited[], itemRegions: readonly Region[], source: ItemRegions['source']): RuleFinding[] {
  const itemWords = itemRegions.map(regionLabel).join(' and ');
  const why = source === 'title' ? '' : ' (the title names no body part; the letter speaks only of that one)';
  const related =
    source === 'title'
      ? { span: item.titleSpan, message: `The item's title names the ${itemWords}.` }
      : { span: item.titleSpan, message: `The letter's summary and this item's rationale speak only of the ${itemWords}.` };
  return misfit.map(({ citation, chapter }) => ({
    span: citation.span,
    message: `${chapter.name} covers the ${chapter.regions.map(regionLabel).join(' and ')}, but ${quoteTitle(item.shortTitle)} concerns the ${itemWords}${why} (${FIELD_NAMES[citation.field]}).`,
    related: [related],
    data: { chapter: chapter.id, itemRegions, chapterRegions: chapter.regions },
  }));
}
