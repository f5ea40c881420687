/**
 * The language service facade: one object per process (or per workspace) that
 * parses each document version once and answers every feature from that model.
 * Nothing here knows about LSP transports, VS Code or Node.
 */
import type { Determination } from './model';
import type { Finding, OutlineSymbol, ValidationSettings } from './types';
import { DEFAULT_VALIDATION } from './types';
import { parseWithLineStarts } from './parser';
import { LineIndex } from './lineIndex';
import { documentSymbols } from './symbols';
import { computeDiagnostics } from './diagnostics';

export * from './model';
export * from './types';
export { looksLikeDetermination } from './detect';
export { parseDetermination } from './parser';
export { LineIndex } from './lineIndex';
export { outlineRanges } from './symbols';
export { quickFixes, type QuickFix, type TextEdit, type FindingRef } from './quickFixes';

/** The least a document must offer: vscode-languageserver-textdocument's TextDocument satisfies it. */
export interface TextSource {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** One parsed document version: the model and the index that turns offsets into positions. */
export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly model: Determination;
  readonly lines: LineIndex;
}

export interface LanguageService {
  /** The cached analysis of this document version and text (parsed on first use). */
  analyse(doc: TextSource): Analysis;
  documentSymbols(doc: TextSource): OutlineSymbol[];
  diagnostics(doc: TextSource, settings?: ValidationSettings): Finding[];
  /** Drop the cache entry of a closed document. */
  forget(uri: string): void;
}

export function analyseText(uri: string, version: number, text: string): Analysis {
  const { model, lineStarts } = parseWithLineStarts(text);
  return { uri, version, model, lines: new LineIndex(text, lineStarts) };
}

/**
 * What the service keeps per open document: the analysis of one version and text, and the answers
 * made from it. Editors ask for the outline several times per version (outline view, breadcrumbs,
 * sticky scroll) and for diagnostics again after a settings refresh.
 */
interface CacheEntry {
  readonly text: string;
  readonly analysis: Analysis;
  outline?: OutlineSymbol[];
  /** The findings and the settings they were made for. */
  findings?: { settings: ValidationSettings; findings: Finding[] };
}

export function createLanguageService(): LanguageService {
  const cache = new Map<string, CacheEntry>();
  // A version number alone does not name a text: a client may send a number again (a change back to
  // version 1, an open uri opened again as version 1). An entry is reused only for the very text it
  // was made from; an unchanged document hands back the same string, so the check costs nothing.
  const entryOf = (doc: TextSource): CacheEntry => {
    const text = doc.getText();
    const hit = cache.get(doc.uri);
    if (hit && hit.analysis.version === doc.version && hit.text === text) return hit;
    const fresh: CacheEntry = { text, analysis: analyseText(doc.uri, doc.version, text) };
    cache.set(doc.uri, fresh);
    return fresh;
  };
  return {
    analyse: (doc) => entryOf(doc).analysis,
    documentSymbols: (doc) => {
      const entry = entryOf(doc);
      entry.outline ??= documentSymbols(entry.analysis);
      return entry.outline;
    },
    diagnostics: (doc, settings = DEFAULT_VALIDATION) => {
      const entry = entryOf(doc);
      if (entry.findings?.settings !== settings) entry.findings = { settings, findings: computeDiagnostics(entry.analysis, settings) };
      return entry.findings.findings;
    },
    forget: (uri) => {
      cache.delete(uri);
    },
  };
}
