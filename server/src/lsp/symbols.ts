/** textDocument/documentSymbol: the outline, hierarchical or flat as the client asks. */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { OutlineSymbol } from '../core';
import type { Feature } from './context';

const SYMBOL_KINDS: Record<OutlineSymbol['kind'], SymbolKind> = {
  namespace: SymbolKind.Namespace,
  module: SymbolKind.Module,
  class: SymbolKind.Class,
  field: SymbolKind.Field,
  property: SymbolKind.Property,
  key: SymbolKind.Key,
  event: SymbolKind.Event,
};

function toDocumentSymbol(s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: SYMBOL_KINDS[s.kind],
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toDocumentSymbol),
  };
}

/** For clients without hierarchical symbols: the same tree, flattened in document order. */
function toSymbolInformation(uri: string, symbols: OutlineSymbol[], container?: string, out: SymbolInformation[] = []): SymbolInformation[] {
  for (const s of symbols) {
    const info: SymbolInformation = { name: s.name, kind: SYMBOL_KINDS[s.kind], location: { uri, range: s.range } };
    if (container) info.containerName = container;
    out.push(info);
    toSymbolInformation(uri, s.children, s.name, out);
  }
  return out;
}

export const documentSymbolFeature: Feature = {
  capabilities: () => ({ documentSymbolProvider: { label: 'IMR Determination' } }),
  register(ctx) {
    ctx.connection.onDocumentSymbol((params, token) =>
      ctx.guard('documentSymbol', [] as DocumentSymbol[] | SymbolInformation[], token, () => {
        const doc = ctx.documents.get(params.textDocument.uri);
        if (!doc) return [];
        const symbols = ctx.service.documentSymbols(doc);
        const hierarchical = ctx.client().textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
        return hierarchical ? symbols.map(toDocumentSymbol) : toSymbolInformation(doc.uri, symbols);
      }),
    );
  },
};
