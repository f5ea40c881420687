import type { Rule } from './rule';

/** A letter decides at least one disputed item. */
export const noItems: Rule = {
  code: 'no-items',
  defaultSeverity: 'warning',
  check({ model }) {
    if (model.items.length > 0) return [];
    const issues = model.sections.find((s) => s.kind === 'issues');
    const anchor = issues?.headingSpan ?? model.sections[0]?.headingSpan ?? { start: 0, end: Math.min(model.text.length, model.text.search(/\r|\n|$/)) };
    return [
      {
        span: anchor,
        message:
          'No disputed items found: after the lead-in, each item should read "<item>: Upheld" or "<item>: Overturned" followed by its Claims Administrator guideline, MAXIMUS guideline and Decision rationale.',
      },
    ];
  },
};
