/** textDocument/documentLink: web addresses and 8 CCR section references (to Cornell LII). */
import type { DocumentLink } from 'vscode-languageserver';
import { documentLinks } from '../core/documentLinks';
import type { Feature } from './context';

export const documentLinkFeature: Feature = {
  capabilities: () => ({ documentLinkProvider: { resolveProvider: false } }),
  register(ctx) {
    ctx.connection.onDocumentLinks((params, token) =>
      ctx.guard('documentLink', [] as DocumentLink[], token, () => {
        const doc = ctx.documents.get(params.textDocument.uri);
        if (!doc) return [];
        const tooltips = ctx.client().textDocument?.documentLink?.tooltipSupport === true;
        return documentLinks(ctx.service.analyse(doc)).map((link) => {
          const out: DocumentLink = { range: link.range, target: link.target };
          if (tooltips && link.tooltip) out.tooltip = link.tooltip;
          return out;
        });
      }),
    );
  },
};
