import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import type { Field, Span } from '../model';
import { foldedText, spanOf } from '../text';

/** "The Expert Reviewer did not base their decision on the MTUS." and its 2016-17 wording. */
const NOT_MTUS_RE =
  /did\s+not\s+base\s+(?:their|its|his|her)\s+decision\s+on\s+the\s+MTUS|based\s+(?:their|its|his|her)\s+decision\s+on\s+recommendation\(s\)\s+outside\s+of\s+the\s+MTUS/i;

/**
 * The rationale relying on an MTUS part: the MTUS, its Chronic Pain guidelines or the ACOEM
 * chapters it adopted, stating, recommending or supporting something. "MTUS does not address"
 * is not reliance.
 */
const RELIES_RE =
  /\b(?:California\s+)?(?:MTUS|Chronic\s+(?:Medical\s+)?Pain\s+(?:Medical\s+)?Treatment\s+Guidelines?|ACOEM)\b[^.]{0,80}?\b(?:states?|indicates?|recommends?|supports?|notes?|requires?|allows?|endorses?)\b/i;
const SILENT_RE = /\b(?:does\s+not|do\s+not|doesn't|fails\s+to)\s+(?:address|discuss|mention)|\bis\s+silent\b/i;

/** Where NOT_MTUS_RE's statement starts in a raw value. */
const STATEMENT_START_RE = /did\s+not\s+base|based\s+(?:their|its|his|her)\s+decision\s+on\s+recommendation/i;

/** The sentence of a guideline field that says the decision was not based on the MTUS, if it says so. */
function statement(text: string, field: Field): Span | undefined {
  // A guideline field's folded text is known from parsing its citations.
  if (!NOT_MTUS_RE.test(field.text)) return undefined;
  // The statement's place in the source: search the raw value for its first words.
  const value = field.valueSpan;
  const raw = text.slice(value.start, value.end);
  const at = Math.max(0, raw.search(STATEMENT_START_RE));
  const sentenceEnd = raw.indexOf('.', at);
  return { start: value.start + at, end: sentenceEnd >= 0 ? value.start + sentenceEnd + 1 : value.end };
}

/**
 * A guideline field saying the decision was not based on the MTUS while the same field cites an
 * MTUS part, or (for the expert reviewer's field) the rationale relies on one.
 */
export const mtusBasisContradiction: Rule = {
  code: 'mtus-basis-contradiction',
  defaultSeverity: 'warning',
  check({ model }) {
    const out: RuleFinding[] = [];
    for (const item of model.items) {
      const fields = item.fields;
      for (const field of [fields.claimsAdministratorGuideline, fields.maximusGuideline]) {
        if (!field) continue;
        const said = statement(model.text, field);
        if (!said) continue;
        const who = field.kind === 'maximusGuideline' ? 'the expert reviewer' : 'the Claims Administrator';
        const cited = item.citations.find((c) => c.field === field.kind && c.mtus);
        if (cited) {
          out.push({
            span: said,
            message: `This field says ${who} did not base the decision on the MTUS, yet it cites the MTUS (${cited.text}).`,
            related: [{ span: cited.span, message: 'The MTUS citation in the same field.' }],
          });
          continue;
        }
        // The rationale is the expert reviewer's own reasoning: it speaks for the MAXIMUS field only.
        const rationale = fields.decisionRationale;
        if (field.kind !== 'maximusGuideline' || !rationale) continue;
        // Folded here without keeping the folding on the field (letters of thousands of items).
        const relied = RELIES_RE.exec(foldedText(model.text, rationale.valueSpan.start, rationale.valueSpan.end));
        if (!relied || SILENT_RE.test(relied[0])) continue;
        const from = relied.index;
        out.push({
          span: said,
          message: `The MAXIMUS guideline says the decision was not based on the MTUS, but the rationale of ${quoteTitle(item.shortTitle)} relies on it ("${relied[0]}"): the Chronic Pain guidelines and the adopted ACOEM chapters are part of the MTUS.`,
          related: [{ span: spanOf(rationale.folded, from, from + relied[0].length), message: 'The rationale relies on the MTUS here.' }],
        });
      }
    }
    return out;
  },
};
