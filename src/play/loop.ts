/**
 * One play-through of a scenario: the customer speaks, the trainee replies, the state machine picks
 * the next line. Input and output are injected, so tests drive it from a table and the command from
 * a script or a terminal. It never exits the process and never saves: it returns the state and how
 * the session ended, and the command decides what that means.
 */
import { stripVTControlCharacters } from "node:util";
import type { RubricSpec, ScenarioSpec } from "../content/schema.js";
import { coachFor } from "../engine/coaching.js";
import { boundReply, cutNotice } from "../engine/reply-limit.js";
import { applyReply, type Mode, retryLast, type SessionState, startSession } from "../engine/session.js";
import type { Style } from "../report/style.js";
import { hintFor, sessionSoFar, tipFor } from "./coaching.js";
import type { InputEvent, ReplyInput } from "./input.js";
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
  /**
   * The terminal's height. Given, and where the input can pause (a terminal, never a script or a
   * pipe), text that would scroll what the trainee has not read yet off the top waits for Enter.
   */
  rows?: number;
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
  const { input, style, width } = options;
  let state = startSession(scenario, rubric, { mode: options.mode, now: options.now() });
  const write = pager(options);
  try {
    if (options.showOpening !== false) {
      await write(renderBriefing(scenario, style, width));
      if (state.line !== undefined)
        await write(renderCustomerLine(state.line, scenario.customer.name, state.mood, undefined, style, width));
    }
    if (options.showHelp === true) await write(`\n${style.dim(wrap(TYPING_HELP, width))}\n`);

    while (!state.ended) {
      await write("\n");
      const event = await input.read(style.bold(PROMPT));
      write.typed(event.kind === "reply" ? event.text : "");
      if (event.kind === "eof") return { state, outcome: "eof" };
      if (event.kind === "interrupt") return { state, outcome: "interrupted", exitCode: event.code };
      // Bounded once, here: the score, the ledger, the record and the feedback all use the same text.
      const bounded = boundReply(event.text);
      const reply = bounded.text;
      if (!input.echoes) await write(renderEcho(reply, style));
      if (bounded.cut) await write(`${style.yellow(wrap(cutNotice(bounded), width))}\n`);

      const command = commandOf(reply);
      if (command === "/quit") return { state, outcome: "quit" };
      if (command === "/hint") {
        await write(renderHint(hintFor(state, scenario, rubric), style, width));
        continue;
      }
      if (command === "/briefing") {
        await write(`\n${renderBriefing(scenario, style, width)}`);
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
          await write(`${style.yellow(why)}\n`);
          continue;
        }
        state = back;
        await write(`${style.dim("Trying again: both attempts stay in the record, and the scorecard counts the better one.")}\n`);
        // The customer says the line again (no scene break: the time has not passed twice).
        const { skip: _skip, narration: _narration, ...line } = back.line;
        await write(renderCustomerLine(line, scenario.customer.name, state.mood, undefined, style, width));
        continue;
      }
      if (command !== undefined) {
        if (command !== "/help") await write(`${style.yellow(`Unknown command ${command}.`)} `);
        await write(`${style.dim(`${[...COMMANDS].join(", ")}. ${TYPING_HELP}`)}\n`);
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
        await write(renderFeedback(view, style, width));
        // The scorecard comes next, taller than the screen: the last feedback is read first.
        if (state.ended) await write.hold("Press Enter for the scorecard. ");
      }
      if (state.line !== undefined)
        await write(renderCustomerLine(state.line, scenario.customer.name, state.mood, before.mood, style, width));
    }
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
    const { event } = error;
    return event.kind === "interrupt" ? { state, outcome: "interrupted", exitCode: event.code } : { state, outcome: "eof" };
  }
  return { state, outcome: "finished" };
}

/** The input ended, or was interrupted, while output waited for Enter. */
class Stopped {
  constructor(readonly event: InputEvent) {}
}

/**
 * Writes for the session. At a terminal that can pause, it counts the lines since the trainee last
 * typed, and before one would push unread lines off the top it asks for Enter ("Press Enter for
 * more"); a script or a pipe is written straight through, so piped input never waits.
 */
type Pager = ((text: string) => Promise<void>) & {
  /** The trainee typed a reply: the screen since then starts with it. */
  typed(reply: string): void;
  /** Waits for Enter before what comes next (the scorecard), at a terminal that can pause. */
  hold(why: string): Promise<void>;
};

function pager(options: LoopOptions): Pager {
  const { input, rows, style, width } = options;
  const pause = input.pause;
  if (rows === undefined || pause === undefined || rows < 6)
    return Object.assign(async (text: string) => options.write(text), { typed: () => {}, hold: async () => {} });
  let used = 0;
  const wait = async (why: string) => {
    const stop = await pause.call(input, style.dim(why));
    if (stop !== undefined) throw new Stopped(stop);
    used = 1;
  };
  const write = async (text: string) => {
    const lines = text.split("\n");
    const last = lines.pop() ?? "";
    // A piece that fits on a screen of its own (a customer's line) is not split across a pause.
    if (used > 0 && lines.length <= rows - 2 && lines.length > rows - 2 - used) await wait("Press Enter for more. ");
    let at = 0;
    while (at < lines.length) {
      // One row kept for the pause's own line.
      const room = rows - 2 - used;
      if (room <= 0) {
        await wait("Press Enter for more. ");
        continue;
      }
      // A page ends before an item (a line indented two spaces or less), not inside a wrapped one, where it can.
      let size = Math.min(room, lines.length - at);
      if (at + size < lines.length) {
        const start = (line: string | undefined) => line !== undefined && /^ {0,2}(\S|$)/.test(stripVTControlCharacters(line));
        // Best before a line at the margin or a blank one, so a customer's line and its indented rest stay together.
        const margin = (line: string | undefined) => line !== undefined && /^(\S|$)/.test(stripVTControlCharacters(line));
        let k = size;
        while (k > 1 && !margin(lines[at + k])) k--;
        if (k <= size / 2) {
          k = size;
          while (k > 1 && !start(lines[at + k])) k--;
        }
        if (k > 1 || start(lines[at + 1])) size = k;
      }
      const page = lines.slice(at, at + size);
      options.write(`${page.join("\n")}\n`);
      // A page cut short at a good break is full: what follows waits for the next one.
      used = size < Math.min(room, lines.length - at) ? rows - 2 : used + page.length;
      at += page.length;
    }
    if (last !== "") options.write(last);
  };
  return Object.assign(write, {
    typed(reply: string) {
      used = reply.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil((PROMPT.length + line.length) / Math.max(1, width))), 0);
    },
    hold: (why: string) => wait(why),
  });
}
