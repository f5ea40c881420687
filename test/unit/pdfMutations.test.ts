/** The CI share of the damaged-PDF property (`npm run fuzz` runs it a few hundred times). */
import { test } from 'node:test';
import fc from 'fast-check';
import { PDF_MUTATION_PROPERTY } from './support/pdfMutations';

test(PDF_MUTATION_PROPERTY.name, { timeout: 120_000 }, async () => {
  await fc.assert(PDF_MUTATION_PROPERTY.property(), { numRuns: PDF_MUTATION_PROPERTY.ciRuns });
});
