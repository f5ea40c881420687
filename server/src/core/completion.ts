/**
 * Completion while drafting a letter. Suggestions come only where a letter has
 * a fixed form to fill in, never in the middle of prose:
 *
 * - at the start of a statement in a guideline field: the citation forms
 *   ("Decision based on MTUS <Part> <Year>, Section(s): ", the ACOEM and ODG
 *   forms, the no-evidence sentences), the chapters that fit the item's body
 *   region first, general ones next, other body regions' chapters last
 *   (`completion/citations.ts`);
 * - after "Section(s):": the section names of the MTUS part just cited
 *   (`completion/sections.ts`);
 * - after an item title's colon with no outcome yet: Upheld and Overturned,
 *   the one the rationale's conclusion calls for preselected (`completion/outcomes.ts`);
 * - on an empty line of the issues section: a new disputed item; in an empty
 *   document: a whole letter skeleton (snippets with tab stops, `completion/snippets.ts`).
 */
import type { Analysis } from './index';
import type { Determination, Section } from './model';
import type { Position } from './types';
import { blank, cursorAt, type Completion } from './completion/cursor';
import { citationCompletions, guidelineValueAt } from './completion/citations';
import { sectionCompletions } from './completion/sections';
import { outcomeCompletions } from './completion/outcomes';
import { LETTER_SKELETON_SNIPPET, NEW_ITEM_SNIPPET, snippetCompletion } from './completion/snippets';

export type { Completion, CompletionEdit, CompletionKind } from './completion/cursor';
export { LETTER_SKELETON_SNIPPET, NEW_ITEM_SNIPPET, snippetPreview } from './completion/snippets';

/** The section the offset lies in: the last one whose heading starts before it (until the next heading). */
function sectionAt(model: Determination, offset: number): Section | undefined {
  let found: Section | undefined;
  for (const s of model.sections) {
    if (s.headingSpan.start > offset) break;
    found = s;
  }
  return found;
}

export function completions(analysis: Analysis, position: Position): Completion[] {
  const { model, lines } = analysis;
  const text = model.text;
  const cur = cursorAt(text, lines, position);

  if (!/\S/.test(text)) {
    return [snippetCompletion(cur, 'IMR letter skeleton', 'header, the three sections and one disputed item', LETTER_SKELETON_SNIPPET)];
  }

  const value = guidelineValueAt(model, cur);
  if (value) return sectionCompletions(model, cur, value) ?? citationCompletions(model, cur, value);

  const section = sectionAt(model, cur.offset);
  if (section?.kind !== 'issues' || cur.offset <= section.headingSpan.end) return [];
  if (blank(text, cur.lineStart, cur.lineEnd)) return [snippetCompletion(cur, 'New disputed item', 'title, outcome and the three fields', NEW_ITEM_SNIPPET)];
  return outcomeCompletions(model, cur);
}
