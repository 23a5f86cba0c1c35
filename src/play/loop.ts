/**
 * One play-through of a scenario: the customer speaks, the trainee replies, the state machine picks
 * the next line. Input and output are injected, so tests drive it from a table and the command from
 * a script or a terminal. It never exits the process and never saves: it returns the state and how
 * the session ended, and the command decides what that means.
 */
import type { RubricSpec, ScenarioSpec } from "../content/schema.js";
import { coachFor } from "../engine/coaching.js";
import { boundReply, cutNotice } from "../engine/reply-limit.js";
import { applyReply, type Mode, retryLast, type SessionState, startSession } from "../engine/session.js";
import type { Style } from "../report/style.js";
import { hintFor, sessionSoFar, tipFor } from "./coaching.js";
import type { ReplyInput } from "./input.js";
import {
  type FeedbackView,
  PROMPT,
  renderBriefing,
  renderCustomerLine,
  renderEcho,
  renderFeedback,
  renderHint,
  TYPING_HELP,
  wrap,
} from "./render.js";

export type Outcome =
  /** The scenario reached its end. */
  | "finished"
  /** The trainee typed /quit. */
  | "quit"
  /** The input ended first (Ctrl-D, or the script ran out). */
  | "eof"
  /** Ctrl-C or a signal. */
  | "interrupted";

export interface LoopResult {
  state: SessionState;
  outcome: Outcome;
  /** For "interrupted": the exit code the signal asks for (130 for Ctrl-C). */
  exitCode?: number;
}

export interface LoopOptions {
  mode: Mode;
  input: ReplyInput;
  write: (text: string) => void;
  style: Style;
  width: number;
  now: () => Date;
  /** False when the caller has already shown the briefing and the first line. */
  showOpening?: boolean;
  /** Show the typing help before the first prompt (at a terminal). */
  showHelp?: boolean;
}

const COMMANDS = new Set(["/hint", "/retry", "/briefing", "/quit", "/help"]);

/** `/hint`, `/retry`, `/briefing`, `/quit`, `/help`: a reply that is only a command word. */
export function commandOf(reply: string): string | undefined {
  const word = reply.trim().toLowerCase();
  return /^\/[a-z]+$/.test(word) ? word : undefined;
}

export async function playSession(scenario: ScenarioSpec, rubric: RubricSpec, options: LoopOptions): Promise<LoopResult> {
  const { input, write, style, width } = options;
  let state = startSession(scenario, rubric, { mode: options.mode, now: options.now() });
  if (options.showOpening !== false) {
    write(renderBriefing(scenario, style, width));
    if (state.line !== undefined) write(renderCustomerLine(state.line, scenario.customer.name, state.mood, undefined, style, width));
  }
  if (options.showHelp === true) write(`\n${style.dim(wrap(TYPING_HELP, width))}\n`);

  while (!state.ended) {
    write("\n");
    const event = await input.read(style.bold(PROMPT));
    if (event.kind === "eof") return { state, outcome: "eof" };
    if (event.kind === "interrupt") return { state, outcome: "interrupted", exitCode: event.code };
    // Bounded once, here: the score, the ledger, the record and the feedback all use the same text.
    const bounded = boundReply(event.text);
    const reply = bounded.text;
    if (!input.echoes) write(renderEcho(reply, style));
    if (bounded.cut) write(`${style.yellow(wrap(cutNotice(bounded), width))}\n`);

    const command = commandOf(reply);
    if (command === "/quit") return { state, outcome: "quit" };
    if (command === "/hint") {
      write(renderHint(hintFor(state, scenario, rubric), style, width));
      continue;
    }
    if (command === "/briefing") {
      write(`\n${renderBriefing(scenario, style, width)}`);
      continue;
    }
    if (command === "/retry") {
      // Assessment is one try per line; practice lets the trainee answer the last line again.
      const back = options.mode === "practice" ? retryLast(state) : undefined;
      if (back === undefined || back.line === undefined) {
        const why =
          options.mode === "practice"
            ? "There is no reply to try again yet."
            : "/retry is for practice mode; an assessment takes each reply as given.";
        write(`${style.yellow(why)}\n`);
        continue;
      }
      state = back;
      write(`${style.dim("Trying again: both attempts stay in the record, and the scorecard counts the better one.")}\n`);
      // The customer says the line again (no scene break: the time has not passed twice).
      const { skip: _skip, narration: _narration, ...line } = back.line;
      write(renderCustomerLine(line, scenario.customer.name, state.mood, undefined, style, width));
      continue;
    }
    if (command !== undefined) {
      if (command !== "/help") write(`${style.yellow(`Unknown command ${command}.`)} `);
      write(`${style.dim(`${[...COMMANDS].join(", ")}. ${TYPING_HELP}`)}\n`);
      continue;
    }

    const before = state;
    state = applyReply(state, reply, scenario, rubric);
    const exchange = state.exchanges.at(-1);
    if (exchange === undefined || state === before) continue;
    if (options.mode === "practice") {
      const tip = tipFor(exchange.score, rubric, scenario, exchange.turn, sessionSoFar(state, exchange.reply));
      const coach = coachFor(rubric, scenario, exchange.turn);
      const view: FeedbackView = { reply, score: exchange.score, tip: tip.text, commitments: exchange.commitments, title: coach.title };
      if (tip.exemplar !== undefined) view.exemplar = tip.exemplar;
      // A time skip next: the promises that came due there, which the customer may hold the trainee to.
      if (state.line?.skip !== undefined) view.comingDue = state.ledger.filter((c) => c.cameDue === state.turn);
      write(renderFeedback(view, style, width));
    }
    if (state.line !== undefined) write(renderCustomerLine(state.line, scenario.customer.name, state.mood, before.mood, style, width));
  }
  return { state, outcome: "finished" };
}
