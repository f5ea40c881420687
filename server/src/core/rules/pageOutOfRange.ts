import type { Rule, RuleFinding } from './rule';
import { acoemChapter } from '../guidelines';
import type { PageRange } from '../model';

function anyOutside(pages: readonly PageRange[], span: { readonly from: number; readonly to: number }): boolean {
  for (let k = 0; k < pages.length; k++) if (pages[k].from < span.from || pages[k].to > span.to) return true;
  return false;
}

/**
 * Cited ACOEM pages outside the chapter's page span. Only chapters whose span
 * is sourced are checked: the others are estimates and would raise false alarms.
 */
export const pageOutOfRange: Rule = {
  code: 'page-out-of-range',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
    // Indexed loops: for-of here made an iterator result per element (seen in allocation profiles).
    const items = model.items;
    for (let i = 0; i < items.length; i++) {
      const citations = items[i].citations;
      for (let k = 0; k < citations.length; k++) {
        const c = citations[k];
        if (c.kind !== 'acoem' || c.chapter === undefined || !c.pages) continue;
        const chapter = acoemChapter(c.chapter);
        const span = chapter?.pages;
        if (!chapter || !span || !span.sourced) continue;
        // Most citations are within the span: looked at before any list (or closure) is made.
        if (!anyOutside(c.pages, span)) continue;
        const outside = c.pages.filter((p) => p.from < span.from || p.to > span.to);
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
