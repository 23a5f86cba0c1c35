/** The end-of-session scorecard for the terminal: score, a bar per criterion, evidence, three changes, the model answer. */
import type { SessionResult, SessionState } from "../engine/session.js";
import { moodName } from "../engine/session.js";
import { levelBar } from "./score-text.js";
import type { Style } from "./style.js";

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
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

export function renderScorecard(state: SessionState, result: SessionResult, style: Style, title?: string): string {
  const lines: string[] = [];
  const heading = `Scorecard: ${title ?? result.scenario}${result.partial ? " (partial: the session was not finished)" : ""}`;
  lines.push(style.bold(heading), "");
  lines.push(
    `  ${style.bold(`Overall ${result.score}/100`)}  over ${result.turns} repl${result.turns === 1 ? "y" : "ies"}; the customer ended ${moodName(result.finalMood)}`,
  );
  lines.push("");
  const width = Math.max(...result.criteria.map((c) => c.title.length), 8);
  for (const c of result.criteria) {
    const evidence = state.exchanges.flatMap((e) =>
      (e.score.criteria.find((x) => x.id === c.id)?.evidence ?? []).map((ev) => ({ ...ev, turn: e.turn })),
    );
    const best = evidence.find((e) => e.effect === "lost") ?? evidence.sort((a, b) => b.level - a.level)[0];
    const why =
      best === undefined ? style.dim("no evidence in your replies") : `"${best.quote}" ${style.dim(`(${best.rule}, ${best.turn})`)}`;
    lines.push(`  ${c.title.padEnd(width)}  ${levelBar(c.level, c.max, style)}  ${why}`);
  }
  if (result.flags.length > 0) lines.push("", `  ${style.red.bold("Flags:")} ${result.flags.join(", ")}`);
  if (result.changes.length > 0) {
    lines.push("", style.bold("Three changes that would help most"));
    result.changes.forEach((change, i) => {
      lines.push(wrap(change.feedback, 88, `  ${i + 1}. `).replace(/\n {2}\d+\. /g, "\n     "));
    });
  }
  const promises = result.ledger;
  if (promises.length > 0) {
    lines.push("", style.bold("Your promises"));
    for (const c of promises) {
      const when = c.due === undefined ? style.yellow("no time given") : c.due;
      lines.push(
        `  - ${c.who === "self" ? "I" : c.who === "team" ? "we" : c.who}: ${c.what} (${when})${c.status === "vague" ? style.yellow(" - called out as vague") : ""}`,
      );
    }
  }
  if (result.weakest !== undefined && result.weakest.model !== "") {
    lines.push("", style.bold(`Your weakest reply (${result.weakest.turn}, ${result.weakest.score}/100) beside the model answer`));
    lines.push(style.dim("  You:"), wrap(result.weakest.reply === "" ? "(empty)" : result.weakest.reply, 88, "    "));
    lines.push(style.dim("  Model:"), wrap(result.weakest.model, 88, "    "));
  }
  if (result.ending !== undefined) lines.push("", style.italic(wrap(result.ending, 88, "  ")));
  return `${lines.join("\n")}\n`;
}
