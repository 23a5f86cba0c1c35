/**
 * Pieces of the scorecard that the live one (scorecard.ts) and the stored one (session-text.ts)
 * share: the words that set a criterion's level and what cost it, a promise's status, the lines
 * tried again. Titles, never rule ids: the trainee reads "A call-back with a time". Pure.
 */
import type { Commitment } from "../engine/ledger.js";
import type { Retry, SessionCriterion, ShownEvidence } from "../engine/session.js";
import { visible } from "./safe-text.js";
import type { Style } from "./style.js";

/** A title inside "(title, reply 2)": a title written as a sentence loses its full stop there, so it never reads "found., reply 2". */
export function titleInParens(title: string): string {
  return visible(title).replace(/\s*[.;:,]+$/, "");
}

function quoted(e: ShownEvidence): string {
  return e.quote === "" ? "(nothing said)" : `"${visible(e.quote)}"`;
}

/**
 * Why the criterion has its level: the quote that set it, from a reply at that level ("reply 2"), or,
 * when no reply sat exactly at the session's level, the nearest reply with its own level; then a
 * cost, shown as a cost.
 */
export function criterionEvidence(c: Pick<SessionCriterion, "level" | "max" | "shown" | "cost" | "levels">, style: Style): string[] {
  const out: string[] = [];
  const shown = c.shown;
  if (shown === undefined) out.push(style.dim("nothing in your replies earned it"));
  else {
    const where = shown.level === c.level ? `reply ${shown.reply}` : `reply ${shown.reply}, at ${shown.level}/${c.max}`;
    const lead = shown.cost ? `${style.red("cost:")} ` : "";
    out.push(`${lead}${quoted(shown)} ${style.dim(`(${titleInParens(shown.title)}, ${where})`)}`);
  }
  // Whenever the replies differ: a 3/3 reply must not vanish behind a session level of 1/3 that quotes another reply.
  if (shown !== undefined && c.levels !== undefined && c.levels.length > 1 && c.levels.some((l) => l !== c.level))
    out.push(style.dim(`your replies: ${c.levels.map((l) => `${l}/${c.max}`).join(", ")}`));
  if (c.cost !== undefined)
    out.push(`${style.red("cost:")} ${quoted(c.cost)} ${style.dim(`(${titleInParens(c.cost.title)}, reply ${c.cost.reply})`)}`);
  return out;
}

/** What became of a promise, as the trainee reads it. */
export function promiseStatus(c: Commitment, style: Style): string {
  if (c.status === "vague") return style.yellow(" - called out as vague");
  if (c.status === "kept") return style.green(" - kept");
  if (c.status === "missed") return style.yellow(` - missed${c.calledOut === true ? ", and the customer said so" : ""}`);
  if (c.vague && c.calledOut === true) return style.yellow(" - no time, and the customer called it out");
  if (c.status === "due") return c.calledOut === true ? " - came due, and the customer held you to it" : " - came due";
  if (c.event === true) return style.dim(" - open until then");
  return "";
}

export function promiseLine(c: Commitment, style: Style): string {
  const who = c.who === "self" ? "I" : c.who === "team" ? "we" : visible(c.who);
  const when = c.due === undefined ? style.yellow("no time given") : visible(c.due);
  return `  - ${who}: ${visible(c.what)} (${when})${promiseStatus(c, style)}`;
}

/** The lines tried again with /retry: the first attempt beside the one that counts. */
export function retryLines(retries: readonly Retry[] | undefined, style: Style, wrap: (text: string, indent: string) => string): string[] {
  if (retries === undefined || retries.length === 0) return [];
  const lines = ["", style.bold("Tried again")];
  for (const r of retries) {
    const which = r.counted.reply === r.first.reply && r.counted.score === r.first.score ? "the first counts" : "the better one counts";
    lines.push(`  Reply ${r.reply}: ${r.attempts} attempts, ${which}.`);
    lines.push(style.dim(`    First (${r.first.score}/100):`), wrap(r.first.reply === "" ? "(empty)" : r.first.reply, "      "));
    lines.push(style.dim(`    Counted (${r.counted.score}/100):`), wrap(r.counted.reply === "" ? "(empty)" : r.counted.reply, "      "));
  }
  return lines;
}
