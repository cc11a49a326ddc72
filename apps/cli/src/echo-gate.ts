import { Writable } from 'node:stream';

/**
 * The terminal as readline sees it: everything is passed on, except while `muted`, when readline's
 * echo of the keys typed goes nowhere. This is how a code is read unseen, as npm's `read` (mute-stream)
 * and Python's `getpass` read passwords.
 */
export class EchoGate extends Writable {
  /** While true, nothing written reaches the terminal. */
  muted = false;
  /** readline only echoes, moves the cursor and wraps lines on a terminal: this is one. */
  readonly isTTY = true;
  readonly #terminal: NodeJS.WritableStream & { columns?: number };

  constructor(terminal: NodeJS.WritableStream & { columns?: number }) {
    super({ decodeStrings: false });
    this.#terminal = terminal;
  }

  /** The terminal's width, which readline reads to wrap long lines. */
  get columns(): number | undefined {
    return this.#terminal.columns;
  }

  override _write(
    chunk: string | Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null) => void,
  ): void {
    // Written through at once, not after the terminal's callback: the prompts and messages written
    // straight to the terminal must not overtake what readline wrote before them.
    if (!this.muted) this.#terminal.write(chunk);
    done();
  }
}
