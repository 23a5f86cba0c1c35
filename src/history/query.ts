/** Choosing sessions from the history: filters, newest first, and ids given by a unique start. Pure. */
import { byStart, type SessionSummary } from "./summary.js";

export interface HistoryFilter {
  scenario?: string;
  /** ISO instants, inclusive. */
  since?: string;
  until?: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A date bound from the command line, in UTC like the dates `coach history` shows: a day
 * (YYYY-MM-DD: from its first moment for --since, to its last for --until) or an ISO date-time.
 * Undefined when the text is not a date.
 */
export function dateBound(text: string, side: "since" | "until"): string | undefined {
  const day = DAY.exec(text.trim());
  if (day !== null) {
    const [, y, m, d] = day;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return undefined;
    if (side === "until") date.setUTCHours(23, 59, 59, 999);
    return date.toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text.trim())) return undefined;
  const time = Date.parse(text.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Sessions matching the filter, newest first. */
export function selectSessions(summaries: readonly SessionSummary[], filter: HistoryFilter = {}): SessionSummary[] {
  const chosen = summaries.filter((s) => {
    if (filter.scenario !== undefined && s.scenario !== filter.scenario) return false;
    const started = Date.parse(s.startedAt);
    if (filter.since !== undefined && !(started >= Date.parse(filter.since))) return false;
    if (filter.until !== undefined && !(started <= Date.parse(filter.until))) return false;
    return true;
  });
  return chosen.sort(byStart).reverse();
}

export type Lookup =
  | { kind: "found"; session: SessionSummary }
  | { kind: "ambiguous"; matches: SessionSummary[] }
  | { kind: "unknown"; nearest: SessionSummary[] };

/**
 * A session by its id or a unique start of it. An exact id wins over longer ids it starts; when a
 * hand-edited file holds the same id twice, the later line wins, as it would on import.
 */
export function findSession(summaries: readonly SessionSummary[], text: string): Lookup {
  const wanted = text.trim();
  const exact = summaries.filter((s) => s.id === wanted);
  const last = exact.at(-1);
  if (last !== undefined) return { kind: "found", session: last };
  const byId = new Map<string, SessionSummary>();
  if (wanted !== "") for (const s of summaries) if (s.id.startsWith(wanted)) byId.set(s.id, s);
  const matches = [...byId.values()];
  const only = matches[0];
  if (matches.length === 1 && only !== undefined) return { kind: "found", session: only };
  if (matches.length > 1) return { kind: "ambiguous", matches: matches.sort(byStart).reverse() };
  return { kind: "unknown", nearest: [...summaries].sort(byStart).reverse().slice(0, 3) };
}
