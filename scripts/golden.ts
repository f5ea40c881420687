/**
 * Compares what the core answers with the golden snapshot (test/golden/*.jsonl),
 * or rewrites it with --update. Build first (npm run golden does).
 */
import { writeFileSync } from 'node:fs';
import { KINDS, changedPaths, currentAnswers, goldenPath, storedAnswers } from '../test/golden/golden';

const update = process.argv.includes('--update');
const current = currentAnswers();
let differences = 0;
for (const kind of KINDS) {
  const stored = storedAnswers(kind);
  if (update) {
    writeFileSync(goldenPath(kind), current[kind]);
    const changed = stored === undefined ? 'new' : `${changedPaths(stored, current[kind]).length} files changed`;
    console.log(`golden: wrote ${goldenPath(kind)} (${changed})`);
    continue;
  }
  if (stored === undefined) {
    console.log(`golden: ${kind}: no snapshot yet; run npm run golden -- --update`);
    differences++;
    continue;
  }
  const changed = changedPaths(stored, current[kind]);
  differences += changed.length;
  console.log(`golden: ${kind}: ${changed.length === 0 ? 'unchanged' : `${changed.length} files differ`}`);
  for (const p of changed.slice(0, 40)) console.log(`  ${p}`);
}
process.exitCode = differences > 0 ? 1 : 0;
