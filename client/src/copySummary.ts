/**
 * "IMR: Copy Letter Summary": the active letter's items as a Markdown table on
 * the clipboard, for notes, emails and case files. The server writes the
 * summary from its analysis of the open version (request `imr/letterSummary`).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

export const COPY_SUMMARY_COMMAND = 'imrDetermination.copySummary';
const LANGUAGE_ID = 'imr-determination';
/** Answered by server/src/lsp/letterSummary.ts. */
const LETTER_SUMMARY_METHOD = 'imr/letterSummary';

interface LetterSummary {
  markdown: string;
  items: number;
  caseNumber?: string;
}

/** What the command did, for tests: the Markdown copied, or why nothing was. */
export type CopySummaryOutcome = { copied: string } | { skipped: string };

export function registerCopySummaryCommand(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COPY_SUMMARY_COMMAND, async (uri?: vscode.Uri): Promise<CopySummaryOutcome> => {
      const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) : vscode.window.activeTextEditor?.document;
      if (!doc || doc.languageId !== LANGUAGE_ID) {
        const why = 'Open an IMR determination letter to copy its summary.';
        void vscode.window.showWarningMessage(why);
        return { skipped: why };
      }
      // The client starts with the first letter opened; this waits for that start if it is still under way.
      await client.start();
      const summary = await client.sendRequest<LetterSummary | null>(LETTER_SUMMARY_METHOD, { uri: doc.uri.toString() });
      if (!summary) {
        const why = 'The language server has not read this letter yet; try again in a moment.';
        void vscode.window.showWarningMessage(why);
        return { skipped: why };
      }
      await vscode.env.clipboard.writeText(summary.markdown);
      const items = `${summary.items} disputed item${summary.items === 1 ? '' : 's'}`;
      void vscode.window.showInformationMessage(`Copied the summary of ${items}${summary.caseNumber ? ` (case ${summary.caseNumber})` : ''} to the clipboard.`);
      return { copied: summary.markdown };
    }),
  );
}
