/**
 * Where the trainee's replies come from: a script (the --answers file or piped standard input) or
 * the terminal. The session loop only sees `read(prompt)`, so it runs the same from a test table,
 * a CI script or a person at a keyboard.
 *
 * At the terminal, Enter sends the reply; a line ending with a backslash continues on the next line,
 * and a paste of several lines is one reply (bracketed paste where the terminal offers it; else the
 * lines that arrive together); when the paste does not end with a newline, Enter sends it with the
 * last line as edited. An empty line sends nothing.
 */
import { createInterface, type Interface } from "node:readline";
import { StringDecoder } from "node:string_decoder";
import { ReplySplitter, splitAnswers } from "./answers.js";

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
  /**
   * At a terminal only: waits for Enter before more text scrolls what is on screen away. Undefined
   * when the trainee pressed it; the event when the input ended or was interrupted instead. A script
   * or a pipe has no such method, so piped input never waits.
   */
  pause?(prompt: string): Promise<InputEvent | undefined>;
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
 * Replies read from a stream as they arrive (standard input piped from another program), split by the
 * rule for scripted replies (ReplySplitter). The first reply is played as soon as it is known, not
 * when the input ends, so a signal mid-input ends the session with what was said so far.
 */
export function streamedInput(stream: NodeJS.ReadableStream, signals?: NodeJS.EventEmitter): ReplyInput {
  const splitter = new ReplySplitter();
  const decoder = new StringDecoder("utf8");
  let partial = "";
  let arrived = 0;
  let interrupted: InputEvent | undefined;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const take = (text: string) => {
    const lines = (partial + text).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) splitter.push(line.endsWith("\r") ? line.slice(0, -1) : line);
    arrived++;
    poke();
  };
  const onData = (chunk: Buffer | string) => take(typeof chunk === "string" ? chunk : decoder.write(chunk));
  const onEnd = () => {
    const rest = partial + decoder.end();
    partial = "";
    if (rest !== "") splitter.push(rest.endsWith("\r") ? rest.slice(0, -1) : rest);
    splitter.end();
    poke();
  };
  stream.on("data", onData);
  stream.on("end", onEnd);
  // A read error ends the input like its end does: what arrived is played and saved.
  stream.on("error", onEnd);
  const handlers = Object.entries(SIGNAL_EXIT_CODES).map(([signal, code]) => {
    const handler = () => {
      interrupted ??= { kind: "interrupt", code };
      poke();
    };
    signals?.on(signal, handler);
    return [signal, handler] as const;
  });
  const changed = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });
  // Two turns of the event loop let input already on its way in arrive.
  const settle = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

  return {
    echoes: false,
    read: async () => {
      for (;;) {
        if (interrupted !== undefined) return interrupted;
        let next = splitter.next(false);
        if (next.kind === "wait") {
          // Not known yet: let input already on its way arrive; when none does, the input is idle.
          const before = arrived;
          await settle();
          if (interrupted !== undefined) return interrupted;
          if (arrived !== before) continue;
          next = splitter.next(true);
        }
        if (next.kind === "reply") return { kind: "reply", text: next.text };
        if (next.kind === "end") return { kind: "eof" };
        await changed();
      }
    },
    leftover: () => splitAnswers(splitter.pendingLines()).length,
    close: () => {
      for (const [signal, handler] of handlers) signals?.off(signal, handler);
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onEnd);
      stream.pause();
    },
  };
}

/** Asks the terminal to mark pastes (xterm's bracketed paste mode), and to stop. */
const PASTE_ON = "\u001b[?2004h";
const PASTE_OFF = "\u001b[?2004l";

export interface TerminalStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  /** false: do not ask the terminal for bracketed paste (TERM=dumb). */
  bracketedPaste?: boolean;
  /** Where SIGHUP and SIGTERM arrive (the process); injectable for tests. */
  signals?: NodeJS.EventEmitter;
  /** Told when the terminal fails (EIO once it has gone away): the session then ends as at Ctrl-D. */
  onError?: (error: NodeJS.ErrnoException) => void;
}

/**
 * Replies typed at a terminal, through readline in terminal mode (line editing, Ctrl-C and Ctrl-D
 * as keys). Lines typed while the session is busy are kept for the next read.
 */
