/**
 * Checks that everything the core answers for one text is well formed, judged
 * against a line table built here, independently of the core's LineIndex, and
 * against vscode-languageserver-textdocument, the LSP's own reference:
 *
 * - every span of the model lies inside the text;
 * - every range any feature returns has its lines and columns inside the
 *   document (a column never past its line's content) and start <= end;
 * - outline: selection inside range, children inside parents, siblings in order;
 * - diagnostics: sorted by start, known codes and severities, related ranges valid;
 * - quick fixes for each finding: edits inside the document, not overlapping,
 *   and the edited text analyses again;
 * - folding ranges: inside the document, sorted, one per start line, nested or disjoint;
 * - selection ranges at sample positions: each level strictly inside the next, the last the whole document;
 * - hovers at sample positions: a range around the position and some text;
 * - code lenses and document links: valid ranges, titles, https targets;
 * - semantic tokens: inside their lines, sorted, not overlapping, known types and modifiers;
 * - completions at sample positions: edits on the cursor's line ending at the cursor;
 * - the letter summary: one row per item;
 * - the JSON extract and the limits notices;
 * - LineIndex agrees with TextDocument.positionAt / offsetAt.
 *
 * A violation throws an AssertionError naming what broke; the callers (property
 * tests, `npm run fuzz`) turn that into a reproducible counterexample.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyseText,
  looksLikeDetermination,
  outlineRanges,
  quickFixes,
  type Analysis,
  type Finding,
  type OutlineSymbol,
  type Position,
  type Range,
  type Span,
  type ValidationSettings,
} from '../../../server/src/core';
import { computeDiagnostics, RULES } from '../../../server/src/core/diagnostics';
import { documentSymbols } from '../../../server/src/core/symbols';
import { extractLetter } from '../../../server/src/core/extract';
import { contentNotice, documentNotice, sizeNotice } from '../../../server/src/core/limits';
import { foldingRanges } from '../../../server/src/core/folding';
import { selectionRanges } from '../../../server/src/core/selectionRanges';
import { hoverAt } from '../../../server/src/core/hover';
import { codeLensAnchors, codeLenses, codeLensTitle } from '../../../server/src/core/codeLens';
import { documentLinks } from '../../../server/src/core/documentLinks';
import { semanticTokens, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../../../server/src/core/semanticTokens';
import { completions } from '../../../server/src/core/completion';
import { itemSummaries, letterSummaryMarkdown } from '../../../server/src/core/summary';

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);
const CODES = new Set<string>(RULES.map((r) => r.code));

/** Line table of the LSP: \r\n, \n and \r each end a line; `content[i]` excludes the line end. */
export class Lines {
  readonly starts: number[] = [0];
  readonly contentEnds: number[] = [];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 || c === 10) {
        this.contentEnds.push(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
    this.contentEnds.push(text.length);
  }
  get count(): number {
    return this.starts.length;
  }
  lineLength(line: number): number {
    return this.contentEnds[line] - this.starts[line];
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function isNat(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

export function assertPosition(lines: Lines, p: Position, what: string): void {
  assert.ok(p && isNat(p.line) && isNat(p.character), `${what}: not a position: ${JSON.stringify(p)}`);
  assert.ok(p.line < lines.count, `${what}: line ${p.line} past the last line (${lines.count - 1})`);
  assert.ok(p.character <= lines.lineLength(p.line), `${what}: column ${p.character} past the end of line ${p.line} (length ${lines.lineLength(p.line)})`);
}

export function assertRange(lines: Lines, r: Range, what: string): void {
  assert.ok(r && typeof r === 'object', `${what}: not a range: ${JSON.stringify(r)}`);
  assertPosition(lines, r.start, `${what} (start)`);
  assertPosition(lines, r.end, `${what} (end)`);
  assert.ok(comparePositions(r.start, r.end) <= 0, `${what}: starts after it ends: ${JSON.stringify(r)}`);
}

export function rangeInside(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

function assertSpan(text: string, s: Span | undefined, what: string): void {
  if (s === undefined) return;
  assert.ok(isNat(s.start) && isNat(s.end) && s.start <= s.end && s.end <= text.length, `${what}: span ${JSON.stringify(s)} outside a text of ${text.length}`);
}

/** Every span of the model lies inside the text. */
export function assertModelSpans(analysis: Analysis): void {
  const { model } = analysis;
  const text = model.text;
  assertSpan(text, model.header.span, 'header');
  for (const [key, fact] of Object.entries(model.header)) {
    if (key === 'span' || !fact || !('span' in fact)) continue;
    const f = fact as { span: Span; labelSpan?: Span };
    assertSpan(text, f.span, `header ${key}`);
    assertSpan(text, f.labelSpan, `header ${key} label`);
  }
  for (const s of model.sections) {
    assertSpan(text, s.span, `section ${s.kind}`);
    assertSpan(text, s.headingSpan, `heading of ${s.kind}`);
  }
  assertSpan(text, model.issuesLeadIn, 'issues lead-in');
  for (const p of model.problems) assertSpan(text, p.span, 'parse problem');
  for (const item of model.items) {
    const what = `item ${item.index}`;
    assertSpan(text, item.span, what);
    assertSpan(text, item.titleSpan, `${what} title`);
    assertSpan(text, item.outcomeSpan, `${what} outcome`);
    for (const f of item.fieldList) {
      assertSpan(text, f.span, `${what} field ${f.kind}`);
      assertSpan(text, f.labelSpan, `${what} label ${f.kind}`);
      assertSpan(text, f.valueSpan, `${what} value ${f.kind}`);
    }
    for (const c of item.citations) assertSpan(text, c.span, `${what} citation`);
  }
}

/** An outline symbol as a client gets it: its spans as LSP ranges. */
export interface RangedSymbol {
  name: string;
  range: Range;
  selectionRange: Range;
  children: RangedSymbol[];
}

/** The outline in positions, converted as the LSP adapter converts it. */
export function rangedOutline(analysis: Analysis, symbols: OutlineSymbol[]): RangedSymbol[] {
  return outlineRanges(symbols, analysis.lines, (s, range, selectionRange, children: RangedSymbol[]) => ({ name: s.name, range, selectionRange, children }));
}

function spanInside(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * The outline: spans inside the text, selection inside span, children inside parents, siblings in
 * document order; and the same of its ranges (valid positions) once converted for the protocol.
 */
export function assertOutline(lines: Lines, analysis: Analysis, symbols: OutlineSymbol[]): void {
  assertOutlineSpans(lines.text, symbols);
  assertOutlineRanges(lines, rangedOutline(analysis, symbols));
}

function assertOutlineSpans(text: string, symbols: OutlineSymbol[], parent?: OutlineSymbol): void {
  let previous: OutlineSymbol | undefined;
  for (const s of symbols) {
    const what = `symbol "${s.name}"`;
    assert.ok(typeof s.name === 'string' && s.name.trim().length > 0, `${what}: empty name`);
    assertSpan(text, s.span, `${what} span`);
    assertSpan(text, s.selectionSpan, `${what} selectionSpan`);
    assert.ok(spanInside(s.span, s.selectionSpan), `${what}: selection ${JSON.stringify(s.selectionSpan)} outside span ${JSON.stringify(s.span)}`);
    if (parent) assert.ok(spanInside(parent.span, s.span), `${what}: outside its parent "${parent.name}"`);
    if (previous) assert.ok(previous.span.start <= s.span.start, `${what}: before its previous sibling "${previous.name}"`);
    assertOutlineSpans(text, s.children, s);
    previous = s;
  }
}

function assertOutlineRanges(lines: Lines, symbols: RangedSymbol[], parent?: RangedSymbol): void {
  let previous: RangedSymbol | undefined;
  for (const s of symbols) {
    const what = `symbol "${s.name}"`;
    assert.ok(typeof s.name === 'string' && s.name.trim().length > 0, `${what}: empty name`);
    assertRange(lines, s.range, `${what} range`);
    assertRange(lines, s.selectionRange, `${what} selectionRange`);
    assert.ok(rangeInside(s.range, s.selectionRange), `${what}: selection ${JSON.stringify(s.selectionRange)} outside range ${JSON.stringify(s.range)}`);
    if (parent) assert.ok(rangeInside(parent.range, s.range), `${what}: outside its parent "${parent.name}"`);
    if (previous) assert.ok(comparePositions(previous.range.start, s.range.start) <= 0, `${what}: before its previous sibling "${previous.name}"`);
    assertOutlineRanges(lines, s.children, s);
    previous = s;
  }
}

export function assertFindings(lines: Lines, findings: Finding[], settings: ValidationSettings = { enabled: true, rules: {} }): void {
  for (let k = 0; k < findings.length; k++) {
    const f = findings[k];
    const what = `finding ${k} (${f.code})`;
    assert.ok(CODES.has(f.code), `${what}: unknown code`);
    assert.ok(SEVERITIES.has(f.severity), `${what}: unknown severity ${f.severity}`);
    assert.ok(typeof f.message === 'string' && f.message.length > 0, `${what}: empty message`);
    assertRange(lines, f.range, what);
    for (const r of f.related ?? []) assertRange(lines, r.range, `${what} related`);
    if (k > 0) assert.ok(comparePositions(findings[k - 1].range.start, f.range.start) <= 0, `${what}: findings not sorted by start`);
    const level = settings.rules[f.code];
    assert.notEqual(level, 'ignore', `${what}: reported although set to ignore`);
    if (level) assert.equal(f.severity, level, `${what}: severity other than the configured level`);
  }
  if (!settings.enabled) assert.equal(findings.length, 0, 'findings although validation is disabled');
}

/** Quick fixes of one finding: valid, non-overlapping edits that apply to the document. */
export function assertQuickFixes(analysis: Analysis, lines: Lines, finding: Finding, doc: TextDocument, deep: boolean): void {
  const fixes = quickFixes(analysis, { code: finding.code, range: finding.range, data: finding.data });
  for (const fix of fixes) {
    const what = `quick fix "${fix.title}" for ${finding.code}`;
    assert.ok(fix.title.length > 0, `${what}: empty title`);
    assert.ok(fix.edits.length > 0, `${what}: no edits`);
    const sorted = [...fix.edits].sort((a, b) => comparePositions(a.range.start, b.range.start));
    for (let k = 0; k < sorted.length; k++) {
      assertRange(lines, sorted[k].range, `${what} edit ${k}`);
      assert.equal(typeof sorted[k].newText, 'string', `${what} edit ${k}: newText`);
      if (k > 0) assert.ok(comparePositions(sorted[k - 1].range.end, sorted[k].range.start) <= 0, `${what}: overlapping edits`);
    }
    const edited = TextDocument.applyEdits(doc, fix.edits);
    // The fixed text is a document like any other: its analysis must be well formed too (one level deep).
    if (deep) checkText(edited, { quickFixes: false });
  }
}

/** Any object shaped like a range, anywhere in a JSON-like value, is a valid range of the document. */
export function assertAllRanges(lines: Lines, value: unknown, what: string): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertAllRanges(lines, v, `${what}[${i}]`));
    return;
  }
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (o.start && o.end && typeof o.start === 'object' && 'line' in (o.start as object)) {
    assertRange(lines, o as unknown as Range, what);
    return;
  }
  for (const [k, v] of Object.entries(o)) assertAllRanges(lines, v, `${what}.${k}`);
}

/** LineIndex and TextDocument agree on positions and offsets (at the model's span ends and a few more). */
export function assertLineIndexAgrees(analysis: Analysis, doc: TextDocument, offsets: number[]): void {
  const text = analysis.model.text;
  for (const o of offsets) {
    // Between \r and \n TextDocument moves the position before the \r, LineIndex does not: such an offset is
    // no place for a span boundary, and a range ending there is caught as a column past its line's content.
    if (text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) continue;
    const mine = analysis.lines.positionAt(o);
    const theirs = doc.positionAt(o);
    assert.deepEqual(mine, theirs, `positionAt(${o}): LineIndex ${JSON.stringify(mine)}, TextDocument ${JSON.stringify(theirs)}`);
    assert.equal(analysis.lines.offsetAt(theirs), doc.offsetAt(theirs), `offsetAt(${JSON.stringify(theirs)})`);
  }
}

/** Folding ranges: lines inside the document, start before end, sorted, one per start line, nested or disjoint. */
export function assertFolding(lines: Lines, analysis: Analysis): void {
  const folds = foldingRanges(analysis);
  const open: Array<{ startLine: number; endLine: number }> = [];
  folds.forEach((f, k) => {
    const what = `folding range ${k} (${f.startLine}-${f.endLine})`;
    assert.ok(isNat(f.startLine) && isNat(f.endLine), `${what}: not line numbers`);
    assert.ok(f.startLine < f.endLine, `${what}: folds no line`);
    assert.ok(f.endLine < lines.count, `${what}: past the last line ${lines.count - 1}`);
    if (k > 0) assert.ok(folds[k - 1].startLine < f.startLine, `${what}: not after the previous range's start line ${folds[k - 1].startLine}`);
    while (open.length > 0 && open[open.length - 1].endLine < f.startLine) open.pop();
    const parent = open[open.length - 1];
    if (parent) assert.ok(f.endLine <= parent.endLine, `${what}: crosses ${parent.startLine}-${parent.endLine}`);
    open.push(f);
  });
}

/** Offsets worth probing: each item's title, outcome and first citation, and a spread over the text. */
export function probeOffsets(analysis: Analysis, spread = 6, maxItems = 8): number[] {
  const { model } = analysis;
  const out: number[] = [];
  for (let k = 0; k <= spread; k++) out.push(Math.floor((model.text.length * k) / spread));
  for (const item of model.items.slice(0, maxItems)) {
    out.push(item.titleSpan.start, item.span.end);
    if (item.outcomeSpan) out.push(item.outcomeSpan.start + 1);
    if (item.citations[0]) out.push(item.citations[0].span.start);
  }
  // No client names the point between \r and \n (TextDocument moves it before the \r): step back from it.
  const text = model.text;
  return out.filter((o) => o >= 0 && o <= text.length).map((o) => (text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10 ? o - 1 : o));
}

/** Selection ranges and hovers at the given offsets. */
export function assertPositionFeatures(lines: Lines, analysis: Analysis, offsets: number[]): void {
  const positions = offsets.map((o) => analysis.lines.positionAt(o));
  const whole = { start: { line: 0, character: 0 }, end: analysis.lines.positionAt(analysis.model.text.length) };
  selectionRanges(analysis, positions).forEach((chain, k) => {
    const what = `selection ranges at ${JSON.stringify(positions[k])}`;
    assert.ok(chain.length > 0, `${what}: none`);
    chain.forEach((r, i) => {
      assertRange(lines, r, `${what} level ${i}`);
      if (i === 0) assert.ok(rangeInside(r, { start: positions[k], end: positions[k] }), `${what}: the innermost range misses the position`);
      else {
        assert.ok(rangeInside(r, chain[i - 1]), `${what}: level ${i} does not contain level ${i - 1}`);
        assert.notDeepEqual(r, chain[i - 1], `${what}: level ${i} equals level ${i - 1}`);
      }
    });
    assert.deepEqual(chain[chain.length - 1], whole, `${what}: the outermost range is not the whole document`);
  });
  for (const p of positions) {
    const hover = hoverAt(analysis, p);
    if (!hover) continue;
    const what = `hover at ${JSON.stringify(p)}`;
    assertRange(lines, hover.range, what);
    assert.ok(rangeInside(hover.range, { start: p, end: p }), `${what}: its range ${JSON.stringify(hover.range)} misses the position`);
    assert.ok(typeof hover.contents === 'string' && hover.contents.trim().length > 0, `${what}: no text`);
  }
}

/** Code lenses (with and without titles) and document links. */
export function assertLensesAndLinks(lines: Lines, analysis: Analysis): void {
  const anchors = codeLensAnchors(analysis);
  anchors.forEach((a, k) => {
    assertRange(lines, a.range, `code lens anchor ${k}`);
    const title = codeLensTitle(analysis, a.target);
    assert.ok(typeof title === 'string' && title.length > 0, `code lens ${k}: no title for ${JSON.stringify(a.target)}`);
  });
  assert.equal(codeLenses(analysis).length, anchors.length, 'code lenses and their anchors');
  const links = documentLinks(analysis);
  links.forEach((l, k) => {
    assertRange(lines, l.range, `document link ${k}`);
    assert.match(l.target, /^https?:\/\/\S+$/, `document link ${k}: target`);
    if (k > 0) assert.ok(comparePositions(links[k - 1].range.end, l.range.start) <= 0, `document link ${k}: overlaps the previous one`);
  });
}

/** Semantic tokens: each inside its line's content, in order, not overlapping, of a known type. */
export function assertSemanticTokens(lines: Lines, analysis: Analysis): void {
  const tokens = semanticTokens(analysis);
  const allModifiers = (1 << SEMANTIC_TOKEN_MODIFIERS.length) - 1;
  tokens.forEach((t, k) => {
    const what = `semantic token ${k} (${t.role} at ${t.line}:${t.character}+${t.length})`;
    assert.ok(isNat(t.line) && isNat(t.character) && isNat(t.length) && t.length > 0, `${what}: not a token`);
    assert.ok(t.line < lines.count && t.character + t.length <= lines.lineLength(t.line), `${what}: outside its line`);
    assert.ok(isNat(t.type) && t.type < SEMANTIC_TOKEN_TYPES.length, `${what}: unknown type ${t.type}`);
    assert.ok(isNat(t.modifiers) && (t.modifiers & ~allModifiers) === 0, `${what}: unknown modifiers ${t.modifiers}`);
    if (k > 0) {
      const p = tokens[k - 1];
      assert.ok(p.line < t.line || (p.line === t.line && p.character + p.length <= t.character), `${what}: before or over the previous token`);
    }
  });
}

/** Completions at the given offsets: labels, and edits on the cursor's line that end at the cursor. */
export function assertCompletions(lines: Lines, analysis: Analysis, offsets: number[]): void {
  for (const o of offsets) {
    const p = analysis.lines.positionAt(o);
    for (const c of completions(analysis, p)) {
      const what = `completion "${c.label}" at ${JSON.stringify(p)}`;
      assert.ok(c.label.length > 0 && typeof c.sortText === 'string' && typeof c.filterText === 'string', `${what}: label, sortText, filterText`);
      assertRange(lines, c.edit.range, what);
      assert.equal(c.edit.range.start.line, p.line, `${what}: the edit starts on another line`);
      assert.deepEqual(c.edit.range.end, p, `${what}: the edit does not end at the cursor`);
      assert.equal(typeof c.edit.newText, 'string', `${what}: newText`);
    }
  }
}

export interface CheckOptions {
  settings?: ValidationSettings;
  /** Run quick fixes for each finding (default true) and re-check each fixed text (default false). */
  quickFixes?: boolean;
  deepFixes?: boolean;
  /** For the limits check: a size limit to compare against (default: the text's own UTF-8 size, either side). */
  maxDocumentSize?: number;
}

export interface CheckResult {
  analysis: Analysis;
  symbols: OutlineSymbol[];
  findings: Finding[];
}

/** Runs the parser and every feature of the core on `text` and checks every answer; throws on the first violation. */
export function checkText(text: string, options: CheckOptions = {}): CheckResult {
  const settings = options.settings ?? { enabled: true, rules: {} };
  const analysis = analyseText('check://doc', 1, text);
  assert.equal(analysis.model.text, text, 'the model holds the text it was given');
  const lines = new Lines(text);
  assert.equal(analysis.lines.lineCount, lines.count, 'LineIndex line count');
  const doc = TextDocument.create('check://doc', 'imr-determination', 1, text);
  assertModelSpans(analysis);

  const probe = [0, text.length, text.length >> 1];
  for (const item of analysis.model.items.slice(0, 20)) probe.push(item.span.start, item.span.end, item.titleSpan.end);
  assertLineIndexAgrees(analysis, doc, probe);

  const symbols = documentSymbols(analysis);
  assertOutline(lines, analysis, symbols);

  const findings = computeDiagnostics(analysis, settings);
  assertFindings(lines, findings, settings);
  if (options.quickFixes !== false) {
    for (const f of findings) assertQuickFixes(analysis, lines, f, doc, options.deepFixes === true);
  }

  assertFolding(lines, analysis);
  assertPositionFeatures(lines, analysis, probeOffsets(analysis));
  assertLensesAndLinks(lines, analysis);
  assertSemanticTokens(lines, analysis);
  assertCompletions(lines, analysis, probeOffsets(analysis, 3, 3));
  assert.equal(itemSummaries(analysis.model).length, analysis.model.items.length, 'one summary row per item');
  assert.equal(typeof letterSummaryMarkdown(analysis.model), 'string');

  assertAllRanges(lines, extractLetter('check://doc', analysis), 'extract');
  assert.equal(typeof looksLikeDetermination(text), 'boolean');

  const bytes = Buffer.byteLength(text, 'utf8');
  const limit = options.maxDocumentSize ?? bytes;
  assert.equal(sizeNotice(text, limit) !== undefined, bytes > limit, `size notice at limit ${limit} for ${bytes} bytes`);
  if (bytes > 1) assert.ok(sizeNotice(text, bytes - 1), `no size notice one byte below ${bytes}`);
  assert.equal(contentNotice(text) !== undefined, text.includes('\u0000'), 'not-a-letter notice iff NUL');
  const notice = documentNotice(text, Math.max(1, limit));
  if (notice) assertRange(lines, notice.range, `${notice.code} notice`);

  return { analysis, symbols, findings };
}
