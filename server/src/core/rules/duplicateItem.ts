import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import type { DisputedItem } from '../model';

/** What may close a title without making it another item: white space and punctuation ("MRI of the knee."). */
const TRAILING_RE = /[\s.:;,]/;

/**
 * A title as it is compared: without case, spacing or trailing punctuation, so that
 * "MRI Lumbar Spine:" and "mri  lumbar spine" are the same item.
 */
function titleKey(title: string): string {
  const key = title.toLowerCase().replace(/\s+/g, ' ');
  // Trimmed one character at a time: a regex anchored at the end would retry from every position.
  let end = key.length;
  while (end > 0 && TRAILING_RE.test(key[end - 1])) end--;
  return key.slice(0, end).trim();
}

/**
 * The same disputed item decided twice in one letter. A text may hold several letters one after
 * another (a batch extracted to one file): a letter's opening headings (how the determination was
 * made, the clinical summary) after an item begin the next letter, and titles are compared only
 * within a letter.
 */
export const duplicateItem: Rule = {
  code: 'duplicate-item',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
    // Where each letter's opening headings start (every heading but the issues), in text order.
    const openings = model.sections.filter((s) => s.kind !== 'issues').map((s) => s.span.start);
    let next = 0;
    let previousStart = -1;
    let firstByKey = new Map<string, DisputedItem>();
    for (const item of model.items) {
      const start = item.span.start;
      let newLetter = false;
      for (; next < openings.length && openings[next] < start; next++) {
        if (openings[next] > previousStart) newLetter = true;
      }
      previousStart = start;
      if (newLetter) firstByKey = new Map();
      if (item.titleSpan.end <= item.titleSpan.start) continue;
      const key = titleKey(item.title);
      const first = firstByKey.get(key);
      if (!first) {
        firstByKey.set(key, item);
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
