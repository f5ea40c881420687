/**
 * The conclusion of a decision rationale: whether it finds the item medically
 * necessary or not. Reads the last sentence that states a verdict, with its
 * negations ("is not medically necessary", "cannot be considered medically
 * necessary", "would not be supported", "has not been established").
 */
import type { Field, Span } from './model';
import { foldedText, isWhiteSpace } from './text';

export type Verdict = 'necessary' | 'not-necessary';

export interface Conclusion {
  verdict: Verdict;
  /** The sentence stating it. */
  span: Span;
  sentence: string;
}

const VERDICT_RE =
  /\b(?:(?:is|are|was|were)\s+(?:not\s+)?a\s+medical\s+necessity|medically\s+(?:necessary|appropriate|indicated|reasonable|warranted)|medical\s+necessity\b[^.]{0,80}?\b(?:established|demonstrated|met|supported)|(?:is|are|was|were|be|been)\s+(?:\w+\s+){0,2}?(?:supported|recommended|warranted|indicated|certified|approved|appropriate|justified|substantiated)\b)/gi;
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
  VERDICT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = VERDICT_RE.exec(sentence)) !== null) last = m;
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
  const found = locateConclusion(source, rationale);
  return found && { verdict: found.verdict, span: { start: found.start, end: found.end }, sentence: found.sentence };
}

/** rationaleConclusion(source, rationale)?.verdict. */
export function rationaleVerdict(source: string, rationale: Field): Verdict | undefined {
  return locateConclusion(source, rationale)?.verdict;
}

/** A conclusion as found: the verdict, its sentence folded, and the sentence's place in the source. */
interface Located {
  readonly verdict: Verdict;
  readonly sentence: string;
  readonly start: number;
  readonly end: number;
}

function locateConclusion(source: string, rationale: Field): Located | undefined {
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

/** How much of a rationale's end is read for its conclusion, in characters. */
const TAILS = [400, 1500];

/**
 * Boilerplate some letters add after the verdict (the opioid tapering notice): not a conclusion,
 * and not counted among the last sentences.
 */
const DISCLAIMER_RE =
  /should\s+not\s+be\s+interpreted|advised\s+to\s+(?:consult|speak)|This\s+decision\s+addresses|method\s+for\s+weaning|stop\s+long-term\s+opioids/i;

/**
 * The verdict of the last of the last three sentences of the folding of source[from, to) that
 * states one (disclaimers are skipped and not counted).
 *
 * Sentences end at ".", "!" or "?" followed by white space and a capital or digit (perhaps after
 * an opening quote or parenthesis), or by nothing but white space; the next one starts after the
 * spaces that follow. Folding changes only runs of white space, and never the one after such a
 * mark (it drops a line break only after a hyphen), so sentence ends are found in the source
 * itself, read backwards from the end, and only the sentences read are folded. A sentence starts
 * and ends with characters folding keeps, so its folding is exactly its part of the whole
 * folding, and its span in the source is where those characters stand.
 */
function conclusionIn(source: string, from: number, to: number): Located | undefined {
  // The folded text's bounds: white space at either end is dropped.
  let first = from;
  while (first < to && isFoldedSpace(source.charCodeAt(first))) first++;
  let stop = to;
  while (stop > first && isFoldedSpace(source.charCodeAt(stop - 1))) stop--;
  if (first >= stop) return undefined;
  let read = 0;
  let mark = markBefore(source, first, stop, stop);
  // A last sentence without an end mark.
  let start = mark < 0 ? first : afterFoldedSpace(source, mark + 1, stop);
  let end = stop;
  if (start >= stop) {
    // The text ends with a sentence end: the last sentence is the one it closes.
    end = mark + 1;
    mark = markBefore(source, first, stop, mark);
    start = mark < 0 ? first : afterFoldedSpace(source, mark + 1, stop);
  }
  for (;;) {
    const sentence = foldedText(source, start, end);
    if (!DISCLAIMER_RE.test(sentence)) {
      read++;
      const verdict = verdictOfSentence(sentence);
      // An unclear conclusion is not looked for in earlier sentences: they are not the conclusion.
      if (verdict === 'unclear') return undefined;
      if (verdict) return { verdict, sentence, start, end };
      if (read === 3) return undefined;
    }
    if (mark < 0) return undefined;
    end = mark + 1;
    mark = markBefore(source, first, stop, mark);
    start = mark < 0 ? first : afterFoldedSpace(source, mark + 1, stop);
  }
}

/** The white space fold() trims and folds. */
function isFoldedSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
}

/** The first index at or after i (and before stop) whose character folding keeps as it is. */
function afterFoldedSpace(source: string, i: number, stop: number): number {
  while (i < stop && isFoldedSpace(source.charCodeAt(i))) i++;
  return i;
}

/** The last sentence end in source[first, i) (-1: none); `stop` is where the folded text ends. */
function markBefore(source: string, first: number, stop: number, i: number): number {
  for (let k = i - 1; k >= first; k--) {
    const c = source.charCodeAt(k);
    if ((c === 46 || c === 33 || c === 63) && endsSentence(source, stop, k)) return k;
  }
  return -1;
}

/** Whether the mark at i is followed by `\s+["'“(]?[A-Z0-9]` or by `\s*$` in the folded text. */
function endsSentence(source: string, stop: number, i: number): boolean {
  let j = i + 1;
  while (j < stop && isWhiteSpace(source.charCodeAt(j))) j++;
  if (j === stop) return true;
  if (j === i + 1) return false;
  let c = source.charCodeAt(j);
  if (c === 34 || c === 39 || c === 0x201c || c === 40) {
    // Without the quote the capital would have to stand where the quote does.
    c = j + 1 < stop ? source.charCodeAt(j + 1) : -1;
  }
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}
