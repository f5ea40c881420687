/**
 * The long run of the property tests: the same properties as
 * test/unit/properties.test.ts, test/unit/differential.test.ts and the glob
 * properties of test/unit/glob.test.ts and the damaged-PDF property, 100,000 generated cases by default,
 * with longer inserted lines than the CI run.
 *
 *   npm run fuzz [-- --runs N] [--seed S] [--only TEXT]
 *
 *   --runs N    cases in all (default 100000), shared between the properties by weight
 *   --seed S    fast-check seed (default: a random one, printed so a failure can be replayed)
 *   --only TEXT run only the properties whose name contains TEXT
 *
 * Prints one line per property (cases, failures, time) and a summary; a failure
 * prints fast-check's seed, path and shrunk counterexample (truncated) and the
 * run exits with status 1.
 */
import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { DOCUMENT_PROPERTIES, letterTexts } from '../test/unit/support/arbitraries';
import { checkEditCase, editCaseArb, reusedVersionCaseArb } from '../test/unit/support/differential';
import { GLOB_PROPERTIES } from '../test/unit/support/globs';
import { PDF_MUTATION_PROPERTY } from '../test/unit/support/pdfMutations';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const TOTAL = Number(arg('--runs') ?? 100_000);
const SEED = Number(arg('--seed') ?? Math.floor(Math.random() * 0x7fffffff));
const ONLY = arg('--only');
if (!Number.isInteger(TOTAL) || TOTAL <= 0 || !Number.isInteger(SEED)) {
  console.error('usage: npm run fuzz [-- --runs N] [--seed S] [--only TEXT]');
  process.exit(2);
}

interface Runnable {
  name: string;
  weight: number;
  property: fc.IProperty<[unknown]> | fc.IAsyncProperty<[unknown]>;
}

const runnables: Runnable[] = [
  ...DOCUMENT_PROPERTIES.map((p) => ({ name: p.name, weight: p.weight, property: p.property({ maxLongLine: 200_000 }) })),
  {
    name: 'incremental edit sequences equal the final text opened fresh',
    weight: 8,
    property: fc.property(editCaseArb as fc.Arbitrary<unknown>, (c) => {
      checkEditCase(c as Parameters<typeof checkEditCase>[0]);
    }),
  },
  {
    name: 'edit sequences re-using version numbers equal the text opened fresh',
    weight: 4,
    property: fc.property(reusedVersionCaseArb as fc.Arbitrary<unknown>, (c) => {
      checkEditCase(c as Parameters<typeof checkEditCase>[0]);
    }),
  },
  ...GLOB_PROPERTIES.map((p) => ({ name: p.name, weight: p.weight, property: p.property() })),
  // Asynchronous (PDF.js works in steps): checked with await like the others.
  { name: PDF_MUTATION_PROPERTY.name, weight: PDF_MUTATION_PROPERTY.weight, property: PDF_MUTATION_PROPERTY.property() as fc.IAsyncProperty<[unknown]> },
].filter((r) => !ONLY || r.name.includes(ONLY));

if (runnables.length === 0) {
  console.error(`no property matches --only ${ONLY}`);
  process.exit(2);
}

letterTexts(); // read the corpus up front: a missing corpus is a clear error, not a property failure
const totalWeight = runnables.reduce((s, r) => s + r.weight, 0);
console.log(`fuzz: ${TOTAL} cases over ${runnables.length} properties, seed ${SEED}, node ${process.version}`);

async function main(): Promise<void> {
  const started = performance.now();
  let cases = 0;
  let failures = 0;
  const rows: string[] = [];
  for (const [k, r] of runnables.entries()) {
    const runs = Math.max(1, Math.round((TOTAL * r.weight) / totalWeight));
    const t0 = performance.now();
    const details = await fc.check(r.property, { numRuns: runs, seed: SEED + k, includeErrorInReport: true });
    const ms = performance.now() - t0;
    cases += details.numRuns;
    const line = `${details.failed ? 'FAIL' : 'ok  '} ${String(details.numRuns).padStart(7)} cases ${(ms / 1000).toFixed(1).padStart(7)} s  ${r.name}`;
    console.log(line);
    rows.push(line);
    if (details.failed) {
      failures++;
      const example = JSON.stringify(details.counterexample);
      console.log(`     seed ${details.seed}, path "${details.counterexamplePath}", shrunk ${details.numShrinks} times`);
      console.log(`     counterexample (${example.length} characters): ${example.length > 2000 ? example.slice(0, 2000) + '…' : example}`);
      const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      console.log(`     error: ${error.split('\n').slice(0, 12).join('\n            ')}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `fuzz: ${cases} cases, ${failures} failing propert${failures === 1 ? 'y' : 'ies'}, ${seconds.toFixed(1)} s (${((seconds * 1000) / cases).toFixed(2)} ms a case), seed ${SEED}`,
  );
  process.exit(failures > 0 ? 1 : 0);
}

void main();
