/**
 * A stored session for the terminal (`coach history show`): the transcript with the evidence marked
 * in each reply, then the scorecard. Works from a SessionRecord alone, so it shows a session as it was
 * scored, whatever the content says today. Pure.
 */

import { stripVTControlCharacters } from "node:util";
import type { SessionRecord, TurnRecord } from "../history/record.js";
import { evidenceMarks, splitByMarks } from "./evidence.js";
import { visibleBlock, visibleDeep } from "./safe-text.js";
import { levelBar } from "./score-text.js";
import { criterionEvidence, promiseLine, retryLines, titleInParens } from "./scorecard-parts.js";
import { moodName } from "./session-view.js";
import type { Style } from "./style.js";
import { decimal, plural, utcMinute, wrap } from "./text.js";

const WIDTH = 88;

function criterionMax(record: SessionRecord): Map<string, number> {
  const max = new Map<string, number>();
  for (const c of Array.isArray(record.result.criteria) ? record.result.criteria : []) {
    if (typeof c?.id === "string" && typeof c.max === "number") max.set(c.id, c.max);
  }
  return max;
}

/** The reply with evidence in green (earned) and red (cost); [words] and [!words] without colour. */
export function markReply(turn: TurnRecord, style: Style): string {
  const reply = typeof turn.reply === "string" ? turn.reply : "";
  return splitByMarks(reply, evidenceMarks(turn))
    .map(({ text: raw, mark }) => {
      // Made visible piece by piece: the marks are offsets into the reply as typed.
      const text = visibleBlock(raw);
      if (mark === undefined) return text;
      if (style.level === 0) return mark.lost ? `[!${text}]` : `[${text}]`;
      return mark.lost ? style.red.bold(text) : style.green.bold(text);
    })
    .join("");
}

/** `raw`: the record as stored, whose replies the evidence marks point into (`record` may be made visible). */
export function renderTranscript(record: SessionRecord, style: Style, raw: SessionRecord = record): string {
  const maxOf = criterionMax(record);
  const lines: string[] = [];
  record.turns.forEach((turn, i) => {
    if (turn === null || typeof turn !== "object") return;
    const heading = [`${i + 1}. ${turn.turn}`, turn.skip].filter((x) => x !== undefined && x !== "").join(" · ");
    lines.push(style.bold(`── ${heading} ──`));
    if (turn.narration !== undefined && turn.narration !== "") lines.push(style.italic(wrap(turn.narration, WIDTH, "  ")));
    lines.push(`${style.cyan("Customer:")}`, wrap(String(turn.customer ?? ""), WIDTH, "  "));
    const reply = markReply(raw.turns[i] ?? turn, style);
    lines.push(`${style.cyan("You:")}`, reply.trim() === "" ? style.dim("  (empty)") : wrap(reply, WIDTH, "  "));
    const levels = Object.entries(turn.levels ?? {})
      .map(([id, level]) => `${id} ${levelBar(level, maxOf.get(id) ?? 3, style)}`)
      .join("  ");
    lines.push(`  ${style.dim(`score ${turn.score}/100`)}   ${levels}`);
    if (Array.isArray(turn.flags) && turn.flags.length > 0) lines.push(`  ${style.red.bold("flags:")} ${turn.flags.join(", ")}`);
    if (typeof turn.moodAfter === "number") lines.push(`  ${style.dim(`the customer is now ${moodName(turn.moodAfter)}`)}`);
    lines.push("");
  });
  if (style.level === 0 && record.turns.some((t) => Array.isArray(t?.evidence) && t.evidence.length > 0)) {
    lines.push("[words] earned a level; [!words] cost one.", "");
  }
  return lines.join("\n");
}

