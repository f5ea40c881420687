/** textDocument/hover: citations, outcomes, dates and abbreviations explained (Markdown, or plain text for clients without it). */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { hoverAt } from '../core/hover';
import type { Feature } from './context';

/** The Markdown the core writes, without its emphasis and escapes. */
function plainText(markdown: string): string {
  return markdown.replace(/\*\*|\*/g, '').replace(/\\(.)/g, '$1');
}

export const hoverFeature: Feature = {
  capabilities: () => ({ hoverProvider: true }),
  register(ctx) {
    ctx.connection.onHover((params, token) =>
      ctx.guard('hover', null as Hover | null, token, () => {
        const doc = ctx.documents.get(params.textDocument.uri);
        if (!doc) return null;
        const info = hoverAt(ctx.service.analyse(doc), params.position);
        if (!info) return null;
        const formats = ctx.client().textDocument?.hover?.contentFormat;
        const markdown = !formats || formats.includes(MarkupKind.Markdown);
        return {
          contents: markdown ? { kind: MarkupKind.Markdown, value: info.contents } : { kind: MarkupKind.PlainText, value: plainText(info.contents) },
          range: info.range,
        };
      }),
    );
  },
};
