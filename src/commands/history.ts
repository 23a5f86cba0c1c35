/**
 * `coach history` (past sessions, newest first, with filters) and `coach history show ID` (one
 * session's transcript and scorecard). Dates are shown and filtered in UTC, so the same history reads
 * the same on every machine and in tests.
 */
import { UsageError } from "../cli/errors.js";
import { type Io, writeWarnings } from "../cli/io.js";
import { dateBound, findSession, type HistoryFilter, selectSessions } from "../history/query.js";
import type { SessionRecord } from "../history/record.js";
import { historyCacheDir, openSessions, type SessionIndex, UnreadableHistoryError } from "../history/sessions.js";
import { historyPath } from "../history/store.js";
import { historyJson, renderHistoryTable } from "../report/history.js";
import { visible } from "../report/safe-text.js";
import { renderSessionText } from "../report/session-text.js";
import { makeStyle } from "../report/style.js";
import { utcMinute } from "../report/text.js";

/** Opens a sessions file, turning an unreadable one into a usage error; damaged lines become warnings on stderr. */
export function openOrFail(path: string, io: Io, cache: boolean): SessionIndex {
  let index: SessionIndex;
  try {
    index = openSessions(path, cache ? { cacheDir: historyCacheDir(io.env) } : {});
  } catch (error) {
    if (error instanceof UnreadableHistoryError) throw new UsageError(error.message);
    throw error;
  }
  if (index.warnings.length > 0) {
    writeWarnings(io, index.warnings);
    io.stderr.write(
      `hint: every other session in ${path} was read; the file is JSON Lines, one session per line, so a damaged line can be fixed or deleted by hand\n`,
    );
  }
  return index;
}

/** The user's history (COACH_HISTORY, else the XDG data directory), with its summaries cached. */
export function openHistory(io: Io): SessionIndex {
  return openOrFail(historyPath(io.env), io, true);
}

export interface HistoryOptions {
  scenario?: string;
  since?: string;
  until?: string;
  json?: boolean;
}

function bound(text: string | undefined, side: "since" | "until"): string | undefined {
  if (text === undefined) return undefined;
  const value = dateBound(text, side);
  if (value === undefined) {
    throw new UsageError(`--${side} takes a date, not \`${text}\``, "write the day as YYYY-MM-DD (UTC), e.g. --since 2026-01-31");
  }
  return value;
}

export async function runHistory(options: HistoryOptions, io: Io): Promise<number> {
  const filter: HistoryFilter = {};
  if (options.scenario !== undefined) filter.scenario = options.scenario;
  const since = bound(options.since, "since");
  const until = bound(options.until, "until");
  if (since !== undefined) filter.since = since;
  if (until !== undefined) filter.until = until;
  const index = openHistory(io);
  const sessions = selectSessions(index.summaries, filter);
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify(historyJson(sessions))}\n`);
    return 0;
  }
  if (index.summaries.length === 0) {
    io.stdout.write("No sessions yet. Play one with `coach play`; it is saved here.\n");
    return 0;
  }
  if (sessions.length === 0) {
    const played = [...new Set(index.summaries.map((s) => s.scenario))].sort();
    const known =
      filter.scenario !== undefined && !played.includes(filter.scenario)
        ? ` Scenarios in your history: ${visible(played.join(", "))}.`
        : "";
    io.stdout.write(`No sessions match (${index.summaries.length} in the history).${known}\n`);
    return 0;
  }
  io.stdout.write(renderHistoryTable(sessions, makeStyle(io.color), index.summaries.length));
  return 0;
}

export interface HistoryShowOptions {
  id: string;
  json?: boolean;
}

/** A session from the history by id or unique prefix, or a usage error with a hint. */
export function sessionById(index: SessionIndex, id: string): SessionRecord {
  const lookup = findSession(index.summaries, id);
  if (lookup.kind === "ambiguous") {
    const shown = lookup.matches.slice(0, 5).map((s) => `${s.id} (${utcMinute(s.startedAt)})`);
    throw new UsageError(
      `\`${id}\` matches ${lookup.matches.length} sessions`,
      `give more of the id: ${shown.join(", ")}${lookup.matches.length > 5 ? ", ..." : ""}`,
    );
  }
  if (lookup.kind === "unknown") {
    throw new UsageError(
      `no session \`${id}\` in the history (${index.source})`,
      lookup.nearest.length === 0
        ? "the history is empty: play a session with `coach play`"
        : `\`coach history\` lists the sessions; the latest: ${lookup.nearest.map((s) => s.id).join(", ")}`,
    );
  }
  const record = index.load(lookup.session);
  if (record === undefined) throw new UsageError(`the session \`${lookup.session.id}\` could not be read again from ${index.source}`);
  return record;
}

export async function runHistoryShow(options: HistoryShowOptions, io: Io): Promise<number> {
  const index = openHistory(io);
  const record = sessionById(index, options.id);
  if (options.json === true) io.stdout.write(`${JSON.stringify(record)}\n`);
  else io.stdout.write(renderSessionText(record, makeStyle(io.color)));
  return 0;
}
