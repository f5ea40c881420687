import type { Rule, RuleFinding } from './rule';
import { quoteTitle } from './rule';
import type { Field } from '../model';
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
/** A word every match of RELIES_RE holds. */
const PART_NAME_GLOBAL_RE = /MTUS|Chronic|ACOEM/gi;
const SILENT_RE = /\b(?:does\s+not|do\s+not|doesn't|fails\s+to)\s+(?:address|discuss|mention)|\bis\s+silent\b/i;

/**
 * The text of RELIES_RE's first match in the folding of source[start, end), folding only the
 * sentences where it can be. A match holds no "." and folding neither makes nor moves one, so it
 * lies within one stretch between two dots of the source, and the stretches are read in order.
 * A match holds a part name (PART_NAME_RE), which folding never makes (it joins words only after a
 * hyphen, which it keeps): stretches whose source names no part are not folded. A stretch starts
 * and ends at a dot or the field's bounds, so its folding is its part of the whole folding; the
 * characters around it (a dot, white space or nothing) are not letters or digits either way, so
 * RELIES_RE's word boundaries read the same in both.
 */
export function firstReliance(source: string, start: number, end: number): string | undefined {
  // Searched in the value alone: a search of the source would run on past the value's end.
  const raw = source.slice(start, end);
  PART_NAME_GLOBAL_RE.lastIndex = 0;
  for (;;) {
    const m = PART_NAME_GLOBAL_RE.exec(raw);
    if (m === null) return undefined;
    const dot = raw.lastIndexOf('.', m.index);
    const next = raw.indexOf('.', m.index);
    const stretchEnd = next < 0 ? raw.length : next;
    const relied = RELIES_RE.exec(foldedText(source, start + dot + 1, start + stretchEnd));
    if (relied) return relied[0];
    PART_NAME_GLOBAL_RE.lastIndex = stretchEnd;
  }
}

/** Where NOT_MTUS_RE's statement starts in a raw value. */
const STATEMENT_START_RE = /did\s+not\s+base|based\s+(?:their|its|his|her)\s+decision\s+on\s+recommendation/i;

/**
 * The last folded text of each guideline field kind tested in one check (0: Claims Administrator,
 * 1: MAXIMUS) and whether it holds the statement: a letter's items mostly repeat the same guideline
 * values (the parser shares their strings, so the comparison is mostly of a string with itself).
 */
interface LastTested {
  readonly text: string[];
  readonly says: boolean[];
}

function statement(text: string, field: Field, kind: number, last: LastTested): { span: { start: number; end: number } } | undefined {
  // A guideline field's folded text is known from parsing its citations.
  const folded = field.text;
  if (folded !== last.text[kind]) {
    last.text[kind] = folded;
    last.says[kind] = NOT_MTUS_RE.test(folded);
  }
  if (!last.says[kind]) return undefined;
  // The statement's place in the source: search the raw value for its first words.
  const value = field.valueSpan;
  const raw = text.slice(value.start, value.end);
  const at = raw.search(STATEMENT_START_RE);
  const start = value.start + Math.max(0, at);
  const sentenceEnd = raw.indexOf('.', Math.max(0, at));
  return { span: { start, end: sentenceEnd >= 0 ? value.start + sentenceEnd + 1 : value.end } };
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
    // '' holds no statement.
    const last: LastTested = { text: ['', ''], says: [false, false] };
    const items = model.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      // The model makes `fields` when asked: read once.
      const fields = item.fields;
      for (let k = 0; k < 2; k++) {
        const field = k === 0 ? fields.claimsAdministratorGuideline : fields.maximusGuideline;
        if (!field) continue;
        const said = statement(model.text, field, k, last);
        if (!said) continue;
        const who = field.kind === 'maximusGuideline' ? 'the expert reviewer' : 'the Claims Administrator';
        const cited = item.citations.find((c) => c.field === field.kind && c.mtus);
        if (cited) {
          out.push({
            span: said.span,
            message: `This field says ${who} did not base the decision on the MTUS, yet it cites the MTUS (${cited.text}).`,
            related: [{ span: cited.span, message: 'The MTUS citation in the same field.' }],
          });
          continue;
        }
        // The rationale is the expert reviewer's own reasoning: it speaks for the MAXIMUS field only.
        const rationale = fields.decisionRationale;
        if (field.kind !== 'maximusGuideline' || !rationale) continue;
        const { start, end } = rationale.valueSpan;
        const first = firstReliance(model.text, start, end);
        if (first === undefined || SILENT_RE.test(first)) continue;
        // The place of the match in the rationale's folding, for the finding's span.
        const relied = RELIES_RE.exec(rationale.text)!;
        const from = relied.index;
        out.push({
          span: said.span,
          message: `The MAXIMUS guideline says the decision was not based on the MTUS, but the rationale of ${quoteTitle(item.shortTitle)} relies on it ("${relied[0]}"): the Chronic Pain guidelines and the adopted ACOEM chapters are part of the MTUS.`,
          related: [{ span: spanOf(rationale.folded, from, from + relied[0].length), message: 'The rationale relies on the MTUS here.' }],
        });
      }
    }
    return out;
  },
};
