/**
 * The conclusion of a decision rationale: whether it finds the item medically
 * necessary or not. Reads the last sentence that states a verdict, with its
 * negations ("is not medically necessary", "cannot be considered medically
 * necessary", "would not be supported", "has not been established").
 */
import type { Field, Span } from './model';
import { fold, spanOf, type FoldedText } from './text';

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

/** Sentences of folded text, as [from, to) pairs. */
function sentences(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /[.!?](?=\s+["'“(]?[A-Z0-9]|\s*$)/g;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    out.push([from, m.index + 1]);
    from = m.index + 1;
    while (from < s.length && s[from] === ' ') from++;
  }
  if (from < s.length) out.push([from, s.length]);
  return out;
}

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
  const { start, end } = rationale.valueSpan;
  if (end <= start) return undefined;
  // The verdict is stated at the end: read a short tail first, a longer one if that has none.
  for (const tail of TAILS) {
    if (end - start <= tail) return conclusionOf(rationale.folded);
    const found = conclusionOf(fold(source, end - tail, end));
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

function conclusionOf(f: FoldedText): Conclusion | undefined {
  const list = sentences(f.text);
  let read = 0;
  for (let k = list.length - 1; k >= 0 && read < 3; k--) {
    const [from, to] = list[k];
    const sentence = f.text.slice(from, to);
    if (DISCLAIMER_RE.test(sentence)) continue;
    read++;
    const verdict = verdictOf(sentence);
    if (verdict) return { verdict, span: spanOf(f, from, to), sentence };
  }
  return undefined;
}
