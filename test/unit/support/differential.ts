/**
 * Differential edits: a letter is edited through vscode-languageserver-textdocument's
 * TextDocument.update (incremental changes, as the server's document store
 * applies them), one language service answering after every version, and the
 * final answers (symbols, diagnostics, folding, code lenses, links, selection
 * ranges, hovers, semantic tokens and completions) must equal those of the final text opened fresh. A cache entry
 * of an older version that leaked into a newer answer shows up as a difference; so does one of an
 * older text under a version number the client sends again (`reusedVersionCaseArb`).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { createLanguageService, type LanguageService, type ValidationSettings } from '../../../server/src/core';
import { foldingRanges } from '../../../server/src/core/folding';
import { codeLenses } from '../../../server/src/core/codeLens';
import { documentLinks } from '../../../server/src/core/documentLinks';
import { selectionRanges } from '../../../server/src/core/selectionRanges';
import { hoverAt } from '../../../server/src/core/hover';
import { semanticTokens } from '../../../server/src/core/semanticTokens';
import { completions } from '../../../server/src/core/completion';
import { letterTexts, vocabularyText, anyText, HEADINGS, LABELS, OUTCOMES } from './arbitraries';
import { probeOffsets } from './wellFormed';

/** One change, in terms of the text at the moment it is applied (offsets are taken modulo its length). */
export type Change =
  | { kind: 'replace'; from: number; length: number; text: string }
  /** A position past the end of a line (clients may send one; the document clamps it). */
  | { kind: 'pastLineEnd'; line: number; text: string }
  | { kind: 'whole'; text: string };

/**
 * The version number a step's text gets: the next one (what clients send), the current one again,
 * 1 again, or 1 in a second didOpen of the open uri (a new document object). Numbers that come
 * again must not bring back answers of an older text.
 */
export type VersionChoice = 'next' | 'again' | 'one' | 'reopen';

/** One version: one or more changes sent in one didChange; `ask` says whether the service is asked about this version. */
export interface Step {
  changes: Change[];
  ask: boolean;
  /** Default 'next'. */
  version?: VersionChoice;
}

const insertion = fc.oneof(
  { arbitrary: fc.constant(''), weight: 3 },
  { arbitrary: fc.constantFrom('\n', '\r\n', ' ', 'x', ': Upheld', ': Overturned', ...HEADINGS.map((h) => `\n${h}\n`), ...LABELS.map((l) => `\n${l} `), ...OUTCOMES), weight: 4 },
  { arbitrary: vocabularyText, weight: 2 },
  { arbitrary: anyText, weight: 1 },
);

export const changeArb: fc.Arbitrary<Change> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), from: fc.nat(), length: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.nat({ max: 400 })), text: insertion }), weight: 12 },
  { arbitrary: fc.record({ kind: fc.constant('pastLineEnd' as const), line: fc.nat(), text: insertion }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('whole' as const), text: vocabularyText }), weight: 1 },
);

export const stepsArb: fc.Arbitrary<Step[]> = fc.array(
  fc.record({ changes: fc.array(changeArb, { minLength: 1, maxLength: 4 }), ask: fc.boolean() }),
  { minLength: 1, maxLength: 25 },
);

export interface EditCase {
  letter: number;
  steps: Step[];
}

export const editCaseArb: fc.Arbitrary<EditCase> = fc.record({ letter: fc.nat(), steps: stepsArb });

/** Edit sequences whose versions re-use numbers (and re-open the uri as version 1); every version is asked about, as editors do. */
export const reusedVersionCaseArb: fc.Arbitrary<EditCase> = fc.record({
  letter: fc.nat(),
  steps: fc.array(
    fc.record({
      changes: fc.array(changeArb, { minLength: 1, maxLength: 3 }),
      ask: fc.constant(true),
      version: fc.constantFrom<VersionChoice>('next', 'again', 'one', 'reopen'),
    }),
    { minLength: 1, maxLength: 12 },
  ),
});

