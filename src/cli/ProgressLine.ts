import type { CliOutput } from './CliCommand.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A progress line: on a terminal, one line redrawn in place (a spinner and the time so far, redrawn
 * every second); elsewhere (a pipe, a log file), a plain line per change of text, without control
 * characters or timers.
 */
export class ProgressLine {
  readonly #out: CliOutput;
  readonly #live: boolean;
  readonly #clock: () => Date;
  readonly #start: number;
  #text = '';
  #frame = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(out: CliOutput, clock: () => Date) {
    this.#out = out;
    this.#live = out.isTTY === true;
    this.#clock = clock;
    this.#start = clock().getTime();
  }

  /** Shows `text` as the current stage. */
  update(text: string): void {
    if (text === this.#text) return;
    this.#text = text;
    if (!this.#live) {
      this.#out.write(`${text}\n`);
      return;
    }
    this.#draw();
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.#draw(), 1000);
      // The line must never keep the process alive on its own.
      this.#timer.unref?.();
    }
  }

  /** Ends the line with a last text. */
  done(text: string): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#out.write(this.#live ? `\r\x1b[2K${text}\n` : `${text}\n`);
  }

  #draw(): void {
    const seconds = Math.round((this.#clock().getTime() - this.#start) / 1000);
    this.#out.write(`\r\x1b[2K${FRAMES[this.#frame++ % FRAMES.length]} ${this.#text} · ${seconds} s`);
  }
}