export function terminalInput(streams: TerminalStreams, continuation = "  … "): ReplyInput {
  const rl: Interface = createInterface({ input: streams.input, output: streams.output, terminal: true, historySize: 0 });
  // Bracketed paste: the terminal marks a paste's start and end, so a paste of several lines is one
  // reply however it ends. Terminals without it ignore the request; the same-tick rule below stands in.
  const bracketed = streams.bracketedPaste !== false;
  if (bracketed) streams.output.write(PASTE_ON);
  let pasting = false;
  const ready: InputEvent[] = [];
  let waiting: ((event: InputEvent) => void) | undefined;
  let lines: string[] = [];
  let continuing = false;
  let flushScheduled = false;
  let closed = false;

  let pausing: ((event: InputEvent | undefined) => void) | undefined;
  const deliver = (event: InputEvent) => {
    if (pausing !== undefined) {
      const resume = pausing;
      pausing = undefined;
      resume(event.kind === "reply" ? undefined : event);
    }
    if (waiting !== undefined) {
      const resolve = waiting;
      waiting = undefined;
      resolve(event);
    } else ready.push(event);
  };

  // The rest of a paste that did not end with a newline waits in the line being edited: the lines
  // before it stay with it, and Enter sends them all as one reply.
  const holdForLastLine = () => {
    continuing = true;
    rl.setPrompt(continuation);
    rl.prompt(true);
  };

  // Lines that arrive in the same tick were pasted together: they make one reply.
  const flush = () => {
    flushScheduled = false;
    if (continuing || pasting || lines.length === 0) return;
    if (rl.line !== "") {
      holdForLastLine();
      return;
    }
    const text = lines.join("\n");
    lines = [];
    if (text.trim() === "") {
      if (waiting !== undefined) rl.prompt();
      return;
    }
    deliver({ kind: "reply", text });
  };

  streams.input.on("keypress", (_text: string | undefined, key: { name?: string } | undefined) => {
    if (key?.name === "paste-start") pasting = true;
    else if (key?.name === "paste-end") {
      pasting = false;
      if (lines.length === 0) return; // a paste of one line: it waits in the line, for Enter
      if (rl.line !== "") holdForLastLine();
      else if (!flushScheduled) {
        continuing = false;
        flushScheduled = true;
        setImmediate(flush);
      }
    }
  });

  rl.on("line", (line: string) => {
    if (pausing !== undefined && !pasting && !continuing && lines.length === 0) {
      const resume = pausing;
      pausing = undefined;
      resume(undefined);
      // Enter goes on; a reply typed at the pause is kept as the next reply.
      if (line.trim() === "") return;
    }
    if (pasting) {
      // A newline inside a paste is part of the reply, not Enter.
      lines.push(line);
      return;
    }
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
  // A terminal that went away fails with EIO (reading it, or setting it back from raw mode as
  // readline closes): without a listener that error would end the process before anything is saved.
  rl.on("error", (error: NodeJS.ErrnoException) => {
    streams.onError?.(error);
    if (!closed) deliver({ kind: "eof" });
    closed = true;
  });

  // SIGHUP (the terminal closed), SIGTERM and a SIGINT sent from outside: leave as from Ctrl-C, so the
  // partial session is saved.
  const signals = streams.signals ?? process;
  const onSignal = (signal: string) => () => deliver({ kind: "interrupt", code: SIGNAL_EXIT_CODES[signal] ?? 130 });
  const handlers = ["SIGHUP", "SIGTERM", "SIGINT"].map((s) => [s, onSignal(s)] as const);
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
    pause: (text: string) => {
      const event = ready.find((e) => e.kind !== "reply");
      if (event !== undefined) return Promise.resolve(event);
      if (closed) return Promise.resolve({ kind: "eof" });
      rl.setPrompt(text);
      rl.prompt();
      return new Promise<InputEvent | undefined>((resolve) => {
        pausing = resolve;
      });
    },
    leftover: () => ready.filter((e) => e.kind === "reply").length,
    close: () => {
      for (const [signal, handler] of handlers) signals.off(signal, handler);
      if (bracketed) streams.output.write(PASTE_OFF);
      if (!closed) {
        closed = true;
        try {
          rl.close();
        } catch (error) {
          // Setting a dead terminal back from raw mode fails; there is nothing left to set back.
          streams.onError?.(error as NodeJS.ErrnoException);
        }
      }
    },
  };
}