/** The end-of-session scorecard, from the stored result and the turns' evidence. */
export function renderRecordScorecard(record: SessionRecord, style: Style): string {
  const result = record.result;
  const lines: string[] = [];
  const title = record.scenarioTitle ?? record.scenario;
  lines.push(style.bold(`Scorecard: ${title}${record.partial ? " (partial: the session was not finished)" : ""}`), "");
  const replies = typeof result.turns === "number" ? result.turns : record.turns.length;
  const mood = typeof result.finalMood === "number" ? `; the customer ended ${moodName(result.finalMood)}` : "";
  lines.push(`  ${style.bold(`Overall ${result.score}/100`)}  over ${plural(replies, "reply", "replies")}${mood}`, "");
  const criteria = result.criteria.filter((c) => c !== null && typeof c === "object");
  const width = Math.max(8, ...criteria.map((c) => String(c.title ?? c.id).length));
  for (const c of criteria) {
    const mean = typeof c.mean === "number" ? style.dim(` mean ${decimal(c.mean).padEnd(3)}`) : "";
    const head = `  ${String(c.title ?? c.id).padEnd(width)}  ${levelBar(c.level ?? 0, c.max ?? 3, style)}${mean}  `;
    if (c.shown !== undefined || c.cost !== undefined || (Array.isArray(c.levels) && record.turns.length > 0)) {
      // Saved with the quote that set the level: shown as it was decided.
      const [first = "", ...more] = criterionEvidence(c, style);
      lines.push(`${head}${first}`);
      for (const line of more) lines.push(`${" ".repeat(stripVTControlCharacters(head).length)}${line}`);
      continue;
    }
    // Sessions saved before that: the first cost, else the last evidence, named as it was stored.
    const evidence = record.turns.flatMap((t) =>
      (Array.isArray(t?.evidence) ? t.evidence : []).filter((e) => e?.criterion === c.id).map((e) => ({ ...e, turn: t.turn })),
    );
    const shown = evidence.find((e) => e.effect === "lost") ?? evidence.at(-1);
    const why =
      shown === undefined
        ? style.dim("no evidence in your replies")
        : `${shown.effect === "lost" ? `${style.red("cost:")} ` : ""}"${shown.quote}" ${style.dim(`(${titleInParens(shown.title ?? shown.rule)}, ${shown.turn})`)}`;
    lines.push(`${head}${why}`);
  }
  if (Array.isArray(result.flags) && result.flags.length > 0)
    lines.push("", `  ${style.red.bold("Flags:")} ${result.flags.map((f) => result.flagTitles?.[f] ?? f).join(", ")}`);
  const changes = Array.isArray(result.changes) ? result.changes : [];
  if (changes.length > 0) {
    lines.push("", style.bold("Three changes that would help most"));
    changes.forEach((change, i) => {
      lines.push(wrap(String(change.feedback), WIDTH, "     ").replace(/^ {5}/, `  ${i + 1}. `));
    });
  }
  const ledger = Array.isArray(record.ledger) ? record.ledger : [];
  if (ledger.length > 0) {
    lines.push("", style.bold("Your promises"));
    for (const c of ledger) lines.push(promiseLine(c, style));
  }
  lines.push(...retryLines(Array.isArray(result.retries) ? result.retries : undefined, style, (text, indent) => wrap(text, WIDTH, indent)));
  const weakest = result.weakest;
  if (weakest !== undefined && weakest.model !== "") {
    const which = typeof weakest.n === "number" ? `reply ${weakest.n}` : weakest.turn;
    lines.push("", style.bold(`Your weakest reply (${which}, ${weakest.score}/100) beside the model answer`));
    lines.push(style.dim("  You:"), wrap(weakest.reply === "" ? "(empty)" : weakest.reply, WIDTH, "    "));
    lines.push(style.dim("  Model:"), wrap(weakest.model, WIDTH, "    "));
  }
  if (result.ending !== undefined && result.ending !== "") lines.push("", style.italic(wrap(result.ending, WIDTH, "  ")));
  return `${lines.join("\n")}\n`;
}

/** Fields of a record that hold prose, which keeps its line breaks. */
const PROSE = new Set(["customer", "narration", "feedback", "model", "ending", "reply"]);

/** `coach history show`: a heading, the transcript, the scorecard. */
export function renderSessionText(stored: SessionRecord, style: Style): string {
  // A history can be edited by hand: every string in it is made visible before it is shown.
  // The transcript marks the stored replies (the evidence offsets point into them), piece by piece.
  const record = visibleDeep(stored, PROSE);
  const facts = [`${utcMinute(record.startedAt)} UTC`, record.mode, plural(record.turns.length, "reply", "replies")];
  if (record.trainee !== undefined) facts.push(`trainee ${record.trainee}`);
  if (record.partial) facts.push(style.yellow("partial"));
  const head = [
    style.bold(`${record.scenarioTitle ?? record.scenario} (${record.scenario})`),
    style.dim(`session ${record.id}`),
    facts.join(" · "),
    "",
  ];
  return `${head.join("\n")}\n${renderTranscript(record, style, stored)}${renderRecordScorecard(record, style)}`;
}
