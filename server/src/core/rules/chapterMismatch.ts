import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import { chapterFitsRegions, citesGeneralTopic, classifyCitation, regionLabel, type ChapterInfo, type Region } from '../guidelines';
import type { GuidelineCitation } from '../model';
import { regionsOfItemUnless } from '../itemRegions';

const FIELD_NAMES = {
  claimsAdministratorGuideline: 'Claims Administrator guideline',
  maximusGuideline: 'MAXIMUS guideline',
  decisionRationale: 'Decision rationale',
} as const;

/** Whether classifyCitation reads the same fields in both citations. */
function sameFields(a: GuidelineCitation, b: GuidelineCitation): boolean {
  if (a.text !== b.text || a.kind !== b.kind || a.title !== b.title || a.chapter !== b.chapter || a.year !== b.year) return false;
  const x = a.sections;
  const y = b.sections;
  if (x === y) return true;
  if (x === undefined || y === undefined || x.length !== y.length) return false;
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  return true;
}

/**
 * Whether an item citing `citations` (classified as `chapters`) has nothing to report should the
 * letter's text give it `region` alone: every regional chapter it cites fits that region or is a
 * general topic. Its rationale then need not be read.
 */
function nothingToReport(citations: readonly GuidelineCitation[], chapters: ReadonlyArray<ChapterInfo | undefined>, region: Region): boolean {
  const alone = [region];
  for (let k = 0; k < citations.length; k++) {
    const chapter = chapters[k];
    if (!chapter || chapter.regions.length === 0) continue;
    if (!chapterFitsRegions(chapter.regions, alone) && !citesGeneralTopic(chapter, citations[k].text)) return false;
  }
  return true;
}

/** A body-part chapter cited for an item of another body region. */
export const chapterMismatch: Rule = {
  code: 'chapter-mismatch',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
    // The chapters of the item being checked, one per citation (reused from item to item: only the
    // first `citations.length` are read, each written first), and the citation each was classified
    // from. A letter's items mostly cite the same values at the same places, in strings the parser
    // shares, so a citation with the same fields as the one before it at its index takes that
    // answer after a few pointer compares; the classifier's own memory holds copies of the texts,
    // which only compare character by character.
    const chapters: Array<ChapterInfo | undefined> = [];
    const classifiedFrom: Array<GuidelineCitation | undefined> = [];
    const items = model.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.citations.length === 0) continue;
      // The cited chapters first: the item's regions (which may mean reading the letter's summary and
      // the rationale) matter only when some cited chapter covers a body region.
      const citations = item.citations;
      let regional = false;
      for (let k = 0; k < citations.length; k++) {
        const citation = citations[k];
        const before = classifiedFrom[k];
        if (before === undefined || !sameFields(before, citation)) {
          chapters[k] = classifyCitation(citation);
          classifiedFrom[k] = citation;
        }
        const chapter = chapters[k];
        if (chapter !== undefined && chapter.regions.length > 0) regional = true;
      }
      if (!regional) continue;
      const { regions: itemRegions, source } = regionsOfItemUnless(model, item, (region) => nothingToReport(citations, chapters, region));
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
