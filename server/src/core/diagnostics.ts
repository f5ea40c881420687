/**
 * Runs every rule over one analysis and applies the user's settings: a rule
 * set to `ignore` does not run, others report at their configured severity.
 * Findings come back sorted by position.
 */
import type { Analysis } from './index';
import type { DiagnosticCode, Finding, Severity, ValidationSettings } from './types';
import type { Rule } from './rules/rule';
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
  const out: Finding[] = [];
  for (const rule of RULES) {
    const level = settings.rules[rule.code] ?? rule.defaultSeverity;
    if (level === 'ignore') continue;
    for (const f of rule.check(analysis)) {
      const finding: Finding = { code: rule.code, severity: level, message: f.message, range: analysis.lines.range(f.span) };
      if (f.related) finding.related = f.related.map((r) => ({ range: analysis.lines.range(r.span), message: r.message }));
      if (f.data !== undefined) finding.data = f.data;
      out.push(finding);
    }
  }
  return out.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.code.localeCompare(b.code),
  );
}