/** The protocol change for `c` against the current document, and the same edit applied to a plain string. */
function toEvent(doc: TextDocument, text: string, c: Change): { event: TextDocumentContentChangeEvent; next: string } {
  if (c.kind === 'whole') return { event: { text: c.text }, next: c.text };
  if (c.kind === 'pastLineEnd') {
    const line = c.line % doc.lineCount;
    const position = { line, character: 1_000_000 };
    const offset = doc.offsetAt(position); // clamped to the end of the line's content
    return { event: { range: { start: position, end: position }, text: c.text }, next: text.slice(0, offset) + c.text + text.slice(offset) };
  }
  let from = text.length === 0 ? 0 : c.from % (text.length + 1);
  let to = Math.min(text.length, from + c.length);
  // Positions cannot name the point between \r and \n (TextDocument moves it before the \r): stay off it.
  if (text.charCodeAt(from - 1) === 13 && text.charCodeAt(from) === 10) from--;
  if (text.charCodeAt(to - 1) === 13 && text.charCodeAt(to) === 10) to++;
  return {
    event: { range: { start: doc.positionAt(from), end: doc.positionAt(to) }, text: c.text },
    next: text.slice(0, from) + c.text + text.slice(to),
  };
}

/** What the features answer for one document version, from the service's cached analysis as the server gets it. */
function answers(service: LanguageService, doc: TextDocument, settings: ValidationSettings): Record<string, unknown> {
  const analysis = service.analyse(doc);
  const positions = probeOffsets(analysis, 4, 3).map((o) => analysis.lines.positionAt(o));
  return {
    symbols: service.documentSymbols(doc),
    diagnostics: service.diagnostics(doc, settings),
    folding: foldingRanges(analysis),
    lenses: codeLenses(analysis),
    links: documentLinks(analysis),
    selections: selectionRanges(analysis, positions),
    hovers: positions.map((p) => hoverAt(analysis, p) ?? null),
    tokens: semanticTokens(analysis),
    completions: positions.map((p) => completions(analysis, p)),
  };
}

const DEFAULTS: ValidationSettings = { enabled: true, rules: {} };

/**
 * Runs one edit case and asserts that the edited document's answers equal a fresh
 * document's, after every version the service was asked about and at the end.
 * Returns the number of versions compared.
 */
export function checkEditCase(c: EditCase, baseText?: string): number {
  const uri = 'diff://letter';
  const initial = baseText ?? letterTexts()[c.letter % letterTexts().length].text;
  let doc = TextDocument.create(uri, 'imr-determination', 1, initial);
  const service = createLanguageService();
  let text = initial;
  let compared = 0;
  answers(service, doc, DEFAULTS); // version 1 is cached before the first edit
  c.steps.forEach((step, k) => {
    const events: TextDocumentContentChangeEvent[] = [];
    // Each change is computed against the document as the previous changes of the same didChange left it.
    const scratch = TextDocument.create(uri, 'imr-determination', 0, text);
    for (const change of step.changes) {
      const { event, next } = toEvent(scratch, text, change);
      events.push(event);
      TextDocument.update(scratch, [event], 0);
      text = next;
    }
    const choice = step.version ?? 'next';
    if (choice === 'reopen') doc = TextDocument.create(uri, 'imr-determination', 1, text);
    else TextDocument.update(doc, events, choice === 'next' ? doc.version + 1 : choice === 'again' ? doc.version : 1);
    assert.equal(doc.getText(), text, `step ${k}: the document's text is not the text the edits make`);
    if (step.ask || k === c.steps.length - 1) {
      const fresh = createLanguageService();
      const freshDoc = TextDocument.create(uri, 'imr-determination', doc.version, text);
      assert.deepEqual(answers(service, doc, DEFAULTS), answers(fresh, freshDoc, DEFAULTS), `step ${k} (version ${doc.version}): edited and fresh answers differ`);
      compared++;
    }
  });
  return compared;
}
