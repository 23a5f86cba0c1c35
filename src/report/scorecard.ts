/** The end-of-session scorecard for the terminal: score, a bar per criterion, evidence, three changes, the model answer. */
import { stripVTControlCharacters } from "node:util";
import type { SessionResult, SessionState } from "../engine/session.js";
import { moodName } from "../engine/session.js";
import { visible, visibleBlock } from "./safe-text.js";
import { levelBar } from "./score-text.js";
import { criterionEvidence, promiseLine, retryLines } from "./scorecard-parts.js";
import type { Style } from "./style.js";

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  for (const paragraph of visibleBlock(text).split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/)) {
      if (line !== "" && line.length + word.length + 1 > width) {
        out.push(indent + line);
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    out.push(indent + line);
  }
  return out.join("\n");
}

/** Promises listed on the scorecard; the rest are counted (the report lists them all). */
const MAX_PROMISES_LISTED = 10;

export function renderScorecard(_state: SessionState, result: SessionResult, style: Style, title?: string): string {
  const lines: string[] = [];
  const heading = `Scorecard: ${visible(title ?? result.scenario)}${result.partial ? " (partial: the session was not finished)" : ""}`;
  lines.push(style.bold(heading), "");
  lines.push(
    `  ${style.bold(`Overall ${result.score}/100`)}  over ${result.turns} repl${result.turns === 1 ? "y" : "ies"}; the customer ended ${moodName(result.finalMood)}`,
  );
  lines.push("");
  const width = Math.max(...result.criteria.map((c) => visible(c.title).length), 8);
  for (const c of result.criteria) {
    const [first = "", ...more] = criterionEvidence(c, style);
    lines.push(`  ${visible(c.title).padEnd(width)}  ${levelBar(c.level, c.max, style)}  ${first}`);
    const pad = " ".repeat(width + stripVTControlCharacters(levelBar(c.level, c.max, style)).length + 4);
    for (const line of more) lines.push(`  ${pad}${line}`);
  }
  if (result.flags.length > 0)
    lines.push("", `  ${style.red.bold("Flags:")} ${visible(result.flags.map((f) => result.flagTitles?.[f] ?? f).join(", "))}`);
  if (result.changes.length > 0) {
    lines.push("", style.bold("Three changes that would help most"));
    result.changes.forEach((change, i) => {
      lines.push(wrap(change.feedback, 88, `  ${i + 1}. `).replace(/\n {2}\d+\. /g, "\n     "));
    });
  }
  const promises = result.ledger;
  if (promises.length > 0) {
    lines.push("", style.bold("Your promises"));
    for (const c of promises.slice(0, MAX_PROMISES_LISTED)) lines.push(promiseLine(c, style));
    if (promises.length > MAX_PROMISES_LISTED) lines.push(style.dim(`  ... and ${promises.length - MAX_PROMISES_LISTED} more`));
  }
  lines.push(...retryLines(result.retries, style, (text, indent) => wrap(text, 88, indent)));
  if (result.weakest !== undefined && result.weakest.model !== "") {
    const which = result.weakest.n === undefined ? result.weakest.turn : `reply ${result.weakest.n}`;
    lines.push("", style.bold(`Your weakest reply (${visible(which)}, ${result.weakest.score}/100) beside the model answer`));
    lines.push(style.dim("  You:"), wrap(result.weakest.reply === "" ? "(empty)" : result.weakest.reply, 88, "    "));
    lines.push(style.dim("  Model:"), wrap(result.weakest.model, 88, "    "));
  }
  if (result.ending !== undefined) lines.push("", style.italic(wrap(result.ending, 88, "  ")));
  return `${lines.join("\n")}\n`;
}
