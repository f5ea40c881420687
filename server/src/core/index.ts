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
  /** The cached analysis of this document version (parsed on first use). */
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

export function createLanguageService(): LanguageService {
  const cache = new Map<string, Analysis>();
  const analyse = (doc: TextSource): Analysis => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const fresh = analyseText(doc.uri, doc.version, doc.getText());
    cache.set(doc.uri, fresh);
    return fresh;
  };
  return {
    analyse,
    documentSymbols: (doc) => documentSymbols(analyse(doc)),
    diagnostics: (doc, settings = DEFAULT_VALIDATION) => computeDiagnostics(analyse(doc), settings),
    forget: (uri) => {
      cache.delete(uri);
    },
  };
}
