/** `coach history`: the sessions as a table for the terminal and as JSON. Pure. */
import type { SessionSummary } from "../history/summary.js";
import { visible } from "./safe-text.js";
import type { Style } from "./style.js";
import { plural, utcMinute, widest } from "./text.js";

function* column(rows: readonly string[][], i: number): Iterable<string> {
  for (const row of rows) yield row[i] as string;
}

export interface HistoryEntryJson {
  id: string;
  /** When the session started (ISO, UTC). */
  date: string;
  scenario: string;
  scenarioTitle?: string;
  mode: string;
  score: number;
  partial: boolean;
  replies: number;
  trainee?: string;
  /** Mean level per criterion over the session's replies. */
  criteria: Record<string, number>;
}

export function historyJson(sessions: readonly SessionSummary[]): HistoryEntryJson[] {
  return sessions.map((s) => {
    const entry: HistoryEntryJson = {
      id: s.id,
      date: s.startedAt,
      scenario: s.scenario,
      mode: s.mode,
      score: s.score,
      partial: s.partial,
      replies: s.replies,
      criteria: Object.fromEntries(s.criteria.map((c, k) => [c.id, Math.round((s.means[k] ?? 0) * 100) / 100])),
    };
    if (s.scenarioTitle !== undefined) entry.scenarioTitle = s.scenarioTitle;
    if (s.trainee !== undefined) entry.trainee = s.trainee;
    return entry;
  });
}

export function scoreColour(score: number, style: Style): (text: string) => string {
  if (style.level === 0) return (text) => text;
  return score >= 67 ? style.green : score >= 34 ? style.yellow : style.red;
}

/** The sessions (already filtered and ordered) as a table; dates in UTC. */
export function renderHistoryTable(sessions: readonly SessionSummary[], style: Style, total: number): string {
  const header = ["ID", "DATE (UTC)", "SCENARIO", "MODE", "SCORE", ""];
  const rows = sessions.map((s) => [
    visible(s.id),
    utcMinute(s.startedAt),
    visible(s.scenario),
    visible(s.mode),
    `${String(s.score).padStart(3)}/100`,
    s.partial ? "partial" : "",
  ]);
  const widths = header.map((h, i) => widest(column(rows, i), h.length));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  const shown = sessions.length === total ? plural(total, "session") : `${sessions.length} of ${plural(total, "session")}`;
  const out = [`${style.bold(shown)}, newest first`, "", style.bold(line(header))];
  sessions.forEach((s, i) => {
    const cells = rows[i] as string[];
    let text = line(cells);
    if (style.level > 0) {
      const scoreAt = text.indexOf(cells[4] as string, (widths[0] as number) + (widths[1] as number) + (widths[2] as number));
      text = text.slice(0, scoreAt) + scoreColour(s.score, style)(cells[4] as string) + text.slice(scoreAt + (cells[4] as string).length);
      if (s.partial) text = text.replace(/partial$/, style.yellow("partial"));
    }
    out.push(text);
  });
  out.push("", style.dim("`coach history show ID` shows a session (the start of an ID is enough)."));
  return `${out.join("\n")}\n`;
}
