/**
 * Where the trainee's replies come from: a script (the --answers file or piped standard input) or
 * the terminal. The session loop only sees `read(prompt)`, so it runs the same from a test table,
 * a CI script or a person at a keyboard.
 *
 * At the terminal, Enter sends the reply; a line ending with a backslash continues on the next line,
 * and lines pasted together arrive as one multi-line reply. An empty line sends nothing.
 */
import { createInterface, type Interface } from "node:readline";

export type InputEvent =
  | { kind: "reply"; text: string }
  /** The input ended: Ctrl-D at the terminal, or the script ran out. */
  | { kind: "eof" }
  /** Ctrl-C, or a signal: `code` is the exit code to leave with (130 for SIGINT). */
  | { kind: "interrupt"; code: number };

export interface ReplyInput {
  /** Shows the prompt (at a terminal) and waits for the next reply. */
  read(prompt: string): Promise<InputEvent>;
  /** True when what the trainee types is already on screen; false for a script, whose replies the loop prints. */
  readonly echoes: boolean;
  /** Replies not read when the session ended (a script's leftovers). */
  leftover(): number;
  close(): void;
}

export const SIGNAL_EXIT_CODES: Readonly<Record<string, number>> = { SIGINT: 130, SIGHUP: 129, SIGTERM: 143 };

/**
 * Replies read in advance; the script running out is end of input. With `signals`, Ctrl-C (SIGINT),
 * SIGHUP and SIGTERM during the session end it as an interrupt, so what was said is still saved:
 * each read yields to the event loop once, which lets a pending signal in.
 */
export function scriptedInput(replies: readonly string[], signals?: NodeJS.EventEmitter): ReplyInput {
  let next = 0;
  let interrupted: InputEvent | undefined;
  const handlers = Object.entries(SIGNAL_EXIT_CODES).map(([signal, code]) => {
    const handler = () => {
      interrupted ??= { kind: "interrupt", code };
    };
    signals?.on(signal, handler);
    return [signal, handler] as const;
  });
  return {
    echoes: false,
    read: async () => {
      if (signals !== undefined) await new Promise((resolve) => setImmediate(resolve));
      if (interrupted !== undefined) return interrupted;
      const text = replies[next];
      if (text === undefined) return { kind: "eof" };
      next++;
      return { kind: "reply", text };
    },
    leftover: () => replies.length - next,
    close: () => {
      for (const [signal, handler] of handlers) signals?.off(signal, handler);
    },
  };
}

/**
 * Waits for a signal while `work` runs, turning SIGINT, SIGHUP and SIGTERM into an interrupt event
 * instead of the default death, so the caller can save what was said first.
 */
export async function interruptible<T>(work: Promise<T>, signals: NodeJS.EventEmitter = process): Promise<T | InputEvent> {
  let cleanup = () => {};
  const interrupted = new Promise<InputEvent>((resolve) => {
    const handlers = Object.entries(SIGNAL_EXIT_CODES).map(([signal, code]) => {
      const handler = () => resolve({ kind: "interrupt", code });
      signals.on(signal, handler);
      return [signal, handler] as const;
    });
    cleanup = () => {
      for (const [signal, handler] of handlers) signals.off(signal, handler);
    };
  });
  try {
    return await Promise.race([work, interrupted]);
  } finally {
    cleanup();
  }
}

/** All of a stream's lines, through readline; for piped standard input. */
export async function readLines(stream: NodeJS.ReadableStream): Promise<string[]> {
  const lines: string[] = [];
  const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  for await (const line of rl) lines.push(line);
  return lines;
}

export interface TerminalStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  /** Where SIGHUP and SIGTERM arrive (the process); injectable for tests. */
  signals?: NodeJS.EventEmitter;
}

/**
 * Replies typed at a terminal, through readline in terminal mode (line editing, Ctrl-C and Ctrl-D
 * as keys). Lines typed while the session is busy are kept for the next read.
 */
export function terminalInput(streams: TerminalStreams, continuation = "  … "): ReplyInput {
  const rl: Interface = createInterface({ input: streams.input, output: streams.output, terminal: true, historySize: 0 });
  const ready: InputEvent[] = [];
  let waiting: ((event: InputEvent) => void) | undefined;
  let lines: string[] = [];
  let continuing = false;
  let flushScheduled = false;
  let closed = false;

  const deliver = (event: InputEvent) => {
    if (waiting !== undefined) {
      const resolve = waiting;
      waiting = undefined;
      resolve(event);
    } else ready.push(event);
  };

  // Lines that arrive in the same tick were pasted together: they make one reply.
  const flush = () => {
    flushScheduled = false;
    if (continuing || lines.length === 0) return;
    const text = lines.join("\n");
    lines = [];
    if (text.trim() === "") {
      if (waiting !== undefined) rl.prompt();
      return;
    }
    deliver({ kind: "reply", text });
  };

  rl.on("line", (line: string) => {
    continuing = line.endsWith("\\");
    lines.push(continuing ? line.slice(0, -1) : line);
    if (continuing) {
      rl.setPrompt(continuation);
      rl.prompt();
    } else if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  });
  rl.on("SIGINT", () => deliver({ kind: "interrupt", code: SIGNAL_EXIT_CODES.SIGINT as number }));
  rl.on("close", () => {
    if (!closed) deliver({ kind: "eof" });
    closed = true;
  });

  // SIGHUP (the terminal closed) and SIGTERM: leave as from Ctrl-C, so the partial session is saved.
  const signals = streams.signals ?? process;
  const onSignal = (signal: string) => () => deliver({ kind: "interrupt", code: SIGNAL_EXIT_CODES[signal] ?? 130 });
  const handlers = ["SIGHUP", "SIGTERM"].map((s) => [s, onSignal(s)] as const);
  for (const [signal, handler] of handlers) signals.on(signal, handler);

  return {
    echoes: true,
    read: (text: string) => {
      const event = ready.shift();
      if (event !== undefined) return Promise.resolve(event);
      if (closed) return Promise.resolve({ kind: "eof" });
      rl.setPrompt(continuing ? continuation : text);
      rl.prompt();
      return new Promise<InputEvent>((resolve) => {
        waiting = resolve;
      });
    },
    leftover: () => ready.filter((e) => e.kind === "reply").length,
    close: () => {
      for (const [signal, handler] of handlers) signals.off(signal, handler);
      if (!closed) {
        closed = true;
        rl.close();
      }
    },
  };
}
