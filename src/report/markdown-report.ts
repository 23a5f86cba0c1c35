/**
 * A session as Markdown, for pasting into a ticket or a pull request: the scorecard as a table, the
 * changes, the transcript with evidence in **bold** (earned) and ~~struck through~~ (cost a level), the
 * model answers and the commitments. The trainee's words are escaped, so they can never turn into
 * links, HTML or table breaks. Pure.
 */
import type { SessionRecord } from "../history/record.js";
import { visibleBlock, visibleDeep } from "./safe-text.js";
import { moodName, type SessionView, sessionView, type ViewTurn, who } from "./session-view.js";
import { bar } from "./style.js";
import { decimal, levelName, utcMinute } from "./text.js";

/** Escapes Markdown and HTML syntax in running text. */
export function mdEscape(text: string): string {
  return visibleBlock(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_~[\]|]/g, "\\$&")
    .replace(/^(\s*)(#|[-+=](?=\s))/gm, "$1\\$2")
    .replace(/^(\s*)(\d+)([.)])(?=\s)/gm, "$1$2\\$3");
}

/** Text for a table cell: escaped, on one line. */
function cell(text: string): string {
  return mdEscape(text).replace(/\r?\n/g, " ");
}

/** Text as a block quote, every line quoted. */
function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => (line.trim() === "" ? ">" : `> ${line}`))
    .join("\n");
}

/** Wraps a piece of the reply in a marker, keeping surrounding spaces outside it so the emphasis parses. */
function around(text: string, marker: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  const [, lead = "", body = "", trail = ""] = match ?? [];
  if (body === "") return text;
  return `${lead}${marker}${mdEscape(body)}${marker}${trail}`;
}

function markedReply(turn: ViewTurn): string {
  let out = "";
  let at = 0;
  for (const m of turn.marks) {
    if (m.start < at) continue;
    out += mdEscape(turn.reply.slice(at, m.start));
    out += around(turn.reply.slice(m.start, m.end), m.lost ? "~~" : "**");
    at = m.end;
  }
  return out + mdEscape(turn.reply.slice(at));
}

function scorecard(view: SessionView): string[] {
  const lines = ["## Scorecard", "", "| Criterion | Level | Mean | Weight | Evidence |", "|---|---|---:|---:|---|"];
  for (const c of view.criteria) {
    const evidence =
      c.shown === undefined
        ? "no evidence"
        : `${c.shown.lost ? "cost: " : ""}"${cell(c.shown.quote)}" (${cell(c.shown.rule)}, ${cell(c.shown.turn)})`;
    lines.push(
      `| ${cell(c.title)} | \`${bar(c.level, c.max)}\` ${c.level}/${c.max} ${levelName((c.level / c.max) * 3)} | ${decimal(c.mean)} | ${c.weight} | ${evidence} |`,
    );
  }
  if (view.flags.length > 0) lines.push("", `**Flags:** ${view.flags.map((f) => `\`${f}\``).join(", ")}`);
  if (view.changes.length > 0) {
    lines.push("", "### The changes that would help most", "");
    view.changes.forEach((c, i) => {
      lines.push(`${i + 1}. ${mdEscape(c.feedback)} _(${cell(c.criterion)}: ${cell(c.rule)})_`);
    });
  }
  return lines;
}

function turnLines(turn: ViewTurn): string[] {
  const lines = [`### ${turn.n}. ${cell(turn.turn)}${turn.skip === undefined ? "" : ` (${cell(turn.skip)})`}`, ""];
  if (turn.narration !== undefined) lines.push(`_${cell(turn.narration)}_`, "");
  lines.push("**Customer:**", "", quote(mdEscape(turn.customer)), "");
  lines.push("**Trainee:**", "", quote(turn.reply.trim() === "" ? "_(empty reply)_" : markedReply(turn)), "");
  const levels = turn.levels.map((l) => `${cell(l.title)} ${l.level}/${l.max}`);
  const flags = turn.flags.length === 0 ? "" : ` · flags: ${turn.flags.map((f) => `\`${f}\``).join(", ")}`;
  const mood = turn.moodAfter === undefined ? "" : ` · the customer is now ${moodName(turn.moodAfter)}`;
  lines.push(`Score ${turn.score}/100 · ${levels.join(" · ")}${flags}${mood}`, "");
  for (const f of turn.feedback) if (f.level < f.max) lines.push(`- ${cell(f.title)}: ${mdEscape(f.text)}`);
  if (turn.feedback.some((f) => f.level < f.max)) lines.push("");
  if (turn.model !== undefined) lines.push("**Model answer:**", "", quote(mdEscape(turn.model)), "");
  return lines;
}

export function renderMarkdownReport(stored: SessionRecord, options: { models?: ReadonlyMap<string, string> } = {}): string {
  // Printed to a terminal when no file is named: every string of the record is made visible (replies
  // piece by piece, through mdEscape, since their evidence marks are offsets into the text as typed).
  const record = visibleDeep(stored, new Set(["customer", "narration", "feedback", "model", "ending"]), new Set(["reply"]));
  const view = sessionView(record, options.models);
  const facts = [
    `\`${view.scenario}\``,
    `${utcMinute(view.startedAt)} UTC`,
    view.mode,
    `${view.turns.length} repl${view.turns.length === 1 ? "y" : "ies"}`,
  ];
  if (view.trainee !== undefined) facts.push(`trainee ${cell(view.trainee)}`);
  if (view.partial) facts.push("**partial: not finished**");
  const lines = [
    `# ${cell(view.title)}: ${view.score}/100`,
    "",
    `${facts.join(" · ")}  `,
    `Session \`${view.id}\``,
    "",
    ...scorecard(view),
    "",
    "## Transcript",
    "",
    "Evidence in the replies: **bold** earned a level, ~~struck through~~ cost one.",
    "",
  ];
  if (view.turns.length === 0) lines.push("No replies: the session ended before the first one.", "");
  for (const turn of view.turns) lines.push(...turnLines(turn));
  lines.push("## Commitments", "");
  if (view.ledger.length === 0) lines.push("No commitments were made in this session.");
  else {
    lines.push("| Turn | Who | What | By when | Status |", "|---|---|---|---|---|");
    for (const c of view.ledger) {
      lines.push(
        `| ${cell(c.turn)} | ${cell(who(c))} | ${cell(c.what)} | ${c.due === undefined ? "**no time given**" : cell(c.due)} | ${cell(c.status)}${c.calledOut === true ? " (the customer called it out)" : ""} |`,
      );
    }
  }
  if (view.ending !== undefined || view.finalMood !== undefined) {
    lines.push("", "## How it ended", "");
    if (view.ending !== undefined) lines.push(`_${cell(view.ending)}_`, "");
    if (view.finalMood !== undefined) lines.push(`The customer ended ${moodName(view.finalMood)}.`);
  }
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}
