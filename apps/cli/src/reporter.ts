import { styleText } from 'node:util';

type Tone = 'plain' | 'info' | 'success' | 'error' | 'hint' | 'code';

const styles: Record<Exclude<Tone, 'plain'>, Parameters<typeof styleText>[0]> = {
  info: 'bold',
  success: 'green',
  error: 'red',
  hint: 'dim',
  code: 'cyan',
};

/**
 * Writes messages for the person (to stderr), coloured only on a terminal that wants colour, with a
 * transient status line ("Sending…") that the next message replaces.
 */
export class Reporter {
  readonly #output: NodeJS.WritableStream & { isTTY?: boolean };
  readonly #colour: boolean;
  #statusShown = false;

  constructor(output: NodeJS.WritableStream & { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env) {
    this.#output = output;
    this.#colour = Boolean(output.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  }

  /** Writes one line. */
  say(line: string, tone: Tone = 'plain'): void {
    this.clearStatus();
    const text = tone !== 'plain' && this.#colour ? styleText(styles[tone], line) : line;
    this.#output.write(`${text}\n`);
  }

  /** Shows `line` until the next message; only on a terminal, where it can be erased. */
  status(line: string): void {
    if (!this.#output.isTTY) return;
    this.clearStatus();
    this.#output.write(this.#colour ? styleText('dim', line) : line);
    this.#statusShown = true;
  }

  clearStatus(): void {
    if (!this.#statusShown) return;
    this.#output.write('\r\x1b[2K');
    this.#statusShown = false;
  }
}
