// Bundles the extension client, the language server and the CLI into dist/, and the client and
// server again for VS Code for the Web (dist/browserClient.js, dist/browserServer.js).
// Type checking is separate (`npm run typecheck`); esbuild only strips types.
//
//   node scripts/build.mjs               one build, with linked source maps
//   node scripts/build.mjs --watch       rebuild on every change
//   node scripts/build.mjs --production  minified, without source maps (not shipped)
import { chmod, copyFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const production = args.has('--production');

const SHEBANG = '#!/usr/bin/env node';

/** One bundle per entry point; `executable` bundles are also npm `bin` commands. */
const bundles = [
  { entry: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'], executable: false },
  // The server is forked by the client over IPC and also run as `imr-language-server --stdio`.
  { entry: 'server/src/nodeServer.ts', out: 'dist/server.js', external: [], executable: true, pdfjsBeside: true },
  { entry: 'server/src/cli.ts', out: 'dist/cli.js', external: [], executable: true, pdfjsBeside: true },
  // VS Code for the Web: the extension runs in the web extension host (CommonJS, `vscode` external)
  // and starts the server in a Web Worker (a plain script).
  { entry: 'client/src/browserExtension.ts', out: 'dist/browserClient.js', external: ['vscode'], executable: false, browser: true, format: 'cjs' },
  { entry: 'server/src/browserServer.ts', out: 'dist/browserServer.js', external: [], executable: false, browser: true, format: 'iife' },
  // The statistics view's page script with Chart.js, loaded by its webview (desktop and web alike).
  { entry: 'client/src/webview/statistics.ts', out: 'dist/statisticsView.js', external: [], executable: false, browser: true, format: 'iife' },
];

function options(bundle) {
  return {
    absWorkingDir: root,
    entryPoints: [bundle.entry],
    outfile: bundle.out,
    bundle: true,
    platform: bundle.browser ? 'browser' : 'node',
    format: bundle.format ?? 'cjs',
    target: bundle.browser ? 'es2022' : 'node20',
    external: bundle.external,
    sourcemap: production ? false : 'linked',
    minify: production,
    banner: bundle.executable ? { js: SHEBANG } : undefined,
    logLevel: 'silent',
    metafile: true,
    plugins: [vendorText(), ...(bundle.pdfjsBeside ? [pdfjsBeside()] : []), report(bundle)],
  };
}

/**
 * `import source from 'imr-vendor:chart.js'` gives a library's browser build as a string (its
 * code inside our bundle, not run by it): the statistics report inlines it into the HTML page it
 * writes (server/src/cli/vendor.d.ts). Chart.js's package exports do not list the UMD file, so
 * it is found next to the package's main file.
 */
function vendorText() {
  const require = createRequire(join(root, 'package.json'));
  const files = { 'chart.js': () => join(dirname(require.resolve('chart.js')), 'chart.umd.js') };
  return {
    name: 'vendor-text',
    setup(build) {
      build.onResolve({ filter: /^imr-vendor:/ }, (args) => {
        const find = files[args.path.slice('imr-vendor:'.length)];
        return find ? { path: find(), namespace: 'imr-vendor' } : { errors: [{ text: `unknown vendored library ${args.path}` }] };
      });
      build.onLoad({ filter: /.*/, namespace: 'imr-vendor' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text', watchFiles: [args.path] }));
    },
  };
}

/**
 * PDF.js (pdfjs-dist's legacy build: the library and its worker code) stays out of the Node
 * bundles: they import it from dist/pdfjs/ at their first PDF (server/src/pdf/extract.ts).
 * Bundled in, its 3 MB were parsed at every start of the server and of `imr`, about 45 ms, though
 * most runs never meet a PDF. The browser server keeps it inside (a Web Worker loads one script).
 */
const PDFJS_FILES = ['pdf.mjs', 'pdf.worker.mjs'];

function pdfjsBeside() {
  return {
    name: 'pdfjs-beside',
    setup(build) {
      build.onResolve({ filter: /^pdfjs-dist\/legacy\/build\/pdf(\.worker)?\.mjs$/ }, (args) => ({
        path: `./pdfjs/${args.path.split('/').pop()}`,
        external: true,
      }));
    },
  };
}

/** Copies PDF.js into dist/pdfjs/ (its minified files for a production build, under the same names). */
async function copyPdfJs() {
  const require = createRequire(join(root, 'package.json'));
  const from = join(dirname(require.resolve('pdfjs-dist/package.json')), 'legacy', 'build');
  await mkdir(join(root, 'dist', 'pdfjs'), { recursive: true });
  for (const file of PDFJS_FILES) {
    await copyFile(join(from, production ? file.replace(/\.mjs$/, '.min.mjs') : file), join(root, 'dist', 'pdfjs', file));
  }
}

/** Prints one line per finished bundle (and its problems), also on every rebuild in watch mode. */
function report(bundle) {
  return {
    name: 'report',
    setup(build) {
      build.onEnd(async (result) => {
        const messages = [
          ...(await esbuild.formatMessages(result.errors, { kind: 'error', color: process.stderr.isTTY })),
          ...(await esbuild.formatMessages(result.warnings, { kind: 'warning', color: process.stderr.isTTY })),
        ];
        for (const message of messages) process.stderr.write(message);
        if (result.errors.length > 0) {
          console.error(`✗ ${bundle.out}: ${result.errors.length} error(s)`);
          return;
        }
        if (bundle.executable) await chmod(join(root, bundle.out), 0o755);
        // A map left by an earlier development build would no longer match.
        if (production) await rm(join(root, `${bundle.out}.map`), { force: true });
        const { size } = await stat(join(root, bundle.out));
        console.log(`✓ ${bundle.out.padEnd(21)} ${formatSize(size).padStart(9)}  ← ${bundle.entry}`);
      });
    },
  };
}

function formatSize(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

async function main() {
  const mode = production ? 'production' : 'development';
  await copyPdfJs();
  if (watch) {
    const contexts = await Promise.all(bundles.map((bundle) => esbuild.context(options(bundle))));
    await Promise.all(contexts.map((context) => context.watch()));
    console.log(`Watching ${bundles.length} bundles (${mode}); Ctrl+C to stop.`);
    const stop = async () => {
      await Promise.all(contexts.map((context) => context.dispose()));
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }
  const started = Date.now();
  const results = await Promise.allSettled(bundles.map((bundle) => esbuild.build(options(bundle))));
  const failed = results.filter((result) => result.status === 'rejected').length;
  if (failed > 0) {
    console.error(`Build failed: ${failed} of ${bundles.length} bundles (${mode}).`);
    process.exit(1);
  }
  console.log(`Built ${bundles.length} bundles in ${Date.now() - started} ms (${mode}).`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
