/**
 * textDocument/codeLens: the letter's outcome count and each item's regions
 * and cited chapters, as titles without an action. A letter's lenses come with
 * their titles; in a file of many letters only positions are sent, and the
 * client resolves the lenses it shows (codeLens/resolve).
 */
import type { CodeLens } from 'vscode-languageserver';
import { codeLensAnchors, codeLensTitle, type CodeLensTarget } from '../core/codeLens';
import type { Feature } from './context';

/** Up to this many items, titles are computed at once (a letter has 1 to 21). */
const INLINE_ITEMS = 100;

interface LensData {
  uri: string;
  target: CodeLensTarget;
}

function isLensData(data: unknown): data is LensData {
  if (typeof data !== 'object' || data === null) return false;
  const { uri, target } = data as Partial<LensData>;
  if (typeof uri !== 'string' || typeof target !== 'object' || target === null) return false;
  return target.kind === 'outcomes' || (target.kind === 'item' && Number.isInteger(target.index));
}

/** An empty command id: VS Code shows the title as text that does nothing when clicked. */
const titled = (lens: CodeLens, title: string): CodeLens => ({ range: lens.range, command: { title, command: '' } });

export const codeLensFeature: Feature = {
  capabilities: () => ({ codeLensProvider: { resolveProvider: true } }),
  register(ctx) {
    ctx.connection.onCodeLens((params, token) =>
      ctx.guard('codeLens', [] as CodeLens[], token, () => {
        const doc = ctx.documents.get(params.textDocument.uri);
        if (!doc) return [];
        const analysis = ctx.service.analyse(doc);
        const anchors = codeLensAnchors(analysis);
        if (analysis.model.items.length <= INLINE_ITEMS) {
          return anchors.map((a) => titled({ range: a.range }, codeLensTitle(analysis, a.target) ?? ''));
        }
        return anchors.map((a): CodeLens => ({ range: a.range, data: { uri: doc.uri, target: a.target } satisfies LensData }));
      }),
    );
    ctx.connection.onCodeLensResolve((lens, token) =>
      ctx.guard('codeLens/resolve', titled(lens, ''), token, () => {
        if (lens.command || !isLensData(lens.data)) return lens.command ? lens : titled(lens, '');
        const doc = ctx.documents.get(lens.data.uri);
        // A lens of an older version resolves against the current one; the client asks for fresh lenses after an edit anyway.
        return titled(lens, doc ? (codeLensTitle(ctx.service.analyse(doc), lens.data.target) ?? '') : '');
      }),
    );
  },
};
