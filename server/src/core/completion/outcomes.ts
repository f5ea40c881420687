/**
 * Completion after an item title's colon when the item has no outcome yet: Upheld and Overturned,
 * the one the decision rationale's conclusion calls for preselected. A line ending in a colon is
 * often no title (a field label, a citation's "Section(s):", a header label), so those are ruled out.
 */
import type { Determination, DisputedItem, Field } from '../model';
import { rationaleConclusion } from '../conclusion';
import { lastStartingBefore } from '../locate';
import { blank, editAt, endOfLine, type Completion, type Cursor } from './cursor';

const FIELD_LABEL_LINE_RE = /^\s*(?:Claims\s+Administrator\s+guideline|MAXIMUS\s+guideline|Decision\s+rationale)\s*:/i;
/** Lines ending in a colon that are not item titles: citation lists, the lead-in, header and credential labels. */
const NOT_A_TITLE_RE =
  /(?:Section\(s\)|Page\(s\)|set\s+forth\s+below|credentials)\s*:\s*$|^\s*(?:Case\s+Number|Date\s+Assigned|Decision\s+Date|Date\s+of\s+Injury|UR\s+Denial\s+Date|Priority|Application|Received|State\(s\)|Certification\(s\))\b/i;
const LONE_OUTCOME_RE = /^\s*(?:Upheld|Overturned)\s*$/i;

const OUTCOMES = [
  { outcome: 'Upheld', detail: 'the UR denial stands: not authorized', verdict: 'not-necessary' },
  { outcome: 'Overturned', detail: 'the UR denial is reversed: authorized', verdict: 'necessary' },
] as const;

/** The next non-blank line after the line break at `from` (a few lines at most), or undefined. */
function nextLineText(text: string, from: number): string | undefined {
  let pos = from;
  for (let n = 0; n < 6 && pos < text.length; n++) {
    pos += text.startsWith('\r\n', pos) ? 2 : 1;
    const end = endOfLine(text, pos);
    if (!blank(text, pos, end)) return text.slice(pos, end);
    pos = end;
  }
  return undefined;
}

/** A field the line lies in whose text goes on after it: the line is prose inside that field. */
function insideFieldProse(item: DisputedItem | undefined, cur: Cursor): Field | undefined {
  return item?.fieldList.find((f) => f.span.start < cur.lineStart && f.span.end > cur.lineEnd);
}

/** The offset of the colon a title ends with, just before the cursor, or undefined when the line is no title waiting for its outcome. */
function titleColon(cur: Cursor): number | undefined {
  const { text } = cur;
  if (!blank(text, cur.offset, cur.lineEnd)) return undefined;
  const beforeCursor = text.slice(cur.lineStart, cur.offset).trimEnd();
  if (!beforeCursor.endsWith(':') || !/\S/.test(beforeCursor.slice(0, -1))) return undefined;
  const line = text.slice(cur.lineStart, cur.lineEnd);
  if (FIELD_LABEL_LINE_RE.test(line) || NOT_A_TITLE_RE.test(line)) return undefined;
  // An outcome alone on the next line already ends the title.
  const next = nextLineText(text, cur.lineEnd);
  if (next !== undefined && LONE_OUTCOME_RE.test(next)) return undefined;
  return cur.lineStart + beforeCursor.length - 1;
}

export function outcomeCompletions(model: Determination, cur: Cursor): Completion[] {
  const colon = titleColon(cur);
  if (colon === undefined) return [];
  const item = lastStartingBefore(model.items, cur.offset);
  // An item the parser already reads from this title (its fields follow), still without an outcome.
  const titled = item && !item.outcome && item.titleSpan.end >= cur.lineStart && item.titleSpan.end <= cur.lineEnd ? item : undefined;
  if (!titled && insideFieldProse(item, cur)) return [];
  const rationale = titled?.fields.decisionRationale;
  const conclusion = rationale ? rationaleConclusion(cur.text, rationale) : undefined;
  return OUTCOMES.map((o, k) => {
    const c: Completion = {
      label: o.outcome,
      kind: 'enumMember',
      detail: o.detail,
      sortText: `${k}`,
      filterText: o.outcome,
      edit: editAt(cur, colon + 1, ' ' + o.outcome),
      snippet: false,
    };
    if (conclusion?.verdict === o.verdict) {
      c.preselect = true;
      c.documentation = `The decision rationale concludes: “${conclusion.sentence}”`;
    }
    return c;
  });
}
