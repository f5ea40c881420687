/** textDocument/documentSymbol: the outline, hierarchical or flat as the client asks. */
import { SymbolKind, type DocumentSymbol, type Range, type SymbolInformation } from 'vscode-languageserver';
import type { Analysis, OutlineSymbol } from '../core';
import { documentSymbols, outlineRanges } from '../core/symbols';
import type { Feature } from './context';
import { analyseWithinLimit } from './sizeLimit';

const SYMBOL_KINDS: Record<OutlineSymbol['kind'], SymbolKind> = {
  namespace: SymbolKind.Namespace,
  module: SymbolKind.Module,
  class: SymbolKind.Class,
  field: SymbolKind.Field,
  property: SymbolKind.Property,
  key: SymbolKind.Key,
  event: SymbolKind.Event,
  constant: SymbolKind.Constant,
};

/** An outline symbol in the protocol's form (a leaf keeps the shared empty child list it is given). */
function toDocumentSymbol(s: OutlineSymbol, range: Range, selectionRange: Range, children: DocumentSymbol[]): DocumentSymbol {
  return { name: s.name, detail: s.detail, kind: SYMBOL_KINDS[s.kind], range, selectionRange, children };
}

/**
 * The protocol form of each version's outline, kept as long as its analysis is (the language service
 * keeps one per document version): editors ask for the outline of one version several times (outline
 * view, breadcrumbs, sticky scroll), and each answer after the first is then only serialised. The
 * core's outline is not kept: once converted, the answer holds all a client sees of it.
 */
const hierarchicalAnswers = new WeakMap<Analysis, { reduced: boolean; answer: DocumentSymbol[] }>();

/** The outline, reduced (no fields) for a document above the size limit. */
function documentSymbolsOf(analysis: Analysis, reduced: boolean): DocumentSymbol[] {
  const hit = hierarchicalAnswers.get(analysis);
  if (hit && hit.reduced === reduced) return hit.answer;
  const answer = outlineRanges(documentSymbols(analysis, { fields: !reduced }), analysis.lines, toDocumentSymbol);
  hierarchicalAnswers.set(analysis, { reduced, answer });
  return answer;
}

/** For clients without hierarchical symbols: the same tree, flattened in document order. */
function toSymbolInformation(uri: string, symbols: DocumentSymbol[], container?: string, out: SymbolInformation[] = []): SymbolInformation[] {
  for (const s of symbols) {
    const info: SymbolInformation = { name: s.name, kind: s.kind, location: { uri, range: s.range } };
    if (container) info.containerName = container;
    out.push(info);
    toSymbolInformation(uri, s.children!, s.name, out);
  }
  return out;
}

export const documentSymbolFeature: Feature = {
  capabilities: () => ({ documentSymbolProvider: { label: 'IMR Determination' } }),
  register(ctx) {
    ctx.connection.onDocumentSymbol((params, token) =>
      ctx.guard('documentSymbol', [] as DocumentSymbol[] | SymbolInformation[], token, async () => {
        const doc = ctx.documents.get(params.textDocument.uri);
        if (!doc) return [];
        const { analysis, reduced } = await analyseWithinLimit(ctx, doc);
        const symbols = documentSymbolsOf(analysis, reduced);
        const hierarchical = ctx.client().textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
        return hierarchical ? symbols : toSymbolInformation(doc.uri, symbols);
      }),
    );
  },
};
