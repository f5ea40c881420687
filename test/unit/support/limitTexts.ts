/**
 * The two texts of the limits issue, shared by the protocol tests (test/protocol/limits.test.ts)
 * and `npm run bench`: a 5 MB single line and a letter of many disputed items.
 */

/** About `bytes` characters of guideline-like text on one line (ASCII, so also `bytes` bytes). */
export function singleLineText(bytes: number): string {
  const unit = 'MAXIMUS guideline: Decision based on MTUS ACOEM Chapter 12 Low Back Complaints Page(s): 303-304, MRI: Upheld. ';
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** A letter of `n` disputed items, each with its three fields and a citation. */
export function manyItemsLetter(n: number): string {
  const parts = [
    'HOW THE IMR FINAL DETERMINATION WAS MADE\nThe expert reviewer is Board Certified in Orthopaedic Surgery.\n',
    'CLINICAL CASE SUMMARY\nThe injured worker has chronic low back pain.\n',
    'IMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n',
  ];
  for (let i = 1; i <= n; i++) {
    const outcome = i % 3 === 0 ? 'Overturned' : 'Upheld';
    parts.push(
      `Physical therapy visit ${i} for the lumbar spine: ${outcome}\n`,
      'Claims Administrator guideline: Decision based on MTUS Low Back Complaints 2004, Section(s): Physical Methods.\n',
      'MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Section(s): Physical Medicine.\n',
      `Decision rationale: The guidelines support a short course of therapy. Visit ${i} ${outcome === 'Upheld' ? 'is not medically necessary' : 'is medically necessary'}.\n`,
    );
  }
  return parts.join('');
}
