import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import { FIELD_LABELS } from '../model';

/** Every disputed item carries the three fields, each with some text. */
export const missingField: Rule = {
  code: 'missing-field',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
    for (const item of model.items) {
      const anchor = item.titleSpan.end > item.titleSpan.start ? item.titleSpan : item.outcomeSpan ?? item.titleSpan;
      for (let k = 0; k < FIELD_LABELS.length; k++) {
        const { kind, label } = FIELD_LABELS[k];
        const field = item.fields[kind];
        if (!field) {
          // Insert before the next field that is there, else after the last one.
          const next = FIELD_LABELS.slice(k + 1).map((l) => item.fields[l.kind]).find((f) => f !== undefined);
          out.push({
            span: anchor,
            message: `${quoteTitle(item.shortTitle)} has no "${label}" field: each disputed item needs Claims Administrator guideline, MAXIMUS guideline and Decision rationale.`,
            data: { label, insertBefore: next?.span.start, insertAfter: next ? undefined : item.span.end },
          });
        } else if (field.valueSpan.end <= field.valueSpan.start) {
          out.push({ span: field.labelSpan, message: `The "${label}" field of ${quoteTitle(item.shortTitle)} is empty.`, data: { label } });
        }
      }
    }
    return out;
  },
};
