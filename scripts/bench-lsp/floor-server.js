'use strict';
/**
 * The floor for `npm run bench:lsp`: the least an LSP server over stdio can do with a letter.
 * On every request (no caching) it splits the text into lines and scans each once with one
 * regex; each match is one diagnostic (pull: textDocument/diagnostic) and one document symbol.
 * Plain CommonJS so that it starts with bare `node`, without a TypeScript loader.
 */
const {
  createConnection,
  DiagnosticSeverity,
  ProposedFeatures,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
} = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
// Headings in capitals, and disputed-item titles ending in an outcome.
const PATTERN = /^[A-Z][A-Z ,&'-]{8,}$|: *(?:Upheld|Overturned)\s*$/;

function scan(uri) {
  const doc = documents.get(uri);
  if (!doc) return [];
  const lines = doc.getText().split(/\r?\n/);
  const hits = [];
  for (let line = 0; line < lines.length; line++) {
    const m = PATTERN.exec(lines[line]);
    if (!m) continue;
    const range = { start: { line, character: m.index }, end: { line, character: m.index + m[0].length } };
    hits.push({ range, text: m[0] });
  }
  return hits;
}

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    documentSymbolProvider: true,
    diagnosticProvider: { identifier: 'floor', interFileDependencies: false, workspaceDiagnostics: false },
  },
}));

connection.languages.diagnostics.on((params) => ({
  kind: 'full',
  items: scan(params.textDocument.uri).map((h) => ({
    range: h.range,
    severity: DiagnosticSeverity.Information,
    source: 'floor',
    message: `matched: ${h.text}`,
  })),
}));

connection.onDocumentSymbol((params) =>
  scan(params.textDocument.uri).map((h) => ({ name: h.text, kind: SymbolKind.String, range: h.range, selectionRange: h.range })),
);

documents.listen(connection);
connection.listen();
