/**
 * The conclusion of a decision rationale: whether it finds the item medically
 * necessary or not. Reads the last sentence that states a verdict, with its
 * negations ("is not medically necessary", "cannot be considered medically
 * necessary", "would not be supported", "has not been established").
 */
import type { Field, Span } from './model';
import { fold, foldedText, isWhiteSpace, spanOf } from './text';

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
const NEGATED_VERDICT_RE = /\b(?:not\s+medically\s+necessary|unnecessary|non-?certified|not\s+certified)\b/i;

function verdictOf(sentence: string): Verdict | undefined {
  let last: RegExpExecArray | undefined;
  VERDICT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = VERDICT_RE.exec(sentence)) !== null) last = m;
  if (!last) return undefined;
  // Negation inside the verdict phrase or in the few words before it.
  const before = sentence.slice(Math.max(0, last.index - 40), last.index);
  const window = before.split(/[,;:]/).pop() ?? '';
  const negated = NEGATION_RE.test(last[0]) || NEGATED_VERDICT_RE.test(last[0]) || NEGATION_RE.test(window);
  return negated ? 'not-necessary' : 'necessary';
}

export function rationaleConclusion(source: string, rationale: Field): Conclusion | undefined {
  const found = locateConclusion(source, rationale);
  if (!found) return undefined;
  const { start, end } = rationale.valueSpan;
  const f = found.foldFrom === start ? rationale.folded : fold(source, found.foldFrom, end);
  return { verdict: found.verdict, span: spanOf(f, found.from, found.to), sentence: f.text.slice(found.from, found.to) };
}

/** rationaleConclusion(source, rationale)?.verdict, without working out the sentence's place in the source. */
export function rationaleVerdict(source: string, rationale: Field): Verdict | undefined {
  return locateConclusion(source, rationale)?.verdict;
}

/** A conclusion as found: the verdict and its sentence, [from, to) in the folding of [foldFrom, the rationale's end). */
interface Located {
  readonly verdict: Verdict;
  readonly foldFrom: number;
  readonly from: number;
  readonly to: number;
}

function locateConclusion(source: string, rationale: Field): Located | undefined {
  const { start, end } = rationale.valueSpan;
  if (end <= start) return undefined;
  // The verdict is stated at the end: read a short tail first, a longer one if that has none.
  for (const tail of TAILS) {
    if (end - start <= tail) return conclusionNear(source, start, end);
    const found = conclusionNear(source, end - tail, end);
    if (found) return found;
  }
  return undefined;
}

/** How much of a rationale's end is read for its conclusion, in characters. */
const TAILS = [400, 1500];

/** How much of the end conclusionNear folds first, in characters. */
const NEAR = 240;

/**
 * The conclusion in the folding of source[from, end), found if possible from a folding of only
 * the last NEAR characters. Folding from a point whose character is not white space gives exactly
 * the end of the longer folding, with the same source offsets, and sentence ends are found by
 * looking ahead only, so every sentence after the short folding's first (cut) sentence is a
 * sentence of the longer folding too. The short folding settles the answer when it does so before
 * reaching that cut sentence.
 */
function conclusionNear(source: string, from: number, end: number): Located | undefined {
  let near = end - NEAR;
  if (near > from) {
    while (near < end && isFoldedSpace(source.charCodeAt(near))) near++;
    if (near < end) {
      const found = conclusionOf(foldedText(source, near, end), true);
      if (found !== UNSETTLED) return found && { ...found, foldFrom: near };
    }
  }
  const found = conclusionOf(foldedText(source, from, end), false);
  return found && found !== UNSETTLED ? { ...found, foldFrom: from } : undefined;
}

/** The white space fold() trims and folds. */
function isFoldedSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
}

/** conclusionOf's answer when the text's first sentence is cut and would have to be read. */
const UNSETTLED = 'unsettled';

/**
 * Boilerplate some letters add after the verdict (the opioid tapering notice): not a conclusion,
 * and not counted among the last sentences.
 */
const DISCLAIMER_RE =
  /should\s+not\s+be\s+interpreted|advised\s+to\s+(?:consult|speak)|This\s+decision\s+addresses|method\s+for\s+weaning|stop\s+long-term\s+opioids/i;

/**
 * The verdict of the last of the last three sentences of folded text `s` that states one
 * (disclaimers are skipped and not counted), with that sentence's [from, to). `cut`: the text's
 * first sentence is cut, and having to read it leaves the answer UNSETTLED.
 *
 * Sentences end at ".", "!" or "?" followed by white space and a capital or digit (perhaps after
 * an opening quote or parenthesis), or by nothing but white space; the next one starts after the
 * spaces that follow. They are read from the end, so the text before is never split.
 */
function conclusionOf(s: string, cut: boolean): { verdict: Verdict; from: number; to: number } | undefined | typeof UNSETTLED {
  const n = s.length;
  let read = 0;
  let boundary = previousSentenceEnd(s, n - 1);
  // A last sentence without an end mark.
  let from = boundary < 0 ? 0 : afterSpaces(s, boundary + 1);
  let to = n;
  if (from >= n) {
    // The text ends with a sentence end: the last sentence is the one it closes.
    to = boundary + 1;
    boundary = previousSentenceEnd(s, boundary - 1);
    from = boundary < 0 ? 0 : afterSpaces(s, boundary + 1);
  }
  while (to > 0 && read < 3) {
    if (cut && boundary < 0) return UNSETTLED;
    const sentence = s.slice(from, to);
    if (!DISCLAIMER_RE.test(sentence)) {
      read++;
      const verdict = verdictOf(sentence);
      if (verdict) return { verdict, from, to };
    }
    if (boundary < 0) break;
    to = boundary + 1;
    boundary = previousSentenceEnd(s, boundary - 1);
    from = boundary < 0 ? 0 : afterSpaces(s, boundary + 1);
  }
  return undefined;
}

/** The first index at or after i that is not a space (U+0020). */
function afterSpaces(s: string, i: number): number {
  while (i < s.length && s.charCodeAt(i) === 32) i++;
  return i;
}

/** The last sentence end at or before i, or -1. */
function previousSentenceEnd(s: string, i: number): number {
  for (; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if ((c === 46 || c === 33 || c === 63) && endsSentence(s, i)) return i;
  }
  return -1;
}

/** Whether the ".", "!" or "?" at i ends a sentence: it is followed by `\s+["'“(]?[A-Z0-9]` or by `\s*$`. */
function endsSentence(s: string, i: number): boolean {
  let j = i + 1;
  while (j < s.length && isWhiteSpace(s.charCodeAt(j))) j++;
  if (j === s.length) return true;
  if (j === i + 1) return false;
  let c = s.charCodeAt(j);
  if (c === 34 || c === 39 || c === 0x201c || c === 40) {
    // Without the quote the capital would have to stand where the quote does.
    c = s.charCodeAt(j + 1);
  }
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}
