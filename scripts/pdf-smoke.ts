/**
 * Proves that PDF extraction works bundled as the server and CLI are bundled (esbuild, one CommonJS
 * file for Node, nothing external, nothing read at run time but the PDFs): bundles
 * server/src/pdf/extract.ts with a small entry into dist/pdf-smoke.js, runs it on the PDFs given
 * (default: every corpus PDF) and prints one line per PDF and the time taken.
 *
 *   node --import tsx scripts/pdf-smoke.ts [file.pdf ...]
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const root = join(__dirname, '..');

// The entry of the bundle: reads each file (only the Node side reads the disk) and reports it as
// one JSON line, then the times.
const entry = `
import { readFileSync } from 'node:fs';
import { extractPdfText, isPdfProblem } from './server/src/pdf/extract';
(async () => {
  const times = [];
  for (const file of process.argv.slice(2)) {
    const started = performance.now();
    const result = await extractPdfText(new Uint8Array(readFileSync(file)));
    const ms = performance.now() - started;
    times.push(ms);
    if (isPdfProblem(result)) console.log(JSON.stringify({ file, ms: Math.round(ms), ...result }));
    else console.log(JSON.stringify({ file, ms: Math.round(ms), pages: result.pages, pageStarts: result.pageStarts, chars: result.text.length, firstLine: result.text.slice(0, result.text.indexOf('\\n')) }));
  }
  const rest = times.slice(1);
  const total = times.reduce((a, b) => a + b, 0);
  console.error(\`\${times.length} PDFs in \${Math.round(total)} ms; the first (PDF.js loading) \${Math.round(times[0] ?? 0)} ms, the others \${rest.length ? (rest.reduce((a, b) => a + b, 0) / rest.length).toFixed(1) : '-'} ms each on average\`);
})();
`;

/** Bundles the smoke entry into `outfile` as the Node bundles are made (scripts/build.mjs). */
export async function bundlePdfSmoke(outfile: string): Promise<esbuild.Message[]> {
  const result = await esbuild.build({
    absWorkingDir: root,
    stdin: { contents: entry, resolveDir: root, sourcefile: 'pdf-smoke-entry.ts', loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  return result.warnings;
}

async function main(): Promise<void> {
  const outfile = join(root, 'dist', 'pdf-smoke.js');
  const warnings = await bundlePdfSmoke(outfile);
  for (const message of await esbuild.formatMessages(warnings, { kind: 'warning' })) process.stderr.write(message);
  const files = process.argv.slice(2);
  if (files.length === 0) {
    const corpus = join(root, '..', 'shared', 'corpus', 'pdf');
    files.push(...readdirSync(corpus).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(corpus, f)));
  }
  process.stdout.write(execFileSync(process.execPath, [outfile, ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
