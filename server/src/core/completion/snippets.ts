/**
 * Snippets with tab stops: a new disputed item on an empty line of the issues section, and a whole
 * letter in an empty document, its lead-ins in the words real letters use.
 */
import { editAt, type Completion, type Cursor } from './cursor';

/** Letter text inside a snippet: `$`, `}` and `\` are snippet syntax. */
const literal = (s: string) => s.replace(/[\\$}]/g, '\\$&');

const LEAD_INS = {
  credentials: 'The Expert Reviewer has the following credentials:',
  summary: 'The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:',
  issues: 'The Final Determination was based on decisions for the disputed items/services set forth below:',
};

/** How the reviewer was chosen: the facts every letter states, in this project's words. */
const HOW_MADE =
  'MAXIMUS Federal Services sent the complete case file to an expert reviewer who has no affiliation with the employer, the employee, the providers or the claims administrator. The reviewer has been in active clinical practice for more than five years, currently practises at least 24 hours a week, and was selected for clinical experience, education, background and expertise in the same or a similar specialty that evaluates or treats the medical condition and the disputed items/services. The reviewer is familiar with the governing laws and regulations, including the strength of evidence hierarchy that applies to Independent Medical Review determinations.';

/** A disputed item: title, outcome and the three fields, its tab stops numbered from `first`. */
function itemSnippet(first: number): string {
  const n = (k: number) => first + k;
  return [
    `\${${n(0)}:Item title}: \${${n(1)}|Upheld,Overturned|}`,
    '',
    `Claims Administrator guideline: $${n(2)}`,
    '',
    `MAXIMUS guideline: $${n(3)}`,
    '',
    `Decision rationale: $${n(4)}`,
  ].join('\n');
}

export const NEW_ITEM_SNIPPET = itemSnippet(1);

export const LETTER_SKELETON_SNIPPET = [
  'Case Number: ${1:CMYY-NNNNNNN}',
  'Date Assigned: ${2:MM/DD/YYYY}',
  'Date of Injury: ${3:MM/DD/YYYY}',
  'Decision Date: ${4:MM/DD/YYYY}',
  'UR Denial Date: ${5:MM/DD/YYYY}',
  'Application Received: ${6:MM/DD/YYYY}',
  'Priority: ${7|Standard,Expedited|}',
  '',
  'HOW THE IMR FINAL DETERMINATION WAS MADE',
  literal(HOW_MADE),
  '',
  literal(LEAD_INS.credentials),
  'State(s) of Licensure: ${8:State}',
  'Certification(s)/Specialty: ${9:Specialty}',
  '',
  'CLINICAL CASE SUMMARY',
  literal(LEAD_INS.summary),
  '',
  '${10:Age and sex, date and mechanism of injury, diagnoses, examinations, treatment to date, and the Utilization Review decision.}',
  '',
  'IMR ISSUES, DECISIONS AND RATIONALES',
  literal(LEAD_INS.issues),
  '',
  itemSnippet(11),
].join('\n');

/** The snippet as plain text, for documentation: placeholders show their default, choices their first option. */
export function snippetPreview(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([\\$}])/g, '$1');
}

/** A snippet replacing the cursor's line up to the cursor. */
export function snippetCompletion(cur: Cursor, label: string, detail: string, body: string): Completion {
  return {
    label,
    kind: 'snippet',
    detail,
    documentation: '```\n' + snippetPreview(body) + '\n```',
    sortText: '0',
    filterText: label,
    edit: editAt(cur, cur.lineStart, body),
    snippet: true,
  };
}
