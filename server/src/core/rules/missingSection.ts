import type { Rule, RuleFinding } from './rule';
import { SECTION_HEADINGS } from '../model';

/** Each of the three headings must be present. */
export const missingSection: Rule = {
  code: 'missing-section',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
    const present = new Set(model.sections.map((s) => s.kind));
    SECTION_HEADINGS.forEach((h, k) => {
      if (present.has(h.kind)) return;
      // Point at where the heading belongs: the next heading that is there, else the first item or the text's start.
      const next = SECTION_HEADINGS.slice(k + 1)
        .map((n) => model.sections.find((s) => s.kind === n.kind))
        .find((s) => s !== undefined);
      const previous = SECTION_HEADINGS.slice(0, k)
        .reverse()
        .map((p) => model.sections.find((s) => s.kind === p.kind))
        .find((s) => s !== undefined);
      const anchor = next?.headingSpan ?? (h.kind === 'issues' ? model.items[0]?.titleSpan : undefined) ?? previous?.headingSpan ?? firstText(model.text);
      const where = previous && next ? `between "${previous.name}" and "${next.name}"` : next ? `before "${next.name}"` : previous ? `after "${previous.name}"` : 'in the letter';
      out.push({
        span: anchor,
        message: `Missing section heading "${h.heading}": it belongs ${where}.`,
        data: { heading: h.heading, insertBefore: next?.headingSpan.start },
      });
    });
    return out;
  },
};

function firstText(text: string): { start: number; end: number } {
  const m = /\S[^\r\n]*/.exec(text);
  return m ? { start: m.index, end: m.index + m[0].trimEnd().length } : { start: 0, end: 0 };
}
