import { inspect } from 'node:util';

// \p{Cc}: C0 controls, DEL and C1 controls, ESC (0x1b) and CSI (0x9b) among them.
const controls = /\p{Cc}/gu;
const controlsButNewline = /[^\P{Cc}\n]/gu;

/**
 * `text` without control characters, so that what the mock prints cannot clear the screen, retitle
 * the window, rewrite earlier lines or hide text in a terminal. With `keepNewlines`, `\n` stays (for
 * the mock's own multi-line output, such as a stack trace).
 */
export function stripControlCharacters(text: string, { keepNewlines = false } = {}): string {
  return text.replace(keepNewlines ? controlsButNewline : controls, '');
}

/** Writes `[verifik-mock] <context>: <error>` to stderr, control characters stripped from the error. */
export function logError(context: string, error: unknown): void {
  console.error(
    stripControlCharacters(`[verifik-mock] ${context}: ${inspect(error)}`, { keepNewlines: true }),
  );
}
