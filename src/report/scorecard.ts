/** The end-of-session scorecard for the terminal: score, a bar per criterion, evidence, three changes, the model answer. */
import { stripVTControlCharacters } from "node:util";
import type { SessionResult, SessionState } from "../engine/session.js";
import { moodName } from "../engine/session.js";
import { visible, visibleBlock } from "./safe-text.js";
import { levelBar } from "./score-text.js";
import { criterionEvidence, promiseLine, retryLines } from "./scorecard-parts.js";
import type { Style } from "./style.js";
import { wrapTo } from "./text.js";

/** Plain text (a reply, feedback, the ending) wrapped to the screen, its control characters made visible. */
function wrap(text: string, width: number, indent: string, first = indent): string {
  return wrapTo(visibleBlock(text), width, indent, first);
}

/** Promises listed on the scorecard; the rest are counted (the report lists them all). */
const MAX_PROMISES_LISTED = 10;

/** The scorecard, wrapped to `width` columns (the screen's, at a terminal). */
export function renderScorecard(_state: SessionState, result: SessionResult, style: Style, title?: string, width = 88): string {
  const lines: string[] = [];
  const heading = `Scorecard: ${visible(title ?? result.scenario)}${result.partial ? " (partial: the session was not finished)" : ""}`;
  lines.push(
    wrapTo(heading, width, "  ", "")
      .split("\n")
      .map((l) => style.bold(l))
      .join("\n"),
    "",
  );
  const overall = `${style.bold(`Overall ${result.score}/100`)}  over ${result.turns} repl${result.turns === 1 ? "y" : "ies"}; the customer ended ${moodName(result.finalMood)}`;
  lines.push(stripVTControlCharacters(overall).length + 2 <= width ? `  ${overall}` : wrapTo(overall, width, "  ", "  "));
  lines.push("");
  const titles = Math.max(...result.criteria.map((c) => visible(c.title).length), 8);
  for (const c of result.criteria) {
    const head = `  ${visible(c.title).padEnd(titles)}  ${levelBar(c.level, c.max, style)}  `;
    // The evidence under its own column while that leaves room for it, else on the lines below.
    const column = stripVTControlCharacters(head).length;
    const pad = " ".repeat(column <= width - 24 ? column : 4);
    const [first = "", ...more] = criterionEvidence(c, style);
    if (column <= width - 24) lines.push(wrapTo(first, width, pad, head));
    else lines.push(head.trimEnd(), wrapTo(first, width, pad));
    for (const line of more) lines.push(wrapTo(line, width, pad));
  }
  if (result.flags.length > 0)
    lines.push(
      "",
      wrapTo(
        `${style.red.bold("Flags:")} ${visible(result.flags.map((f) => result.flagTitles?.[f] ?? f).join(", "))}`,
        width,
        "    ",
        "  ",
      ),
    );
  if (result.changes.length > 0) {
    lines.push("", style.bold(wrapTo("Three changes that would help most", width)));
    result.changes.forEach((change, i) => {
      lines.push(wrap(change.feedback, width, "     ", `  ${i + 1}. `));
    });
  }
  const promises = result.ledger;
  if (promises.length > 0) {
    lines.push("", style.bold("Your promises"));
    for (const c of promises.slice(0, MAX_PROMISES_LISTED))
      lines.push(wrapTo(promiseLine(c, style).replace(/^ {2}- /, ""), width, "    ", "  - "));
    if (promises.length > MAX_PROMISES_LISTED) lines.push(style.dim(`  ... and ${promises.length - MAX_PROMISES_LISTED} more`));
  }
  lines.push(...retryLines(result.retries, style, (text, indent) => wrap(text, width, indent)));
  if (result.weakest !== undefined && result.weakest.model !== "") {
    const which = result.weakest.n === undefined ? result.weakest.turn : `reply ${result.weakest.n}`;
    lines.push(
      "",
      style.bold(wrapTo(`Your weakest reply (${visible(which)}, ${result.weakest.score}/100) beside the model answer`, width)),
    );
    lines.push(style.dim("  You:"), wrap(result.weakest.reply === "" ? "(empty)" : result.weakest.reply, width, "    "));
    lines.push(style.dim("  Model:"), wrap(result.weakest.model, width, "    "));
  }
  if (result.ending !== undefined) lines.push("", style.italic(wrap(result.ending, width, "  ")));
  return `${lines.join("\n")}\n`;
}
