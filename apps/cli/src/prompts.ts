import { createInterface, type Interface } from 'node:readline';
import { EchoGate } from './echo-gate.js';

/** Where questions are read and shown. */
export interface PromptStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Questions and messages for the person: stderr, so stdout holds only the result. */
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

/** What a question got: a line, the end of the input, or nothing because it was called off. */
export type Answer = { kind: 'line'; line: string } | { kind: 'eof' } | { kind: 'aborted' };

/**
 * Reads answers line by line from a terminal or a pipe. A pipe may deliver every line at once, before
 * any question is asked (readline's `question()` would drop all but the first), so lines are queued;
 * on a terminal, lines typed while no question is open are dropped, as a person expects.
 */
export class LineReader {
  readonly #rl: Interface;
  readonly #output: PromptStreams['output'];
  readonly #terminal: boolean;
  /** On a terminal, what readline writes goes through here, so the echo of a code can be held back. */
  readonly #gate: EchoGate | undefined;
  readonly #queue: string[] = [];
  #waiting: ((answer: Answer) => void) | null = null;
  #ended = false;
  #discardNext = false;
  /** A hidden question is open: its line is ended by us, since readline's echo of Enter is muted. */
  #hidden = false;

  /** `onInterrupt` runs on Ctrl-C typed in a terminal, which readline takes before it becomes a signal. */
  constructor(streams: PromptStreams, onInterrupt: () => void) {
    this.#output = streams.output;
    this.#terminal = Boolean(streams.input.isTTY && streams.output.isTTY);
    this.#gate = this.#terminal ? new EchoGate(streams.output) : undefined;
    // Keys typed while no question is open (a code typed ahead during "Sending…") are not shown either.
    if (this.#gate) this.#gate.muted = true;
    this.#rl = createInterface({
      input: streams.input,
      output: this.#gate ?? streams.output,
      terminal: this.#terminal,
      // The code is short-lived and the terminal's history belongs to the shell.
      historySize: 0,
    });
    this.#rl.on('line', (line) => this.#receive(line));
    this.#rl.on('close', () => {
      // Ctrl-D on an open prompt: end its line so what follows starts on a fresh one.
      if (this.#waiting && this.#terminal && !this.#hidden) this.#output.write('\n');
      this.#ended = true;
      this.#settle({ kind: 'eof' });
    });
    this.#rl.on('SIGINT', onInterrupt);
  }

  /** Whether a person types the answers (a terminal), as opposed to a pipe or a file. */
  get isTerminal(): boolean {
    return this.#terminal;
  }

  #receive(line: string): void {
    if (this.#discardNext) {
      this.#discardNext = false;
      return;
    }
    if (this.#waiting) this.#settle({ kind: 'line', line });
    else if (!this.#terminal) this.#queue.push(line);
  }

  #settle(answer: Answer): void {
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.(answer);
  }

  /**
   * Shows `prompt` (none when empty) and resolves with the next line. The `signal` calls the question
   * off, e.g. when the code expires while the person is typing. With `hidden`, what is typed on a
   * terminal is not shown: the screen is scrollback (a pipe shows nothing typed anyway).
   */
  ask(prompt: string, signal?: AbortSignal, { hidden = false }: { hidden?: boolean } = {}): Promise<Answer> {
    if (signal?.aborted) return Promise.resolve({ kind: 'aborted' });
    const queued = this.#queue.shift();
    if (queued !== undefined) {
      // Piped answers are not echoed: end the prompt's line so the transcript stays readable.
      if (prompt) this.#output.write(`${prompt}\n`);
      return Promise.resolve({ kind: 'line', line: queued });
    }
    if (this.#ended) {
      if (prompt) this.#output.write(`${prompt}\n`);
      return Promise.resolve({ kind: 'eof' });
    }
    return new Promise<Answer>((resolve) => {
      const onAbort = () => {
        if (this.#waiting !== finish) return;
        this.#waiting = null;
        this.#leavePrompt(prompt);
        this.#closeQuestion();
        resolve({ kind: 'aborted' });
      };
      const finish = (answer: Answer) => {
        signal?.removeEventListener('abort', onAbort);
        this.#closeQuestion();
        if (answer.kind === 'line' && !this.#terminal && prompt) this.#output.write('\n');
        resolve(answer);
      };
      this.#waiting = finish;
      signal?.addEventListener('abort', onAbort, { once: true });
      if (this.#gate && hidden) {
        // The prompt is shown as it is; readline, which would echo the keys, writes nowhere.
        this.#output.write(prompt);
        this.#rl.setPrompt('');
        this.#gate.muted = true;
        this.#hidden = true;
        this.#rl.prompt();
      } else if (this.#terminal) {
        if (this.#gate) this.#gate.muted = false;
        this.#rl.setPrompt(prompt);
        this.#rl.prompt();
      } else if (prompt) {
        this.#output.write(prompt);
      }
    });
  }

  /**
   * Closes a question: ends a hidden answer's line (readline's echo of Enter was muted), and mutes
   * readline's echo until the next question opens.
   */
  #closeQuestion(): void {
    if (!this.#gate) return;
    this.#gate.muted = true;
    if (!this.#hidden) return;
    this.#hidden = false;
    this.#output.write('\n');
  }

  /** Moves off an abandoned prompt, dropping whatever was half typed on it. */
  #leavePrompt(prompt: string): void {
    if (this.#terminal) {
      this.#discardNext = true;
      this.#rl.write('\n');
    } else if (prompt) {
      this.#output.write('\n');
    }
  }

  /** Stops reading; the process can then exit. */
  close(): void {
    this.#rl.close();
  }
}

/** `y`/`yes`/`s`/`sí` → true, `n`/`no` → false, empty → `fallback`, anything else → undefined. */
export function parseYesNo(line: string, fallback: boolean): boolean | undefined {
  const answer = line.trim().toLowerCase();
  if (answer === '') return fallback;
  if (['y', 'yes', 's', 'si', 'sí'].includes(answer)) return true;
  if (['n', 'no'].includes(answer)) return false;
  return undefined;
}
