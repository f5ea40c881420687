/**
 * Limits: when a document is not checked at all, and the one notice that says
 * why. A document larger than the configured size gets a reduced outline (no
 * fields) and no checks; a document holding NUL characters is binary data, not a letter, and
 * gets no findings. Both are decided from the text alone, before any rule runs.
 */
import { hasNul } from './text';
import type { Range } from './types';

/** Default of `imrDetermination.maxDocumentSize`, in bytes of UTF-8. */
export const DEFAULT_MAX_DOCUMENT_SIZE = 5_000_000;

export type NoticeCode = 'document-too-large' | 'not-a-letter';

/** Stands in for all findings of a document that is not checked. */
export interface Notice {
  code: NoticeCode;
  severity: 'information';
  message: string;
  range: Range;
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * The UTF-8 size of `text` in bytes: one per UTF-16 unit, one more for every character from U+0080
 * (two bytes), two more from U+0800 (three bytes; a lone surrogate counts as U+FFFD, three bytes,
 * as encoders write it), and a character beyond U+FFFF (two units) four bytes in all.
 */
export function utf8Size(text: string): number {
  // Letters are nearly all ASCII: the characters beyond it are counted in what is left without it.
  // Each run of ASCII leaves a NUL, so that halves of a surrogate pair meet only where they did.
  const rest = text.replace(/[\0-\x7f]+/g, '\0');
  return text.length + unitsMatching(rest, /[\u0080-\u07ff]/g) + 2 * unitsMatching(rest, /[\u0800-\uffff]/gu) + unitsMatching(rest, /[\u{10000}-\u{10ffff}]/gu);
}

/** How many UTF-16 units of `text` the expression matches. */
function unitsMatching(text: string, re: RegExp): number {
  return text.length - text.replace(re, '').length;
}

/** `5000000` as `5,000,000`. */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A limit that is not a positive number of bytes means the default. */
export function effectiveMaxDocumentSize(limit: unknown): number {
  return typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? Math.floor(limit) : DEFAULT_MAX_DOCUMENT_SIZE;
}

/** The notice for a document above `maxBytes` bytes of UTF-8, else undefined. */
export function sizeNotice(text: string, maxBytes: number): Notice | undefined {
  const limit = effectiveMaxDocumentSize(maxBytes);
  // No UTF-16 unit takes more than three bytes: most documents are let through without counting.
  if (text.length * 3 <= limit) return undefined;
  const size = utf8Size(text);
  if (size <= limit) return undefined;
  return {
    code: 'document-too-large',
    severity: 'information',
    message: `This document is ${grouped(size)} bytes, above the imrDetermination.maxDocumentSize setting (${grouped(limit)} bytes): it is not checked, and only a reduced outline (sections and items, without fields) is shown.`,
    range: START,
  };
}

/** The notice for text holding NUL characters (binary data, not a letter), else undefined. */
export function contentNotice(text: string): Notice | undefined {
  // The parser's search: memchr over a one-byte text, where lastIndexOf loops over every character.
  if (!hasNul(text)) return undefined;
  return {
    code: 'not-a-letter',
    severity: 'information',
    message: 'This document contains NUL bytes: it is binary data, not a determination letter, and is not checked.',
    range: START,
  };
}

/** Why a document is not checked (size first, then content), or undefined when it is checked. */
export function documentNotice(text: string, maxBytes: number): Notice | undefined {
  return sizeNotice(text, maxBytes) ?? contentNotice(text);
}
