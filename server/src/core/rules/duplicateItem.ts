import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';

/** Titles compared without case, spacing or trailing punctuation. */
function key(title: string): string {
  return title.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.:;,]+$/, '').trim();
}

/** The same disputed item decided twice in one letter. */
export const duplicateItem: Rule = {
  code: 'duplicate-item',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
    const seen = new Map<string, (typeof model.items)[number]>();
    for (const item of model.items) {
      if (item.titleSpan.end <= item.titleSpan.start) continue;
      const k = key(item.title);
      const first = seen.get(k);
      if (!first) {
        seen.set(k, item);
        continue;
      }
      out.push({
        span: item.titleSpan,
        message: `${quoteTitle(item.shortTitle)} is decided twice in this letter: merge the two items or tell them apart in the title.`,
        related: [{ span: first.titleSpan, message: 'The first item with this title.' }],
      });
    }
    return out;
  },
};
