/**
 * Processes the files of a run, on the main thread or spread over worker
 * threads. The workers run the same bundle (dist/cli.js) and are told apart by
 * their workerData. Files go out in batches as workers come free; each result
 * lands at its file's index, so the output is in the same order as a
 * single-threaded run, whatever thread finished first.
 */
import * as os from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { isPdfPath, processFile, type FileEntry, type FileResult, type Job } from './work';

/**
 * When workers are used without IMR_WORKERS, from measurements of `imr check`
 * (npm run bench:cli) on a 2-core machine:
 *
 * - One thread already keeps about 1.3 cores busy: V8 collects garbage and
 *   compiles on threads of its own. Two workers used 35-45% more CPU time and
 *   were 17-37% slower from 50 to 6,000 letters, no faster at 10,000. So they
 *   start only where cores are left over for them: 3 or more.
 * - Each worker starts cold (its own copy of the code to load and optimise):
 *   below a few hundred letters that costs more than it saves.
 */
export const WORKER_THRESHOLD = 500;
export const WORKER_MIN_CORES = 3;

/**
 * PDFs are another matter: reading one (PDF.js parsing its objects, fonts and
 * text) costs about 20 ms of CPU, ten times what analysing its text does, so a
 * worker's start (the bundle and PDF.js loaded and warmed up on its own, about
 * 0.4 s of CPU) is paid back after a few dozen PDFs where a core is free for
 * it: more than 100 PDFs take workers on 3 cores or more (an estimate from
 * those CPU times; no such machine was at hand). On 2 cores they did not help:
 * measured on a shared 2-core machine (load average 6-10, npm run bench:cli)
 * with copies of the corpus PDFs, two workers spent 15-30% more CPU than one
 * thread and were slower at 192 PDFs in four runs of five rounds each, and at
 * 2,000 PDFs once faster (44.9 s against 54.5 s), once slower (54.1 s against
 * 32.9 s). IMR_WORKERS still asks for them.
 */
export const PDF_WORKER_THRESHOLD = 100;
export const PDF_WORKER_MIN_CORES = WORKER_MIN_CORES;

const WORKER_MARK = 'imr-cli-worker';

interface WorkerInit {
  mark: typeof WORKER_MARK;
  job: Job;
  entries: FileEntry[];
}

/** From the main thread to a worker: process entries [start, end), or stop (null). */
type Batch = { start: number; end: number } | null;

/** From a worker: the results of one batch. */
interface BatchDone {
  start: number;
  results: FileResult[];
}

/**
 * Threads to use: `requested` (from IMR_WORKERS) wins; otherwise one worker per
 * core for runs above the threshold, or with enough PDFs among their files, on
 * machines with enough cores, else 1 (the main thread alone, no worker). Never
 * more workers than files.
 */
export function threadCount(files: number, requested: number | undefined, cores = os.availableParallelism(), pdfs = 0): number {
  const many = files > WORKER_THRESHOLD && cores >= WORKER_MIN_CORES;
  const manyPdfs = pdfs > PDF_WORKER_THRESHOLD && cores >= PDF_WORKER_MIN_CORES;
  const wanted = requested ?? (many || manyPdfs ? cores : 1);
  return Math.max(1, Math.min(wanted, files));
}

/** The PDFs among the files of a run, for `threadCount`. */
export function pdfCount(entries: readonly FileEntry[]): number {
  let n = 0;
  for (const e of entries) if (isPdfPath(e.path)) n++;
  return n;
}

export function isWorker(): boolean {
  return parentPort !== null && (workerData as WorkerInit | undefined)?.mark === WORKER_MARK;
}

/**
 * The worker side: answer batches until told to stop. Batches arrive while one is still being
 * read (IN_FLIGHT), and a PDF's reading awaits: each batch waits for the one before, so a
 * worker reads one file at a time, as the main thread does, and never holds two PDFs at once.
 */
export function serveWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('serveWorker runs on a worker thread only');
  const { job, entries } = workerData as WorkerInit;
  let previous = Promise.resolve();
  port.on('message', (batch: Batch) => {
    previous = previous.then(async () => {
      if (batch === null) {
        port.close();
        return;
      }
      const results: FileResult[] = [];
      for (let i = batch.start; i < batch.end; i++) results.push(await processFile(entries[i], job));
      port.postMessage({ start: batch.start, results } satisfies BatchDone);
    });
  });
}

export async function processAll(
  entries: FileEntry[],
  job: Job,
  threads: number,
  onProgress: (done: number) => void,
): Promise<FileResult[]> {
  if (threads <= 1) {
    const results: FileResult[] = [];
    for (const entry of entries) {
      results.push(await processFile(entry, job));
      onProgress(results.length);
    }
    return results;
  }
  return inWorkers(entries, job, threads, onProgress);
}

/** Batches a worker holds at once, so that it never waits for the main thread to hand out the next. */
const IN_FLIGHT = 2;

async function inWorkers(entries: FileEntry[], job: Job, workerCount: number, onProgress: (done: number) => void): Promise<FileResult[]> {
  const total = entries.length;
  const results = new Array<FileResult>(total);
  // Small enough batches that the threads finish together, large enough that messages stay few.
  const size = Math.max(1, Math.min(32, Math.ceil(total / (workerCount * 8))));
  let next = 0;
  let done = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const inFlight = new Map<Worker, number>();
  const feed = (w: Worker): void => {
    while (next < total && (inFlight.get(w) ?? 0) < IN_FLIGHT) {
      const start = next;
      next = Math.min(total, next + size);
      inFlight.set(w, (inFlight.get(w) ?? 0) + 1);
      w.postMessage({ start, end: next } satisfies Batch);
    }
  };
  const fail = (error: Error): void => {
    failure ??= error;
    wake?.();
  };
  const init: WorkerInit = { mark: WORKER_MARK, job, entries };
  const workers: Worker[] = [];
  for (let t = 0; t < workerCount; t++) {
    const w = new Worker(__filename, { workerData: init });
    workers.push(w);
    w.on('message', (m: BatchDone) => {
      for (let k = 0; k < m.results.length; k++) results[m.start + k] = m.results[k];
      done += m.results.length;
      inFlight.set(w, (inFlight.get(w) ?? 1) - 1);
      onProgress(done);
      feed(w);
      wake?.();
    });
    w.on('error', (err) => fail(new Error(`worker thread failed: ${err instanceof Error ? err.message : String(err)}`)));
    w.on('exit', (code) => {
      if ((inFlight.get(w) ?? 0) > 0) fail(new Error(`a worker thread stopped (exit code ${code}) before its files were done`));
    });
    feed(w);
  }
  try {
    while (done < total && !failure) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  } finally {
    inFlight.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failure) throw failure;
  return results;
}
