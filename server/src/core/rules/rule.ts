import type { Analysis } from '../index';
import type { Span } from '../model';
import type { DiagnosticCode, Severity } from '../types';

/** What a rule reports, in model offsets; the driver turns spans into ranges and applies settings. */
export interface RuleFinding {
  span: Span;
  message: string;
  related?: Array<{ span: Span; message: string }>;
  data?: unknown;
}

export interface Rule {
  readonly code: DiagnosticCode;
  readonly defaultSeverity: Severity;
  check(analysis: Analysis): RuleFinding[];
}

/** A quoted, shortened item title for messages. */
export function quoteTitle(title: string): string {
  const t = title.length > 70 ? title.slice(0, 69).trimEnd() + '…' : title;
  return t ? `"${t}"` : 'an untitled item';
}
