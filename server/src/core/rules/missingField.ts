import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import { FIELD_LABELS, type DisputedItem, type Span } from '../model';

/** Whether a field's value span holds no text. */
function isEmpty(span: Span): boolean {
  return span.end <= span.start;
}

/** Where a missing field is reported: the title, else the outcome. */
function anchorOf(item: DisputedItem): Span {
  return item.titleSpan.end > item.titleSpan.start ? item.titleSpan : item.outcomeSpan ?? item.titleSpan;
}

/** Every disputed item carries the three fields, each with some text. */
export const missingField: Rule = {
  code: 'missing-field',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
    for (const item of model.items) {
      const fields = item.fields;
      FIELD_LABELS.forEach(({ kind, label }, k) => {
        const field = fields[kind];
        if (!field) {
          // Insert before the next field that is there, else after the last one.
          const next = FIELD_LABELS.slice(k + 1).map((l) => fields[l.kind]).find((f) => f !== undefined);
          out.push({
            span: anchorOf(item),
            message: `${quoteTitle(item.shortTitle)} has no "${label}" field: each disputed item needs Claims Administrator guideline, MAXIMUS guideline and Decision rationale.`,
            data: { label, insertBefore: next?.span.start, insertAfter: next ? undefined : item.span.end },
          });
        } else if (isEmpty(field.valueSpan)) {
          out.push({ span: field.labelSpan, message: `The "${label}" field of ${quoteTitle(item.shortTitle)} is empty.`, data: { label } });
        }
      });
    }
    return out;
  },
};
