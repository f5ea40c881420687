import type { Rule, RuleFinding } from './rule';
import { acoemChapter } from '../guidelines';

/**
 * Cited ACOEM pages outside the chapter's page span. Only chapters whose span
 * is sourced are checked: the others are estimates and would raise false alarms.
 */
export const pageOutOfRange: Rule = {
  code: 'page-out-of-range',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
    for (const item of model.items) {
      for (const c of item.citations) {
        if (c.kind !== 'acoem' || c.chapter === undefined || !c.pages) continue;
        const chapter = acoemChapter(c.chapter);
        const span = chapter?.pages;
        if (!chapter || !span || !span.sourced) continue;
        const outside = c.pages.filter((p) => p.from < span.from || p.to > span.to);
        if (outside.length === 0) continue;
        const cited = outside.map((p) => (p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`)).join(', ');
        out.push({
          span: c.span,
          message: `Page(s) ${cited} lie outside ACOEM Chapter ${chapter.number} ${chapter.title}, which spans pages ${span.from}-${span.to} (${span.source}).`,
          data: { chapter: chapter.number, from: span.from, to: span.to },
        });
      }
    }
    return out;
  },
};
