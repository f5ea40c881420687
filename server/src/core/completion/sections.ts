/**
 * Completion after "Section(s):" in a guideline field: the section names of the MTUS part just
 * cited, as letters write them. For the Postsurgical Treatment Guidelines, whose sections are body
 * regions, the sections that fit the item come first.
 */
import type { Determination } from '../model';
import { chapterFitsRegions, findMtusParts, postsurgicalRegions, type Region } from '../guidelines';
import { sectionsOfPart } from '../guidelines/sections';
import { regionsOfItem } from '../itemRegions';
import { editAt, fold, pad, skipWhiteSpace, spaced, type Completion, type Cursor } from './cursor';
import type { GuidelineValue } from './citations';

/** How far back a cited part is looked for before "Section(s):". */
const PART_WINDOW = 400;

/** The offset after the last "Section(s):" of the value before the cursor, and the text before that label. */
function sectionList(cur: Cursor, value: GuidelineValue): { listStart: number; lead: string } | undefined {
  const before = cur.text.slice(value.valueStart, cur.offset);
  const labels = [...before.matchAll(/Section\(s\)\s*:/gi)];
  const label = labels[labels.length - 1];
  if (!label) return undefined;
  const labelStart = value.valueStart + label.index;
  const listStart = labelStart + label[0].length;
  // A new statement after the list ends it.
  if (/Decision\s+based\s+on/i.test(cur.text.slice(listStart, cur.offset))) return undefined;
  return { listStart, lead: fold(cur.text.slice(Math.max(value.valueStart, labelStart - PART_WINDOW), labelStart)) };
}

/** Section names after "Section(s):", or undefined when the cursor is not in such a list. */
export function sectionCompletions(model: Determination, cur: Cursor, value: GuidelineValue): Completion[] | undefined {
  const list = sectionList(cur, value);
  if (!list) return undefined;
  const mentions = findMtusParts(list.lead);
  const part = mentions[mentions.length - 1];
  if (!part || !/^[\s,]*$/.test(part.tail)) return undefined;
  const sections = sectionsOfPart(part.part.id);
  if (sections.length === 0) return undefined;

  // The name being typed starts at the list's start or after a comma; names contain commas
  // ("NSAIDs, GI symptoms & cardiovascular risk"), so every such start is tried and a name is
  // offered for the longest piece it continues (after "NSAIDs, " both the NSAIDs names and all).
  const starts = [list.listStart];
  for (const comma of cur.text.slice(list.listStart, cur.offset).matchAll(/,/g)) starts.push(list.listStart + comma.index + 1);
  const regions: readonly Region[] = value.item && part.part.id === 'postsurgical-treatment' ? regionsOfItem(model, value.item).regions : [];
  const offered = new Map<string, Completion>();
  for (const pieceStart of starts) {
    const start = skipWhiteSpace(cur.text, pieceStart, cur.offset);
    if (start < cur.lineStart) continue;
    const typed = fold(cur.text.slice(start, cur.offset)).toLowerCase();
    const at = typed === '' ? cur.offset : start;
    sections.forEach((sec, k) => {
      if (offered.has(sec.name) || !sec.name.toLowerCase().startsWith(typed)) return;
      const sectionRegions = regions.length > 0 ? postsurgicalRegions([sec.name]) : [];
      const tier = sectionRegions.length === 0 ? 1 : chapterFitsRegions(sectionRegions, regions) ? 0 : 3;
      offered.set(sec.name, {
        label: sec.name,
        kind: 'value',
        detail: `MTUS ${part.part.name}`,
        documentation: `Source: ${sec.source}.`,
        sortText: `${tier}-${pad(k)}`,
        filterText: sec.name,
        edit: editAt(cur, at, spaced(cur, at, sec.name)),
        snippet: false,
      });
    });
  }
  return offered.size > 0 ? [...offered.values()] : undefined;
}
