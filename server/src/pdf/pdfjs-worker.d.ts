// pdfjs-dist ships no types for its worker module. It is imported only for its effect: it puts its
// message handler in `globalThis.pdfjsWorker`, where the library finds it (see extract.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
