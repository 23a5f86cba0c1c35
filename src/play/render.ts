/**
 * The session's screens as text: the briefing, the customer's lines with their mood, scene breaks,
 * the trainee's replies and the practice feedback. Pure, and light on purpose: the opening is drawn
 * from this module before the engine (and its NLP model) is loaded, so it imports engine types only.
 */
import type { Commitment } from "../engine/ledger.js";
import type { ReplyScore } from "../engine/score.js";
import type { CustomerLine } from "../engine/session.js";
import { visible, visibleBlock } from "../report/safe-text.js";
import { highlightReply, levelBar } from "../report/score-text.js";
import type { Style } from "../report/style.js";
import { visibleLength, wrapTo } from "../report/text.js";
import { moodLabel, moodMeter, moodValue } from "./mood.js";
import type { OpeningScenario } from "./opening.js";

export const PROMPT = "You › ";
/** Promises listed in the feedback on one reply; more are counted. */
export const MAX_PROMISES_SHOWN = 5;
export const CONTINUATION = "    … ";

export const TYPING_HELP =
  "Type your reply and press Enter to send it. End a line with \\ to go on to the next line. /hint: what is missing, /retry: answer the last line again, /briefing: read the briefing again, /quit: stop.";

/**
 * Word wrap to the screen's width (the indent counts, colour codes do not; only a word longer than
 * a line is cut); every line starts with `indent`, the first with `first` when given. The text is
 * plain (never styled) and comes from content or the trainee: its control characters are made visible.
 */
export function wrap(text: string, width: number, indent = "", first = indent): string {
  return wrapTo(visibleBlock(text), width, indent, first);
}

/** The first thing the customer says, straight from the scenario (no promises made yet). */
export function openingLine(scenario: OpeningScenario): CustomerLine | undefined {
  const turn = scenario.turns[0];
  if (turn === undefined) return undefined;
  const said = turn.customer;
  const text = typeof said === "string" ? said : "none" in said ? said.none : (said[0]?.text ?? "");
  const line: CustomerLine = { turn: turn.id, text };
  if (turn.skip !== undefined) line.skip = turn.skip;
  const narration = typeof turn.narration === "string" ? turn.narration : turn.narration?.[0]?.text;
  if (narration !== undefined) line.narration = narration;
  return line;
}

export function renderBriefing(scenario: OpeningScenario, style: Style, width: number): string {
  const { briefing, customer } = scenario;
  const lines = [style.bold(`${visible(scenario.title)}  ·  ${visible(scenario.difficulty)}`), ""];
  lines.push(wrap(briefing.role, width, "  ", `${style.bold("You:")} `), "");
  lines.push(style.bold("What has happened:"), wrap(briefing.situation, width, "  "), "");
  if (briefing.facts !== undefined && briefing.facts.length > 0) {
    lines.push(style.bold("What you know:"));
    for (const fact of briefing.facts) lines.push(wrap(fact, width, "    ", "  - "));
    lines.push("");
  }
  lines.push(wrap(`${customer.name}. ${customer.persona}`, width, "  ", `${style.bold("The customer:")} `));
  return `${lines.join("\n")}\n`;
}

export function renderMood(mood: number, previous: number | undefined, style: Style): string {
  const colour = mood <= 2 ? style.red : mood <= 5 ? style.yellow : style.green;
  const trend = previous === undefined || previous === mood ? "" : mood > previous ? "  (calmer)" : "  (angrier)";
  return `${style.dim("Mood:")} ${colour(`${moodLabel(mood)} ${moodMeter(mood)}`)}${style.dim(trend)}`;
}

export function renderSceneBreak(skip: string, narration: string | undefined, style: Style, width: number): string {
  const lines = [style.bold(`— ${visible(skip)} —`)];
  if (narration !== undefined && narration.trim() !== "") lines.push(style.italic(wrap(narration, width, "")));
  return lines.join("\n");
}

/** A customer line: a scene break first when time has passed, then the mood and what they say. */
export function renderCustomerLine(
  line: CustomerLine,
  customer: string,
  mood: number,
  previous: number | undefined,
  style: Style,
  width: number,
): string {
  const parts: string[] = [""];
  if (line.skip !== undefined) parts.push(renderSceneBreak(line.skip, line.narration, style, width), "");
  parts.push(renderMood(mood, previous, style));
  parts.push(wrap(line.text, width, "  ", `${style.bold(`${visible(customer)}:`)} `));
  return `${parts.join("\n")}\n`;
}

/** The briefing and the customer's first line: the screen a trainee sees before typing anything. */
export function renderOpening(scenario: OpeningScenario, style: Style, width: number): string {
  const line = openingLine(scenario);
  const first =
    line === undefined ? "" : renderCustomerLine(line, scenario.customer.name, moodValue(scenario.customer.mood), undefined, style, width);
  return renderBriefing(scenario, style, width) + first;
}

/** A scripted reply printed into the transcript, as if typed. */
export function renderEcho(reply: string, style: Style): string {
  const [head = "", ...rest] = visibleBlock(reply).split("\n");
  return `${style.bold(PROMPT)}${head}${rest.map((l) => `\n${" ".repeat(PROMPT.length)}${l}`).join("")}\n`;
}

function describePromise(c: Commitment): string {
  return visible(c.due === undefined ? c.what : `${c.what} (${c.due})`);
}

