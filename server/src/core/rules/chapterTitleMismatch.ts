import type { Rule, RuleFinding } from './rule';
import { acoemChapter, acoemChapterByTitle, acoemTitleMatches } from '../guidelines';

/** An ACOEM chapter number cited with another chapter's title ("Chapter 8 Low Back Complaints"). */
export const chapterTitleMismatch: Rule = {
  code: 'chapter-title-mismatch',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
    for (const item of model.items) {
      for (const c of item.citations) {
        if (c.kind !== 'acoem' || c.chapter === undefined || !c.title) continue;
        if (acoemTitleMatches(c.chapter, c.title) !== false) continue;
        const byNumber = acoemChapter(c.chapter)!;
        const byTitle = acoemChapterByTitle(c.title)!;
        out.push({
          span: c.span,
          message: `ACOEM Chapter ${c.chapter} is "${byNumber.title}", but the citation names "${c.title}" (Chapter ${byTitle.number}): one of the two is wrong.`,
          data: { chapter: c.chapter, citedTitle: c.title, titleOfNumber: byNumber.title, numberOfTitle: byTitle.number },
        });
      }
    }
    return out;
  },
};
