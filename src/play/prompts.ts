/**
 * The questions asked around a session at a terminal: which scenario, and whether to try again.
 * The only module that imports the prompt library; the command imports it only at a terminal, so
 * scripted runs, --json and every other command never load it.
 *
 * Inquirer rejects with ExitPromptError on Ctrl-C (and on SIGTERM/SIGHUP); `ask` turns that, and
 * Ctrl-D or the end of input (which Inquirer would otherwise wait on forever), into an answer the
 * caller handles like any other. This is the one place that knows about those errors.
 */
import { confirm, select } from "@inquirer/prompts";
import { visible } from "../report/safe-text.js";
import type { InputEvent, TerminalStreams } from "./input.js";

export type Asked<T> = { kind: "answer"; value: T } | Exclude<InputEvent, { kind: "reply" }>;

interface Keypress {
  name?: string;
  ctrl?: boolean;
}

async function ask<T>(
  streams: TerminalStreams,
  run: (context: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; signal: AbortSignal }) => Promise<T>,
): Promise<Asked<T>> {
  const controller = new AbortController();
  const onKey = (_: unknown, key: Keypress | undefined) => {
    if (key?.ctrl === true && key.name === "d") controller.abort("eof");
  };
  const onEnd = () => controller.abort("eof");
  streams.input.on("keypress", onKey);
  streams.input.on("end", onEnd);
  try {
    return { kind: "answer", value: await run({ input: streams.input, output: streams.output, signal: controller.signal }) };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "ExitPromptError") {
      const signal = /SIG[A-Z]+/.exec((error as Error).message)?.[0];
      return { kind: "interrupt", code: signal === "SIGHUP" ? 129 : signal === "SIGTERM" ? 143 : 130 };
    }
    if (name === "AbortPromptError") return { kind: "eof" };
    throw error;
  } finally {
    streams.input.off("keypress", onKey);
    streams.input.off("end", onEnd);
  }
}

export interface ScenarioChoice {
  id: string;
  title: string;
  difficulty: string;
  /** The latest finished session's score, when played before. */
  lastScore?: number;
}

export function choiceLabel(choice: ScenarioChoice, titleWidth: number): string {
  const last = choice.lastScore === undefined ? "not played yet" : `last score ${choice.lastScore}`;
  return `${visible(choice.title).padEnd(titleWidth)}  ${visible(choice.difficulty).padEnd(6)}  ${last}`;
}

export function pickScenario(streams: TerminalStreams, choices: readonly ScenarioChoice[]): Promise<Asked<string>> {
  const width = Math.max(...choices.map((c) => visible(c.title).length));
  return ask(streams, (context) =>
    select(
      {
        message: "Which complaint do you want to practise?",
        choices: choices.map((c) => ({ value: c.id, name: choiceLabel(c, width), short: visible(c.title) })),
        pageSize: 12,
      },
      context,
    ),
  );
}

export function confirmAgain(streams: TerminalStreams): Promise<Asked<boolean>> {
  return ask(streams, (context) => confirm({ message: "Try again?", default: false }, context));
}
