/**
 * The conclusion of a decision rationale: whether it finds the item medically
 * necessary or not. Reads the last sentence that states a verdict, with its
 * negations ("is not medically necessary", "cannot be considered medically
 * necessary", "would not be supported", "has not been established").
 */
import type { Field, Span } from './model';
import { asciiLowerCase, foldedText } from './text';

export type Verdict = 'necessary' | 'not-necessary';

export interface Conclusion {
  verdict: Verdict;
  /** The sentence stating it. */
  span: Span;
  sentence: string;
}

/** The verdict phrases, in small letters: read in asciiLowerCase text (the budget named there). */
const VERDICT_RE =
  /\b(?:(?:is|are|was|were)\s+(?:not\s+)?a\s+medical\s+necessity|medically\s+(?:necessary|appropriate|indicated|reasonable|warranted)|medical\s+necessity\b[^.]{0,80}?\b(?:established|demonstrated|met|supported)|(?:is|are|was|were|be|been)\s+(?:\w+\s+){0,2}?(?:supported|recommended|warranted|indicated|certified|approved|appropriate|justified|substantiated)\b)/g;
const NEGATION_RE = /\b(?:not|cannot|can\s?not|never|no\s+longer|neither|nor)\b|n['’]t\b|\bun(?:necessary|supported|warranted)\b|\bnon-?certif/i;

/**
 * Where a sentence passes to another clause or another subject: a negation before such a break
 * need not bear on the verdict after it ("Although therapy did not help, the injection is medically
 * necessary").
 */
const CLAUSE_BREAK_RE =
  /[,;:()]|\b(?:and|or|but|although|though|while|whereas|however|despite|since|because|if|unless|when|whether|until|after|before)\b/i;
const NEGATION_ANYWHERE_RE = new RegExp(NEGATION_RE.source, 'gi');

/**
 * What a sentence concludes, read as a whole:
 * - the last verdict phrase negated in itself or in the words just before it: not necessary;
 * - no negation anywhere before the phrase: necessary;
 * - a negation further back in the same clause governs the phrase ("is not supported by the records
 *   provided as being medically necessary", "has not been established by the records as medically
 *   necessary"): not necessary;
 * - a negation in another clause: the sentence cannot be read with confidence, and a wrong reading
 *   would report a correct letter as contradicting itself, so it is 'unclear'.
 * Undefined when the sentence states no verdict at all.
 */
export function verdictOfSentence(sentence: string): Verdict | 'unclear' | undefined {
  let last: RegExpExecArray | undefined;
  const small = asciiLowerCase(sentence);
  VERDICT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = VERDICT_RE.exec(small)) !== null) last = m;
  if (!last) return undefined;
  // The negated phrases ("not medically necessary", "unnecessary", "non-certified", "not
  // certified") each hold a word NEGATION_RE finds, so they need no test of their own.
  if (NEGATION_RE.test(last[0]) || NEGATION_RE.test(clauseBefore(sentence, last.index))) return 'not-necessary';
  const before = sentence.slice(0, last.index);
  let negationEnd = -1;
  NEGATION_ANYWHERE_RE.lastIndex = 0;
  while ((m = NEGATION_ANYWHERE_RE.exec(before)) !== null) negationEnd = m.index + m[0].length;
  if (negationEnd < 0) return 'necessary';
  return CLAUSE_BREAK_RE.test(before.slice(negationEnd)) ? 'unclear' : 'not-necessary';
}

/** The up to 40 characters before `at`, from after the last ",", ";" or ":" among them. */
function clauseBefore(sentence: string, at: number): string {
  const window = sentence.slice(Math.max(0, at - 40), at);
  return window.slice(Math.max(window.lastIndexOf(','), window.lastIndexOf(';'), window.lastIndexOf(':')) + 1);
}

export function rationaleConclusion(source: string, rationale: Field): Conclusion | undefined {
  const { start, end } = rationale.valueSpan;
  if (end <= start) return undefined;
  // The verdict is stated at the end: read a short tail first, a longer one if that has none.
  for (const tail of TAILS) {
    if (end - start <= tail) return conclusionIn(source, start, end);
    const found = conclusionIn(source, end - tail, end);
    if (found) return found;
  }
  return undefined;
}

/** rationaleConclusion(source, rationale)?.verdict. */
export function rationaleVerdict(source: string, rationale: Field): Verdict | undefined {
  return rationaleConclusion(source, rationale)?.verdict;
}

/** How much of a rationale's end is read for its conclusion, in characters. */
const TAILS = [400, 1500];

/**
 * Boilerplate some letters add after the verdict (the opioid tapering notice): not a conclusion,
 * and not counted among the last sentences.
 */
const DISCLAIMER_RE =
  /should\s+not\s+be\s+interpreted|advised\s+to\s+(?:consult|speak)|This\s+decision\s+addresses|method\s+for\s+weaning|stop\s+long-term\s+opioids/i;

/**
 * The verdict of the last of the last three sentences of source[from, to) that states one
 * (disclaimers are skipped and not counted), with the sentence folded and its place in the letter.
 * An unclear conclusion is not looked for in earlier sentences: they are not the conclusion.
 */
function conclusionIn(source: string, from: number, to: number): Conclusion | undefined {
  let read = 0;
  for (const span of sentencesIn(source, from, to).reverse()) {
    const sentence = foldedText(source, span.start, span.end);
    if (DISCLAIMER_RE.test(sentence)) continue;
    const verdict = verdictOfSentence(sentence);
    if (verdict === 'unclear') return undefined;
    if (verdict) return { verdict, span, sentence };
    if (++read === 3) return undefined;
  }
  return undefined;
}

/** The white space that folding turns into one space (other white space it keeps). */
const FOLDED_SPACE_RE = /[\t-\r \xa0]/;

/**
 * A sentence ends at ".", "!" or "?" followed by white space and a capital or digit (perhaps after
 * an opening quote or parenthesis: `. "The`, `. (2)`), or by nothing but white space; the next one
 * starts after the spaces that follow. "e.g. a brace" and "5.5 mg" do not end a sentence.
 */
const SENTENCE_END_RE = /[.!?](?=\s+["'“(]?[A-Z0-9]|\s*$)/g;

/**
 * The sentences of source[from, to), as spans of the letter without the white space around them.
 * Folding changes only runs of white space, and never the one after a sentence end (it drops a line
 * break only after a hyphen), so the sentences are found in the letter's own text and only those
 * read are folded.
 */
function sentencesIn(source: string, from: number, to: number): Span[] {
  while (from < to && FOLDED_SPACE_RE.test(source[from])) from++;
  while (to > from && FOLDED_SPACE_RE.test(source[to - 1])) to--;
  const text = source.slice(from, to);
  const out: Span[] = [];
  let start = 0;
  SENTENCE_END_RE.lastIndex = 0;
  for (let m = SENTENCE_END_RE.exec(text); m !== null; m = SENTENCE_END_RE.exec(text)) {
    out.push({ start: from + start, end: from + m.index + 1 });
    start = m.index + 1;
    while (start < text.length && FOLDED_SPACE_RE.test(text[start])) start++;
  }
  if (start < text.length) out.push({ start: from + start, end: to });
  return out;
}
