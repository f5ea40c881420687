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

/** One empty child list for every leaf: the answers are only serialised, never changed. */
const NO_CHILDREN: DocumentSymbol[] = [];

function toDocumentSymbol(s: OutlineSymbol): DocumentSymbol {
  const children = s.children;
  let out: DocumentSymbol[] = NO_CHILDREN;
  if (children.length > 0) {
    out = new Array<DocumentSymbol>(children.length);
    for (let i = 0; i < children.length; i++) out[i] = toDocumentSymbol(children[i]);
  }
  // The outline's Range objects are passed through as they are (they are read-only).
  return { name: s.name, detail: s.detail, kind: SYMBOL_KINDS[s.kind], range: s.range, selectionRange: s.selectionRange, children: out };
}

/**
 * The protocol form of each outline, kept as long as the outline is (the language service keeps one
 * per document version): editors ask for the outline of one version several times (outline view,
 * breadcrumbs, sticky scroll), and each answer after the first is then only serialised.
 */
const hierarchicalAnswers = new WeakMap<OutlineSymbol[], DocumentSymbol[]>();

function documentSymbolsOf(outline: OutlineSymbol[]): DocumentSymbol[] {
  let answer = hierarchicalAnswers.get(outline);
  if (!answer) {
    answer = new Array<DocumentSymbol>(outline.length);
    for (let i = 0; i < outline.length; i++) answer[i] = toDocumentSymbol(outline[i]);
    hierarchicalAnswers.set(outline, answer);
  }
  return answer;
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
        return hierarchical ? documentSymbolsOf(symbols) : toSymbolInformation(doc.uri, symbols);
      }),
    );
  },
};
