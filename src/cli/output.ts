/**
 * When standard output or standard error cannot be written.
 *
 * A closed pipe (EPIPE: `coach history | head`) is the reader's choice: leave quietly, with the exit
 * code so far. Any other failure (a full disk, `/dev/full`, EIO from a terminal that went away) is
 * said in one plain line on standard error, and the exit code is 2. Either way the process leaves at
 * once, so a long export or batch stops working for nobody, unless a command holds the exit because
 * it still has something to save: `coach play` keeps the session first, then leaves. While held,
 * later writes to the broken stream are dropped.
 *
 * A terminal that went away (SIGHUP with EIO after it) needs one more step: Node restores the
 * terminal's settings on exit and aborts when it cannot, so the dead terminal's descriptors are
 * closed just before the process ends.
 */
import { closeSync, fstatSync } from "node:fs";
import { isatty } from "node:tty";
import { EXIT_USAGE, fsReason } from "./errors.js";

type Stream = NodeJS.WritableStream & { fd?: number };

interface State {
  /** The first failure on standard output. */
  stdout?: NodeJS.ErrnoException;
  stderr?: NodeJS.ErrnoException;
  holds: number;
  terminalGone: boolean;
}

const state: State = { holds: 0, terminalGone: false };

/** Codes that mean the terminal (or the device behind a stream) is gone, not merely full. */
const GONE = new Set(["EIO", "ENXIO"]);

/** Which of 0, 1, 2 were terminals when the process started (a dead one may no longer say so). */
const TERMINAL_AT_START = [0, 1, 2].map((fd) => isatty(fd));

/** The failure on standard output, if any. */
export function outputFailure(): NodeJS.ErrnoException | undefined {
  return state.stdout;
}

/** Keeps the process alive through output failures until the returned function is called. */
export function holdExit(): () => void {
  state.holds++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    state.holds--;
  };
}

/** The terminal went away (EIO from it, or setRawMode failing): close its descriptors before exit. */
export function noteTerminalGone(): void {
  state.terminalGone = true;
}

/** The exit code a command's own code becomes after an output failure it survived (held). */
export function exitCodeAfterOutput(code: number): number {
  if (state.stdout === undefined || state.stdout.code === "EPIPE") return code;
  return code === 0 ? EXIT_USAGE : code;
}

function sayOnStderr(stderr: Stream, text: string): void {
  if (state.stderr !== undefined) return;
  try {
    stderr.write(text);
  } catch {
    // Nowhere left to say it.
  }
}

export interface GuardOptions {
  exit?: (code: number) => void;
  /** The exit code so far, for a reader that left (EPIPE). */
  currentCode?: () => number;
}

/** Watches both streams for write errors, for the life of the process. */
export function guardOutput(stdout: Stream, stderr: Stream, options: GuardOptions = {}): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const currentCode = options.currentCode ?? (() => Number(process.exitCode ?? 0));
  stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (state.stdout !== undefined) return;
    state.stdout = error;
    const code = error.code ?? "";
    if (GONE.has(code)) state.terminalGone = true;
    let exitWith: number;
    if (code === "EPIPE") exitWith = currentCode();
    else {
      sayOnStderr(stderr, `coach: cannot write the output: ${fsReason(error)}\n`);
      exitWith = EXIT_USAGE;
    }
    // Held: the command finishes (its later writes go nowhere) and main adds the failure to its code.
    if (state.holds === 0) exit(exitWith);
  });
  stderr.on("error", (error: NodeJS.ErrnoException) => {
    // Warnings and messages that cannot be shown are dropped; the output and exit code still count.
    state.stderr ??= error;
    if (GONE.has(error.code ?? "")) state.terminalGone = true;
  });
  process.on("exit", closeDeadTerminal);
}

function closeDeadTerminal(): void {
  if (!state.terminalGone) return;
  for (const fd of [0, 1, 2]) {
    try {
      if (!TERMINAL_AT_START[fd]) continue;
      fstatSync(fd);
      closeSync(fd);
    } catch {
      // Already closed.
    }
  }
}

/** For tests: forget every failure. */
export function resetOutputState(): void {
  state.stdout = undefined;
  state.stderr = undefined;
  state.holds = 0;
  state.terminalGone = false;
}
