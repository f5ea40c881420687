import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import { rationaleConclusion, rationaleVerdict } from '../conclusion';

/** Upheld means not medically necessary; Overturned means medically necessary. */
export const outcomeContradiction: Rule = {
  code: 'outcome-contradiction',
  defaultSeverity: 'error',
  check({ model }) {
    const out: RuleFinding[] = [];
    // An indexed loop: for-of here made an iterator result per item (seen in allocation profiles).
    const items = model.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const rationale = item.fields.decisionRationale;
      if (!item.outcome || !item.outcomeSpan || !rationale) continue;
      // The verdict alone first: where it agrees with the outcome, its sentence's place is not needed.
      const verdict = rationaleVerdict(model.text, rationale);
      if (!verdict || item.outcome === (verdict === 'necessary' ? 'Overturned' : 'Upheld')) continue;
      const conclusion = rationaleConclusion(model.text, rationale)!;
      const expected = conclusion.verdict === 'necessary' ? 'Overturned' : 'Upheld';
      const found = conclusion.verdict === 'necessary' ? 'medically necessary' : 'not medically necessary';
      out.push({
        span: item.outcomeSpan,
        message: `${quoteTitle(item.shortTitle)} is ${item.outcome}, but its rationale concludes the item is ${found}: the outcome should be ${expected}.`,
        related: [{ span: conclusion.span, message: `The rationale's conclusion: ${found}.` }],
        data: { expected },
      });
    }
    return out;
  },
};
