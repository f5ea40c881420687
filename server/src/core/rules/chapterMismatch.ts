import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import { chapterFitsRegions, classifyCitation, regionLabel, regionsOfTitle } from '../guidelines';

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
      const matches = regionsOfTitle(item.title);
      if (matches.length === 0) continue;
      const itemRegions = [...new Set(matches.map((m) => m.region))];
      for (const citation of item.citations) {
        const chapter = classifyCitation(citation);
        if (!chapter || chapter.regions.length === 0) continue;
        if (chapterFitsRegions(chapter.regions, itemRegions)) continue;
        const itemWords = itemRegions.map(regionLabel).join(' and ');
        const chapterWords = chapter.regions.map(regionLabel).join(' and ');
        out.push({
          span: citation.span,
          message: `${chapter.name} covers the ${chapterWords}, but ${quoteTitle(item.shortTitle)} concerns the ${itemWords} (${FIELD_NAMES[citation.field]}).`,
          related: [{ span: item.titleSpan, message: `The item's title names the ${itemWords}.` }],
          data: { chapter: chapter.id, itemRegions, chapterRegions: chapter.regions },
        });
      }
    }
    return out;
  },
};
