import type { Rule } from './rule';
import { quoteTitle } from './rule';

/** Every item title ends with its outcome. */
export const missingOutcome: Rule = {
  code: 'missing-outcome',
  defaultSeverity: 'error',
  check({ model }) {
    return model.items
      .filter((item) => !item.outcome)
      .map((item) => {
        const untitled = item.titleSpan.end <= item.titleSpan.start;
        const first = item.fieldList[0];
        return {
          span: untitled && first ? first.labelSpan : item.titleSpan,
          message: untitled
            ? 'A disputed item has no title and no outcome: put "<item>: Upheld" or "<item>: Overturned" above its fields.'
            : `${quoteTitle(item.title)} has no outcome: end the title with ": Upheld" or ": Overturned".`,
          data: { titleEnd: item.titleSpan.end },
        };
      });
  },
};
