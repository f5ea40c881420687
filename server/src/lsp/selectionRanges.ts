/** textDocument/selectionRange: word, line, field, item, section, document, each strictly inside the next. */
import type { SelectionRange } from 'vscode-languageserver';
import { selectionRanges } from '../core/selectionRanges';
import type { Feature } from './context';

export const selectionRangeFeature: Feature = {
  capabilities: () => ({ selectionRangeProvider: true }),
  register(ctx) {
    ctx.connection.onSelectionRanges((params, token) =>
      ctx.guard('selectionRange', [] as SelectionRange[], token, () => {
        const doc = ctx.documents.get(params.textDocument.uri);
        if (!doc) return [];
        // The core lists each chain innermost first; the protocol links each range to its parent.
        return selectionRanges(ctx.service.analyse(doc), params.positions).map((chain) =>
          chain.reduceRight<SelectionRange | undefined>((parent, range) => (parent ? { range, parent } : { range }), undefined)!,
        );
      }),
    );
  },
};
