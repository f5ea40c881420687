/**
 * Text from letters and file names made safe to print on a terminal. A control character in a
 * file name or an item title would otherwise act on the reader's terminal: a line feed starts a
 * line that looks like output of its own (a forged finding), ESC sequences clear the screen or
 * retitle the window, and bidirectional overrides reorder what is shown. Each such character is
 * written as a visible escape instead (`\x1b`, `\x0a`, `\u202e`), so the text stays on its line
 * and readable. Backslashes are left alone: Windows paths must print as they are.
 */

/** C0 controls (tab and line feed included), DEL, C1 controls, and the bidi embeddings, overrides and isolates. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control and bidi override character replaced by a visible escape. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, visible);
}
