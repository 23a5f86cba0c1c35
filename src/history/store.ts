/**
 * The history: one JSON Lines file in the user's data directory (XDG). Appends only, one line per
 * session, flushed to disk, so a crash mid-write loses at most the line being written; a damaged
 * line is skipped with a warning and never stops the rest from loading.
 */
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { isSessionRecord, type SessionRecord } from "./record.js";

export function historyPath(env: NodeJS.ProcessEnv): string {
  if (env.COACH_HISTORY !== undefined && env.COACH_HISTORY !== "") return env.COACH_HISTORY;
  const base =
    env.XDG_DATA_HOME !== undefined && env.XDG_DATA_HOME !== "" ? env.XDG_DATA_HOME : join(env.HOME ?? homedir(), ".local", "share");
  return join(base, "complaint-coach", "history.jsonl");
}

function endsWithNewline(path: string): boolean {
  const size = statSync(path).size;
  if (size === 0) return true;
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(1);
    readSync(fd, buffer, 0, 1, size - 1);
    return buffer[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

/** Appends sessions as whole lines and flushes them. A torn last line from a crash is left behind, not glued to. */
export function appendSessions(path: string, records: readonly SessionRecord[]): void {
  if (records.length === 0) return;
  mkdirSync(dirname(path), { recursive: true });
  const prefix = existsSync(path) && !endsWithNewline(path) ? "\n" : "";
  const text = prefix + records.map((r) => `${JSON.stringify(r)}\n`).join("");
  const fd = openSync(path, "a");
  try {
    appendFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface HistoryRead {
  sessions: SessionRecord[];
  warnings: string[];
}

/** Parses history text; damaged lines become warnings naming the line. */
export function parseHistory(text: string, source: string): HistoryRead {
  const sessions: SessionRecord[] = [];
  const warnings: string[] = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      warnings.push(`${source}:${i + 1}: skipped a damaged line (not valid JSON)`);
      return;
    }
    if (!isSessionRecord(value)) {
      warnings.push(`${source}:${i + 1}: skipped a line that is not a session record`);
      return;
    }
    sessions.push(value);
  });
  return { sessions, warnings };
}

export function readHistory(path: string): HistoryRead {
  if (!existsSync(path)) return { sessions: [], warnings: [] };
  return parseHistory(readFileSync(path, "utf8"), path);
}
