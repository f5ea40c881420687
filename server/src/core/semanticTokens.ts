/**
 * Semantic tokens: the parts of a letter a line-based grammar cannot see whole.
 * Item titles that wrap over lines, the outcome that decides each item (not
 * every "Upheld" in prose), and the chapter or part a citation names even when
 * a line break falls inside it. Tokens never span lines: a span over several
 * lines becomes one token per line, without the white space around it.
 *
 * Only standard token types, chosen so default themes colour them as the
 * TextMate grammar does: Upheld as `string` and Overturned as `number` (Dark+
 * and Light+ give these the colours of `markup.deleted` and `markup.inserted`),
 * cited chapters as `function` (`entity.name.function`), titles as `class`.
 */
import type { Analysis } from './index';
import type { GuidelineCitation, Span } from './model';
import { fold, spanOf } from './text';
import { odgChapterByName, type OdgChapter } from './guidelines';

export const SEMANTIC_TOKEN_TYPES = ['class', 'string', 'number', 'function'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'defaultLibrary'] as const;

export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

/** What each token stands for in a letter. */
export const TOKEN_ROLES = {
  itemTitle: { type: 'class', modifiers: ['declaration'] },
  upheld: { type: 'string', modifiers: [] },
  overturned: { type: 'number', modifiers: [] },
  /** An MTUS part or ACOEM chapter: part of the schedule itself. */
  mtusCitation: { type: 'function', modifiers: ['defaultLibrary'] },
  otherCitation: { type: 'function', modifiers: [] },
} as const satisfies Record<string, { type: SemanticTokenType; modifiers: readonly SemanticTokenModifier[] }>;

export type TokenRole = keyof typeof TOKEN_ROLES;

/** One token on one line, in absolute positions (the LSP module encodes them relative to each other). */
export interface SemanticToken {
  line: number;
  character: number;
  length: number;
  /** Index into SEMANTIC_TOKEN_TYPES. */
  type: number;
  /** Bit set over SEMANTIC_TOKEN_MODIFIERS: the protocol sends modifiers so. */
  modifiers: number;
  role: TokenRole;
}

const TYPE_INDEX = new Map<string, number>(SEMANTIC_TOKEN_TYPES.map((t, i) => [t, i]));
const MODIFIER_BIT = new Map<string, number>(SEMANTIC_TOKEN_MODIFIERS.map((m, i) => [m, 1 << i]));

/** An ODG chapter's spellings, anchored (sticky) so they match at a given offset. */
function odgSpellings(ch: OdgChapter): RegExp[] {
  return [...ch.strong, ...ch.weak].map((p) => new RegExp(p, 'iy'));
}

/**
 * The cited name inside a citation, in folded-text offsets: "Low Back Complaints 2004",
 * "Chapter 8 Neck and Upper Back Complaints", "Forearm, Wrist, and Hand Chapter".
 * Undefined when the citation names no known chapter (a URL, "online treatment guidelines").
 */
function citedName(c: GuidelineCitation, folded: string): [number, number] | undefined {
  const title = c.title;
  if (!title || !/[A-Za-z]/.test(title)) return undefined;
  const at = folded.indexOf(title);
  if (at < 0) return undefined;
  let from = at;
  let to = at + title.length;
  if (c.kind === 'acoem') {
    const chapter = /Chapter\s+\d{1,2}\s*,?\s*$/i.exec(folded.slice(0, at));
    if (chapter) from = chapter.index;
  } else if (c.kind === 'mtus') {
    const year = c.year !== undefined ? /^\s*,?\s*(?:19|20)\d\d/.exec(folded.slice(to)) : null;
    if (year) to += year[0].length;
  } else {
    const chapter = odgChapterByName(title);
    if (!chapter) return undefined;
    // The title as parsed may stop short ("Forearm" of "Forearm, Wrist, and Hand Chapter"): take the longest spelling.
    for (const re of odgSpellings(chapter)) {
      re.lastIndex = at;
      const m = re.exec(folded);
      if (m && at + m[0].length > to) to = at + m[0].length;
    }
    const word = /^\s+(?:Chapter|section)\b/i.exec(folded.slice(to));
    if (word) to += word[0].length;
  }
  return [from, to];
}

/** `citations: false` leaves out the cited chapters, as many as the fields (a document above the size limit). */
export function semanticTokens(analysis: Analysis, options: { citations?: boolean } = {}): SemanticToken[] {
  const { model, lines } = analysis;
  const withCitations = options.citations !== false;
  const text = model.text;
  const tokens: SemanticToken[] = [];

  /** One token per line the span covers, trimmed of white space on each line. */
  const add = (span: Span, role: TokenRole) => {
    const { type, modifiers } = TOKEN_ROLES[role];
    const typeIndex = TYPE_INDEX.get(type)!;
    let bits = 0;
    for (const m of modifiers) bits |= MODIFIER_BIT.get(m)!;
    let line = lines.positionAt(span.start).line;
    for (let from = span.start; from < span.end; line++) {
      const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
      const piece = text.slice(from, Math.min(span.end, next));
      const start = from + (piece.length - piece.trimStart().length);
      const end = from + piece.trimEnd().length;
      if (end > start) tokens.push({ line, character: start - lines.lineStart(line), length: end - start, type: typeIndex, modifiers: bits, role });
      if (next <= from) break;
      from = next;
    }
  };

  for (const item of model.items) {
    if (item.titleSpan.end > item.titleSpan.start) add(item.titleSpan, 'itemTitle');
    if (item.outcome && item.outcomeSpan) add(item.outcomeSpan, item.outcome === 'Upheld' ? 'upheld' : 'overturned');
    if (!withCitations) continue;
    for (const c of item.citations) {
      if (c.kind === 'other') continue;
      const f = fold(text, c.span.start, c.span.end);
      const name = citedName(c, f.text);
      if (name) add(spanOf(f, name[0], name[1]), c.mtus ? 'mtusCitation' : 'otherCitation');
    }
  }

  tokens.sort((a, b) => a.line - b.line || a.character - b.character);
  // Clients reject overlapping tokens: keep the first of any two that overlap.
  const out: SemanticToken[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (prev && prev.line === t.line && prev.character + prev.length > t.character) continue;
    out.push(t);
  }
  return out;
}
