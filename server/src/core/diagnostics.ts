/**
 * Runs every rule over one analysis and applies the user's settings: a rule
 * set to `ignore` does not run, others report at their configured severity.
 * Findings come back sorted by position.
 */
import type { Analysis } from './index';
import type { DiagnosticCode, Finding, RelatedInformation, Severity, ValidationSettings } from './types';
import type { Rule } from './rules/rule';
import type { Span } from './model';
import { missingSection } from './rules/missingSection';
import { missingField } from './rules/missingField';
import { missingOutcome } from './rules/missingOutcome';
import { noItems } from './rules/noItems';
import { chapterMismatch } from './rules/chapterMismatch';
import { outcomeContradiction } from './rules/outcomeContradiction';
import { chapterTitleMismatch } from './rules/chapterTitleMismatch';
import { pageOutOfRange } from './rules/pageOutOfRange';
import { mtusBasisContradiction } from './rules/mtusBasisContradiction';
import { duplicateItem } from './rules/duplicateItem';

export const RULES: readonly Rule[] = [
  missingSection,
  noItems,
  missingOutcome,
  missingField,
  duplicateItem,
  chapterMismatch,
  chapterTitleMismatch,
  pageOutOfRange,
  outcomeContradiction,
  mtusBasisContradiction,
];

export function defaultSeverity(code: DiagnosticCode): Severity {
  return RULES.find((r) => r.code === code)?.defaultSeverity ?? 'warning';
}

export function computeDiagnostics(analysis: Analysis, settings: ValidationSettings): Finding[] {
  if (!settings.enabled) return [];
  const lines = analysis.lines;
  const text = analysis.model.text;
  const out: Finding[] = [];
  for (const rule of RULES) {
    const level = settings.rules[rule.code] ?? rule.defaultSeverity;
    if (level === 'ignore') continue;
    for (const f of rule.check(analysis)) {
      const finding: Finding = { code: rule.code, severity: level, message: f.message, range: lines.range(drawnSpan(text, f.span)) };
      if (f.related) {
        const related: RelatedInformation[] = [];
        for (const r of f.related) related.push({ range: lines.range(r.span), message: r.message });
        finding.related = related;
      }
      if (f.data !== undefined) finding.data = f.data;
      out.push(finding);
    }
  }
  return sortByPosition(out);
}

/**
 * Where a finding is drawn: its span up to the last character of text before the first empty line
 * it would cross, and never ending in white space. An editor draws a squiggle on every line a range
 * covers, and an empty line under a squiggle looks like a fault of its own (older letters put an
 * empty line after every line of text, so a two-line citation crosses one).
 */
function drawnSpan(text: string, span: Span): Span {
  // Searched within the span only: a search running on past it would cost a pass over the text per finding.
  const covered = text.slice(span.start, span.end);
  const empty = EMPTY_LINE_RE.exec(covered);
  const upTo = empty && empty.index + empty[0].length < covered.length ? empty.index : covered.length;
  const end = span.start + covered.slice(0, upTo).trimEnd().length;
  return end === span.end ? span : { start: span.start, end };
}

/** A line break followed by a line holding nothing but spaces (up to the next break). */
const EMPTY_LINE_RE = /(?:\r\n|\n|\r)[^\S\r\n]*(?=\r\n|\n|\r)/;

/**
 * The findings ordered by start line, then column, then code; findings equal in all three keep
 * their order (the sort is stable). Codes are lower-case words joined by hyphens, so plain string
 * order is also the order a collator gives them (and asking the runtime's collator would cost its
 * set-up, some milliseconds, on the first letter a server checks: the 8 KB open budget).
 */
function sortByPosition(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || compareCodes(a.code, b.code),
  );
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
