/**
 * What every kind of completion shares: the answer's shape, and the cursor (the line it is on and
 * the offset it stands at), with the small text tests the kinds make around it.
 */
import type { Position, Range } from '../types';
import type { LineIndex } from '../lineIndex';

/** Named after the LSP CompletionItemKind each maps to. */
export type CompletionKind = 'reference' | 'value' | 'enumMember' | 'snippet';

export interface CompletionEdit {
  /** Always on the cursor's line, ending at the cursor. */
  range: Range;
  newText: string;
}

export interface Completion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  sortText: string;
  filterText: string;
  edit: CompletionEdit;
  /** True when `edit.newText` is a snippet with tab stops. */
  snippet: boolean;
  preselect?: boolean;
  /** True when the text inserted ends where more suggestions belong (a `Section(s): ` list): an editor may open them at once. */
  suggestNext?: boolean;
}

export interface Cursor {
  readonly text: string;
  readonly lines: LineIndex;
  readonly line: number;
  readonly offset: number;
  readonly lineStart: number;
  readonly lineEnd: number;
}

/** Where the line holding `from` ends (before its \r or \n). */
export function endOfLine(text: string, from: number): number {
  const lineBreak = /[\r\n]/g;
  lineBreak.lastIndex = from;
  return lineBreak.exec(text)?.index ?? text.length;
}

export function cursorAt(text: string, lines: LineIndex, position: Position): Cursor {
  const line = Math.max(0, Math.min(position.line, lines.lineCount - 1));
  const lineStart = lines.lineStart(line);
  const lineEnd = endOfLine(text, lineStart);
  // Clients may send a column past the line's end: the cursor is then at the end.
  const offset = position.line >= lines.lineCount ? lineEnd : Math.min(lineStart + Math.max(0, position.character), lineEnd);
  return { text, lines, line, offset, lineStart, lineEnd };
}

/** Whether text[from, to) is all white space. */
export function blank(text: string, from: number, to: number): boolean {
  return !/\S/.test(text.slice(from, to));
}

/** The first offset from `from` on (before `to`) that is not white space. */
export function skipWhiteSpace(text: string, from: number, to: number): number {
  return from + /^\s*/.exec(text.slice(from, to))![0].length;
}

export function editAt(cur: Cursor, start: number, newText: string): CompletionEdit {
  return { range: { start: cur.lines.positionAt(start), end: cur.lines.positionAt(cur.offset) }, newText };
}

/** A space before inserted text that would otherwise touch the character before it ("guideline:Decision"). */
export function spaced(cur: Cursor, start: number, newText: string): string {
  return start > cur.lineStart && /\S/.test(cur.text[start - 1]) ? ' ' + newText : newText;
}

/** White space runs as one space, to compare what was typed with what is offered. */
export const fold = (s: string) => s.replace(/\s+/g, ' ');

/** A sort key's number, zero-padded so that keys sort as text in the order of their numbers. */
export const pad = (n: number) => String(n).padStart(3, '0');
