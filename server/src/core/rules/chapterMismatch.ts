import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import { chapterFitsRegions, classifyCitation, regionFits, regionLabel, type ChapterInfo, type Region } from '../guidelines';
import type { GuidelineCitation } from '../model';
import { regionsOfItemUnless } from '../itemRegions';

/**
 * Guideline topics cited for any body part, found in a body-part chapter (ODG keeps its skilled
 * nursing, home health and equipment criteria in the Knee & Leg chapter, its preoperative testing in
 * Low Back). When the item's region comes only from the letter's text, such a citation is no error.
 */
const GENERAL_TOPIC_RE =
  /skilled\s+nursing|home\s+health|durable\s+medical|\bDME\b|pre-?\s*operative|walking\s+aids?|wheelchair|hospital\s+bed|bath|commode/i;

const FIELD_NAMES = {
  claimsAdministratorGuideline: 'Claims Administrator guideline',
  maximusGuideline: 'MAXIMUS guideline',
  decisionRationale: 'Decision rationale',
} as const;

/**
 * The chapters of the item being checked, one per citation (reused from item to item: only the
 * first `citations.length` are read, each written first, so the array is never shortened).
 */
const CHAPTERS: Array<ChapterInfo | undefined> = [];
/**
 * The citation each entry of CHAPTERS was classified from (emptied after each check: the
 * citations would keep the letter's text alive). A letter's items mostly cite the same values at
 * the same places, in strings the parser shares, so a citation with the same fields as the one
 * before it at its index takes that answer after a few pointer compares; the classifier's own
 * memory holds copies of the texts, which only compare character by character.
 */
const CLASSIFIED_FROM: Array<GuidelineCitation | undefined> = [];

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

/** The citations of the item being checked. */
let CITATIONS: readonly GuidelineCitation[] = [];

/**
 * Whether the item being checked has nothing to report should the letter's text give it `region`
 * alone: every regional chapter it cites fits that region or is a general topic. Its rationale
 * then need not be read.
 */
function nothingToReportFor(region: Region): boolean {
  for (let k = 0; k < CITATIONS.length; k++) {
    const chapter = CHAPTERS[k];
    if (!chapter || chapter.regions.length === 0) continue;
    // chapterFitsRegions(chapter.regions, [region]), without the array.
    let fits = false;
    for (let r = 0; r < chapter.regions.length; r++) if (regionFits(region, chapter.regions[r])) fits = true;
    if (!fits && !GENERAL_TOPIC_RE.test(CITATIONS[k].text)) return false;
  }
  return true;
}

/** A body-part chapter cited for an item of another body region. */
export const chapterMismatch: Rule = {
  code: 'chapter-mismatch',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
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
        const before = CLASSIFIED_FROM[k];
        if (before === undefined || !sameFields(before, citation)) {
          CHAPTERS[k] = classifyCitation(citation);
          CLASSIFIED_FROM[k] = citation;
        }
        const chapter = CHAPTERS[k];
        if (chapter !== undefined && chapter.regions.length > 0) regional = true;
      }
      if (!regional) continue;
      CITATIONS = citations;
      const { regions: itemRegions, source } = regionsOfItemUnless(model, item, nothingToReportFor);
      if (itemRegions.length === 0) continue;
      for (let k = 0; k < citations.length; k++) {
        const citation = citations[k];
        const chapter = CHAPTERS[k];
        if (!chapter || chapter.regions.length === 0) continue;
        if (chapterFitsRegions(chapter.regions, itemRegions)) continue;
        if (source === 'text' && GENERAL_TOPIC_RE.test(citation.text)) continue;
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
    // The citations would keep the letter's text alive.
    CITATIONS = [];
    CLASSIFIED_FROM.fill(undefined);
    return out;
  },
};