export interface FeedbackView {
  reply: string;
  score: ReplyScore;
  /** The one change worth most for this reply. */
  tip: string;
  /** Promises made in this reply. */
  commitments: readonly Commitment[];
  /** When the next line comes after a time skip: the promises it will hold the trainee to. */
  comingDue?: readonly Commitment[];
  /** What the trainee reads for a rule or flag id (JSON keeps the ids). */
  title?: (id: string) => string;
  /** What the tip's criterion looks like at its best in this turn's model answer. */
  exemplar?: { criterion: string; level: number; max: number; quote: string };
}

/** The compact block after a reply in practice mode: a bar per criterion, the reply marked up, one tip. */
export function renderFeedback(view: FeedbackView, style: Style, width: number): string {
  const { score } = view;
  const titleWidth = Math.max(...score.criteria.map((c) => visible(c.title).length));
  const lines = ["", style.bold(`Feedback  ${score.score}/100`)];
  for (const c of score.criteria) {
    const decisive = c.evidence.find((e) => e.effect === "lost") ?? [...c.evidence].sort((a, b) => b.level - a.level)[0];
    const named =
      decisive === undefined ? undefined : ((decisive as { title?: string }).title ?? view.title?.(decisive.rule) ?? decisive.rule);
    const head = `  ${visible(c.title).padEnd(titleWidth)}  ${levelBar(c.level, c.max, style)}`;
    if (named === undefined) lines.push(head);
    else {
      // A long title wraps under its own column (a hanging indent), as on the scorecard; on a screen
      // too narrow for that column, it goes on the lines below.
      const column = visibleLength(head) + 2;
      const pad = " ".repeat(column <= width - 20 ? column : 4);
      const title = style.dim(visible(named));
      if (column <= width - 20) lines.push(wrapTo(title, width, pad, `${head}  `));
      else lines.push(head, wrapTo(title, width, pad));
    }
  }
  // Wrapped like every other line here, under its own words: a long quote broke mid-word at the edge.
  for (const f of score.flagEvidence)
    lines.push(
      wrapTo(
        `${f.quote === "" ? "" : `"${visible(f.quote)}"`}`,
        width,
        "    ",
        `  ${style.red.bold(`flag: ${visible(view.title?.(f.id) ?? f.id)}`)}${f.quote === "" ? "" : ": "}`,
      ),
    );
  const marked = highlightReply(view.reply.length > 2000 ? view.reply.slice(0, 2000) : view.reply, score, style);
  // Wrapped at word boundaries here: left to the terminal, a long reply broke mid-word. (Styled: wrapTo, not wrap.)
  lines.push(wrapTo(marked, width, "    ", `  ${style.dim("Your words:")} `));
  lines.push(wrap(view.tip, width, "       ", `  ${style.cyan.bold("Tip:")} `));
  if (view.exemplar !== undefined) {
    const { criterion, level, max, quote } = view.exemplar;
    lines.push(
      wrap(`"${quote}"`, width, "       ", `  ${style.dim(`What ${level}/${max} ${visible(criterion.toLowerCase())} looks like here:`)} `),
    );
  }
  // A reply of promise after promise gets the first few listed, then a count.
  const listed = view.commitments.slice(0, MAX_PROMISES_SHOWN);
  for (const c of listed) {
    const noted = c.vague
      ? `${style.yellow("Promise noted, with no clear time:")} ${describePromise(c)}. Say by when.`
      : `${style.dim("Promise noted:")} ${describePromise(c)}.`;
    lines.push(wrapTo(noted, width, "    ", "  "));
  }
  if (view.commitments.length > listed.length)
    lines.push(`  ${style.dim(`... and ${view.commitments.length - listed.length} more promises.`)}`);
  const due = view.comingDue ?? [];
  for (const c of due.slice(0, MAX_PROMISES_SHOWN)) {
    const line =
      c.status === "kept"
        ? `Time passes. You kept your promise: ${describePromise(c)}.`
        : c.status === "missed"
          ? `Time passes. Your promise was not kept: ${describePromise(c)}.`
          : c.vague || c.status === "vague"
            ? `Time passes. Your promise "${c.quote}" had no time: the customer may come back to it.`
            : `Time passes. The customer will hold you to your promise: ${describePromise(c)}.`;
    const mark = c.status === "missed" || c.vague || c.status === "vague" ? style.yellow("!") : style.dim("·");
    lines.push(wrap(line, width, "    ", `  ${mark} `));
  }
  if (due.length > MAX_PROMISES_SHOWN) lines.push(`  ${style.dim(`... and ${due.length - MAX_PROMISES_SHOWN} more promises come due.`)}`);
  return `${lines.join("\n")}\n`;
}

export interface HintView {
  turnHint?: string;
  criterion?: string;
  feedback?: string;
}

export function renderHint(hint: HintView, style: Style, width: number): string {
  const lines = [style.cyan.bold("Hint")];
  if (hint.turnHint !== undefined) lines.push(wrap(hint.turnHint, width, "  "));
  if (hint.criterion !== undefined && hint.feedback !== undefined)
    lines.push(wrap(hint.feedback, width, "    ", `  ${style.bold(`${visible(hint.criterion)}:`)} `));
  if (lines.length === 1) lines.push("  No hint for this turn: answer what the customer asked, and say what you will do and by when.");
  return `${lines.join("\n")}\n`;
}
