/** textDocument/codeAction: quick fixes for the diagnostics the client sends back. */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import { quickFixes } from '../core';
import type { Feature } from './context';

export const codeActionFeature: Feature = {
  capabilities: () => ({ codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } }),
  register(ctx) {
    ctx.connection.onCodeAction((params, token) =>
      ctx.guard('codeAction', [] as CodeAction[], token, () => {
        const doc = ctx.documents.get(params.textDocument.uri);
        if (!doc) return [];
        const analysis = ctx.service.analyse(doc);
        const actions: CodeAction[] = [];
        for (const d of params.context.diagnostics) {
          if (d.source !== 'imr' || typeof d.code !== 'string') continue;
          for (const fix of quickFixes(analysis, { code: d.code, range: d.range, data: d.data })) {
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [d],
              isPreferred: fix.preferred,
              edit: { changes: { [doc.uri]: fix.edits } },
            });
          }
        }
        return actions;
      }),
    );
  },
};
