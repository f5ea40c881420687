/** textDocument/completion: the forms a letter is drafted in (core/completion.ts decides where). */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type ClientCapabilities,
  type CompletionItem,
} from 'vscode-languageserver';
import { completions, snippetPreview, type Completion } from '../core/completion';
import type { Feature } from './context';

const KINDS: Record<Completion['kind'], CompletionItemKind> = {
  reference: CompletionItemKind.Reference,
  value: CompletionItemKind.Value,
  enumMember: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
};

function toItem(c: Completion, client: ClientCapabilities, suggestCommand: string | undefined): CompletionItem {
  const item = client.textDocument?.completion?.completionItem;
  const snippets = item?.snippetSupport === true;
  const markdown = item?.documentationFormat?.includes(MarkupKind.Markdown) === true;
  const out: CompletionItem = {
    label: c.label,
    kind: KINDS[c.kind],
    sortText: c.sortText,
    filterText: c.filterText,
    // Clients without snippets get the text with each placeholder's default.
    textEdit: { range: c.edit.range, newText: c.snippet && !snippets ? snippetPreview(c.edit.newText) : c.edit.newText },
    insertTextFormat: c.snippet && snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (c.detail) out.detail = c.detail;
  if (c.documentation) out.documentation = markdown ? { kind: MarkupKind.Markdown, value: c.documentation } : c.documentation;
  if (c.preselect) out.preselect = true;
  // Only a client that named its command for opening suggestions (initializationOptions) is asked to run it.
  if (c.suggestNext && suggestCommand) out.command = { title: 'Suggest', command: suggestCommand };
  return out;
}

export const completionFeature: Feature = {
  // ':' ends a label, a title or "Section(s):"; ' ' starts the value after it.
  capabilities: () => ({ completionProvider: { triggerCharacters: [':', ' '], resolveProvider: false } }),
  register(ctx) {
    ctx.connection.onCompletion((params, token) =>
      ctx.guard('completion', [] as CompletionItem[], token, () => {
        const doc = ctx.documents.get(params.textDocument.uri);
        if (!doc) return [];
        const client = ctx.client();
        const suggest = ctx.suggestCommand();
        return completions(ctx.service.analyse(doc), params.position).map((c) => toItem(c, client, suggest));
      }),
    );
  },
};
