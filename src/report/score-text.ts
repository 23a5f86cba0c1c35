/** A scored reply for the terminal: levels as bars, the reply with its evidence marked, the feedback. */
import type { ReplyScore } from "../engine/score.js";
import { type Mark, mergeMarks, splitByMarks } from "./evidence.js";
import { visible, visibleBlock } from "./safe-text.js";
import { bar, type Style } from "./style.js";

/** The live evidence of a reply as merged marks (see evidence.ts for stored replies). */
function marks(result: ReplyScore): Mark[] {
  const all: Mark[] = [];
  for (const c of result.criteria)
    for (const e of c.evidence) all.push({ start: e.start, end: e.end, lost: e.effect === "lost", reasons: [`${c.id}: ${e.rule}`] });
  for (const f of result.flagEvidence)
    if (f.end > f.start) all.push({ start: f.start, end: f.end, lost: true, reasons: [`flag: ${f.id}`] });
  return mergeMarks(all);
}

/** The reply with the words that earned points in green and those that cost points in red ([ ] and [! ] without colour). */
export function highlightReply(reply: string, result: ReplyScore, style: Style): string {
  const plain = style.level === 0;
  const inReply = marks(result).filter((m) => m.end <= reply.length);
  return splitByMarks(reply, inReply)
    .map(({ text: raw, mark }) => {
      // Made visible piece by piece: the marks are offsets into the reply as typed.
      const text = visibleBlock(raw);
      if (mark === undefined) return text;
      if (plain) return mark.lost ? `[!${text}]` : `[${text}]`;
      return mark.lost ? style.red.bold(text) : style.green.bold(text);
    })
    .join("");
}

export function levelBar(level: number, max: number, style: Style): string {
  const text = `${bar(level, max)} ${level}/${max}`;
  if (style.level === 0) return text;
  return level >= 2 ? style.green(text) : level === 1 ? style.yellow(text) : style.red(text);
}

const MAX_SHOWN = 2000;

/** `notice`: said at the end, e.g. that the reply was cut to the bound before it was scored. */
export function renderReplyScore(reply: string, result: ReplyScore, style: Style, heading: string, notice?: string): string {
  const width = Math.max(...result.criteria.map((c) => visible(c.title).length));
  const lines = [`${style.bold(visible(heading))}  ${style.bold(`score ${result.score}/100`)}`, ""];
  for (const c of result.criteria) {
    const best = c.evidence.find((e) => e.effect === "lost") ?? c.evidence.at(-1);
    const named = best === undefined ? undefined : ((best as { title?: string }).title ?? best.rule);
    const why = best === undefined ? style.dim("nothing found") : `${style.dim(`${visible(named ?? "")}:`)} "${visible(best.quote)}"`;
    lines.push(`  ${visible(c.title).padEnd(width)}  ${levelBar(c.level, c.max, style)}  ${why}`);
  }
  if (result.flagEvidence.length > 0) {
    lines.push("");
    for (const f of result.flagEvidence)
      lines.push(`  ${style.red.bold(`flag ${visible(f.id)}`)}${f.quote === "" ? "" : `: "${visible(f.quote)}"`}`);
  }
  lines.push("", style.bold("Your reply"));
  const text =
    reply.length > MAX_SHOWN
      ? `${highlightReply(reply.slice(0, MAX_SHOWN), result, style)}… (${reply.length} characters)`
      : highlightReply(reply, result, style);
  lines.push(text === "" ? style.dim("  (empty)") : text.replace(/^/gm, "  "));
  lines.push("", style.bold("Feedback"));
  for (const c of result.criteria) lines.push(`  ${visible(c.title).padEnd(width)}  ${visible(c.feedback)}`);
  if (notice !== undefined) lines.push("", style.yellow(notice));
  else if (result.truncated) lines.push("", style.dim("Only the beginning of this very long reply was scored."));
  return `${lines.join("\n")}\n`;
}
