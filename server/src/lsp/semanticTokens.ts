/** textDocument/semanticTokens/full: titles, outcomes and cited chapters (not above the size limit), whole across line breaks. */
import type { SemanticTokens } from 'vscode-languageserver';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, semanticTokens, type SemanticToken } from '../core/semanticTokens';
import type { Feature } from './context';
import { analyseWithinLimit } from './sizeLimit';

/** The LSP's relative encoding: each token as five integers, line and start relative to the token before. */
export function encodeTokens(tokens: readonly SemanticToken[]): number[] {
  const data = new Array<number>(tokens.length * 5);
  let line = 0;
  let character = 0;
  tokens.forEach((t, k) => {
    const deltaLine = t.line - line;
    data[k * 5] = deltaLine;
    data[k * 5 + 1] = deltaLine === 0 ? t.character - character : t.character;
    data[k * 5 + 2] = t.length;
    data[k * 5 + 3] = t.type;
    data[k * 5 + 4] = t.modifiers;
    line = t.line;
    character = t.character;
  });
  return data;
}

export const semanticTokensFeature: Feature = {
  capabilities: () => ({
    semanticTokensProvider: {
      legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] },
      full: true,
      range: false,
    },
  }),
  register(ctx) {
    ctx.connection.languages.semanticTokens.on((params, token) =>
      ctx.guard('semanticTokens', { data: [] } as SemanticTokens, token, async () => {
        const doc = ctx.documents.get(params.textDocument.uri);
        if (!doc) return { data: [] };
        const { analysis, reduced } = await analyseWithinLimit(ctx, doc);
        return { data: encodeTokens(semanticTokens(analysis, { citations: !reduced })) };
      }),
    );
  },
};
