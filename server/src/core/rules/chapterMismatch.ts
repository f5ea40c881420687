import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import { chapterFitsRegions, citesGeneralTopic, classifyCitation, regionLabel } from '../guidelines';
import { regionsOfItem } from '../itemRegions';

const FIELD_NAMES = {
  claimsAdministratorGuideline: 'Claims Administrator guideline',
  maximusGuideline: 'MAXIMUS guideline',
  decisionRationale: 'Decision rationale',
} as const;

/** A body-part chapter cited for an item of another body region. */
export const chapterMismatch: Rule = {
  code: 'chapter-mismatch',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
    for (const item of model.items) {
      const citations = item.citations;
      const chapters = citations.map((citation) => classifyCitation(citation));
      // The item's regions (which may mean reading the letter's summary and the rationale) matter
      // only when some cited chapter covers a body region.
      if (!chapters.some((chapter) => chapter !== undefined && chapter.regions.length > 0)) continue;
      const { regions: itemRegions, source } = regionsOfItem(model, item);
      if (itemRegions.length === 0) continue;
      for (let k = 0; k < citations.length; k++) {
        const citation = citations[k];
        const chapter = chapters[k];
        if (!chapter || chapter.regions.length === 0) continue;
        if (chapterFitsRegions(chapter.regions, itemRegions)) continue;
        // A topic the chapter files for any body part fits whatever the item's region.
        if (citesGeneralTopic(chapter, citation.text)) continue;
        const itemWords = itemRegions.map(regionLabel).join(' and ');
        const chapterWords = chapter.regions.map(regionLabel).join(' and ');
        const why = source === 'title' ? '' : ' (the title names no body part; the letter speaks only of that one)';
        out.push({
          span: citation.span,
          message: `${chapter.name} covers the ${chapterWords}, but ${quoteTitle(item.shortTitle)} concerns the ${itemWords}${why} (${FIELD_NAMES[citation.field]}).`,
          related: [
            source === 'title'
              ? { span: item.titleSpan, message: `The item's title names the ${itemWords}.` }
              : { span: item.titleSpan, message: `The letter's summary and this item's rationale speak only of the ${itemWords}.` },
          ],
          data: { chapter: chapter.id, itemRegions, chapterRegions: chapter.regions },
        });
      }
    }
    return out;
  },
};
