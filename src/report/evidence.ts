/**
 * The evidence of a stored reply as non-overlapping marks, for the terminal, HTML and Markdown.
 * Where marks overlap they merge, and a mark that cost a level wins (it explains the cost), as in
 * the live feedback of `highlightReply`.
 */
import type { TurnRecord } from "../history/record.js";

export interface Mark {
  start: number;
  end: number;
  lost: boolean;
  /** "criterion: rule" for every piece of evidence merged into this mark. */
  reasons: string[];
}

export function evidenceMarks(turn: Pick<TurnRecord, "reply" | "evidence">): Mark[] {
  const length = typeof turn.reply === "string" ? turn.reply.length : 0;
  const all: Mark[] = [];
  for (const e of Array.isArray(turn.evidence) ? turn.evidence : []) {
    if (e === null || typeof e !== "object") continue;
    const { start, end } = e;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > length) continue;
    all.push({ start, end, lost: e.effect === "lost", reasons: [`${e.criterion}: ${e.rule}`] });
  }
  return mergeMarks(all);
}

/** Sorts marks and merges overlapping ones; a merged mark that cost a level stays a cost. */
export function mergeMarks(marks: readonly Mark[]): Mark[] {
  const all = [...marks].sort((a, b) => a.start - b.start || Number(b.lost) - Number(a.lost));
  const merged: Mark[] = [];
  for (const m of all) {
    const last = merged.at(-1);
    if (last !== undefined && m.start < last.end) {
      last.end = Math.max(last.end, m.end);
      last.lost ||= m.lost;
      for (const r of m.reasons) if (!last.reasons.includes(r)) last.reasons.push(r);
    } else merged.push({ ...m, reasons: [...m.reasons] });
  }
  return merged;
}

/** Splits a reply into plain and marked pieces, in order. */
export function splitByMarks(reply: string, marks: readonly Mark[]): Array<{ text: string; mark?: Mark }> {
  const pieces: Array<{ text: string; mark?: Mark }> = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    if (m.start > at) pieces.push({ text: reply.slice(at, m.start) });
    pieces.push({ text: reply.slice(m.start, m.end), mark: m });
    at = m.end;
  }
  if (at < reply.length) pieces.push({ text: reply.slice(at) });
  return pieces;
}
