/**
 * `imr`: the same analysis as the language server, from a command line.
 *
 *   imr check [--format text|json|sarif] [--rule CODE=LEVEL]... [--config FILE]
 *             [--include GLOB]... [--exclude GLOB]... [--max-size BYTES] [--verbose] PATH...
 *   imr extract [--format json|csv|markdown] [--include GLOB]... [--exclude GLOB]...
 *               [--max-size BYTES] PATH...
 *   imr text FILE...
 *
 * (each also takes --max-pdf-size and --max-pages.) Folders are searched
 * (recursively) for determination letters, .txt and .pdf; files named on the
 * command line are always read, if they are regular files no larger than the
 * size limit. Exit codes: 0 no error-severity finding, 1 at least one, 2 usage
 * or I/O problems (a PDF that cannot be read among them).
 *
 * The modules are in cli/: args (command line), collect and glob (which
 * files), work (one file), pool (worker threads), and one per output format.
 * This same file is the entry point of the worker threads.
 */
import { escapeControls } from './core/escape';
import { main } from './cli/main';
import { isWorker, serveWorker } from './cli/pool';

if (isWorker()) {
  serveWorker();
} else {
  // A reader that stops early (`imr check FOLDER | head`) is no error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit();
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`imr: internal error: ${escapeControls(err instanceof Error ? err.message : String(err))}\n`);
      process.exitCode = 2;
    },
  );
}
