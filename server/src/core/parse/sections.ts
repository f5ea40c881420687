/**
 * Stage 3: the sections. Each heading line opens a section that runs to the
 * next heading (a file of letters joined has the three headings many times).
 */
import type { Section, SectionKind } from '../model';
import type { Line } from './lines';

/** A section and the lines of its body: from the line after its heading to the next heading's line. */
export interface SectionLines {
  readonly section: Section;
  readonly bodyStart: number;
  readonly bodyEnd: number;
}

export function findSections(lines: readonly Line[]): SectionLines[] {
  const headings: Array<{ line: number; kind: SectionKind; name: string }> = [];
  lines.forEach((line, i) => {
    if (line.kind.kind === 'heading') headings.push({ line: i, kind: line.kind.section, name: line.kind.name });
  });
  return headings.map(({ line, kind, name }, k) => {
    const heading = lines[line];
    const bodyEnd = k + 1 < headings.length ? headings[k + 1].line : lines.length;
    // The section ends with its last text, not with the blank lines before the next heading.
    let last = bodyEnd - 1;
    while (last > line && lines[last].blank) last--;
    const section: Section = {
      kind,
      name,
      headingSpan: { start: heading.textStart, end: heading.textEnd },
      span: { start: heading.textStart, end: lines[last].textEnd },
    };
    return { section, bodyStart: line + 1, bodyEnd };
  });
}
