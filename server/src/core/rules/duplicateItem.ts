import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import { collapseWhiteSpace, isWhiteSpace } from '../text';

/**
 * Titles compared without case, spacing or trailing punctuation:
 * `title.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.:;,]+$/, '').trim()`, without the regexes.
 */
function key(title: string): string {
  const lower = title.toLowerCase();
  let end = lower.length;
  for (let c = lower.charCodeAt(end - 1); end > 0 && (isWhiteSpace(c) || c === 46 || c === 58 || c === 59 || c === 44); c = lower.charCodeAt(end - 1)) end--;
  let start = 0;
  while (start < end && isWhiteSpace(lower.charCodeAt(start))) start++;
  return collapseWhiteSpace(lower, start, end);
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
