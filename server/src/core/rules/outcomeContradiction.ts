import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import { rationaleConclusion } from '../conclusion';

/** Upheld means not medically necessary; Overturned means medically necessary. */
export const outcomeContradiction: Rule = {
  code: 'outcome-contradiction',
  defaultSeverity: 'error',
  check({ model }) {
    const out: RuleFinding[] = [];
    for (const item of model.items) {
      const rationale = item.fields.decisionRationale;
      if (!item.outcome || !item.outcomeSpan || !rationale) continue;
      const conclusion = rationaleConclusion(model.text, rationale);
      if (!conclusion) continue;
      const expected = conclusion.verdict === 'necessary' ? 'Overturned' : 'Upheld';
      if (item.outcome === expected) continue;
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
