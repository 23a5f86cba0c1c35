/**
 * The history: one JSON Lines file in the user's data directory (XDG). Appends only, one line per
 * session, flushed to disk, so a crash mid-write loses at most the line being written; a damaged
 * line is skipped with a warning and never stops the rest from loading.
 *
 * Every line read is checked as a session record (src/history/record-schema.ts). Writers take a lock
 * beside the file (`history.jsonl.lock`), so ten imports at once add each session once. A write that
 * fails (a full disk) is rolled back, and a torn last line left by a crash is repaired by the next
 * append instead of being warned about forever.
 */
import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { homedir, hostname } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import type { SessionRecord } from "./record.js";
import { parseRecordLine, type RecordCheck } from "./record-schema.js";

export function historyPath(env: NodeJS.ProcessEnv): string {
  if (env.COACH_HISTORY !== undefined && env.COACH_HISTORY !== "") return env.COACH_HISTORY;
  const base =
    env.XDG_DATA_HOME !== undefined && env.XDG_DATA_HOME !== "" ? env.XDG_DATA_HOME : join(env.HOME ?? homedir(), ".local", "share");
  return join(base, "complaint-coach", "history.jsonl");
}

/** The warning for a line that is not a session record, the same wherever it is read. */
export function damageWarning(source: string, line: number, check: ReturnType<typeof parseRecordLine>): string | undefined {
  if ("record" in check) return undefined;
  if ("notJson" in check) return `${source}:${line}: skipped a damaged line (not valid JSON)`;
  if (check.notRecord === true) return `${source}:${line}: skipped a line that is not a session record`;
  return `${source}:${line}: skipped a session record that does not check: ${check.problem}`;
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
    const check = parseRecordLine(line);
    const warning = damageWarning(source, i + 1, check);
    if (warning !== undefined) warnings.push(warning);
    else sessions.push((check as Extract<RecordCheck, { record: unknown }>).record);
  });
  return { sessions, warnings };
}

export function readHistory(path: string): HistoryRead {
  if (!existsSync(path)) return { sessions: [], warnings: [] };
  return parseHistory(readFileSync(path, "utf8"), path);
}

export type RecordLine = { record: SessionRecord; text: string; line: number } | { warning: string; line: number };

/**
 * The records of a file one line at a time, as they are read: a history of any size (700 MB) is never
 * held whole, as a buffer or as a string. `text` is the line as stored.
 */
export async function* readRecordLines(stream: NodeJS.ReadableStream, source: string): AsyncGenerator<RecordLine> {
  let pending: Buffer[] = [];
  let line = 0;
  const take = (bytes: Buffer): RecordLine | undefined => {
    line++;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    const text = bytes.toString("utf8", 0, end);
    // Almost every line starts with "{": only the others need looking at for blankness.
    if (text.charCodeAt(0) !== 0x7b && text.trim() === "") return undefined;
    const check = parseRecordLine(text);
    const warning = damageWarning(source, line, check);
    return warning !== undefined ? { warning, line } : { record: (check as { record: SessionRecord }).record, text, line };
  };
  for await (const chunk of stream) {
    let bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    let newline = bytes.indexOf(0x0a);
    while (newline !== -1) {
      pending.push(bytes.subarray(0, newline));
      const item = take(pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending));
      pending = [];
      if (item !== undefined) yield item;
      bytes = bytes.subarray(newline + 1);
      newline = bytes.indexOf(0x0a);
    }
    if (bytes.length > 0) pending.push(Buffer.from(bytes));
  }
  if (pending.length > 0) {
    const item = take(Buffer.concat(pending));
    if (item !== undefined) yield item;
  }
}

/** A file's bytes in blocks, read straight through (no event-loop round trip per block). */
function* blocksOf(path: string, size = 4 * 1024 * 1024): Generator<Buffer> {
  const fd = openSync(path, "r");
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(size);
      const n = readSync(fd, buffer, 0, size, null);
      if (n === 0) return;
      yield n === size ? buffer : buffer.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** The records of a history file, a block at a time (see readRecordLines). */
export function streamHistory(path: string): AsyncGenerator<RecordLine> {
  return readRecordLines(Readable.from(blocksOf(path)), path);
}

/** Another coach holds the history's lock, and did not let go in time. */
export class HistoryLockedError extends Error {}

/** Long enough for an import of a large file to finish; a save waits rather than fails. */
const LOCK_WAIT_MS = 60_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when the lock was left by a process of this machine that no longer runs (a crash, kill -9). */
function stale(lock: string): boolean {
  let text: string;
  let age: number;
  try {
    text = readFileSync(lock, "utf8");
    age = Date.now() - statSync(lock).mtimeMs;
  } catch {
    return false;
  }
  // A lock that says nothing (its writer died between creating and writing it) is stale after a while.
  if (text === "") return age > 10_000;
  const [pid, host] = text.split("\n");
  if (host !== hostname() || pid === undefined || !/^\d+$/.test(pid)) return false;
  return !alive(Number(pid));
}

/**
 * Runs `work` holding the history's lock, a file created beside it that only one process can create
 * (O_EXCL). Readers need no lock: a line is whole once written. A lock left by a process that died is
 * taken over; one held by a live process is waited for, then refused with a message.
 */
export function withHistoryLock<T>(path: string, work: () => T, waitMs = LOCK_WAIT_MS): T {
  mkdirSync(dirname(path), { recursive: true });
  const lock = `${path}.lock`;
  const deadline = Date.now() + waitMs;
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(lock, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (stale(lock)) {
        // Move it aside under a name of our own, so two processes cannot both remove a fresh lock.
        const aside = `${lock}.${process.pid}.stale`;
        try {
          renameSync(lock, aside);
          unlinkSync(aside);
        } catch {
          // Someone else took it over first.
        }
        continue;
      }
      if (Date.now() > deadline) {
        throw new HistoryLockedError(`the history ${path} is in use by another coach command (its lock is ${lock})`);
      }
      sleep(20);
    }
  }
  try {
    writeSync(fd, `${process.pid}\n${hostname()}\n`);
  } catch (error) {
    // A full disk may refuse even these few bytes: leave no lock behind that names no one.
    closeSync(fd);
    rmSync(lock, { force: true });
    throw error;
  }
  try {
    return work();
  } finally {
    closeSync(fd);
    try {
      unlinkSync(lock);
    } catch {
      // Gone already.
    }
  }
}

export interface AppendResult {
  /** Set when a torn last line (from a crash or a full disk) was found and dealt with. */
  repaired?: string;
}

/**
 * Makes the file end with a whole line before appending: a last line without its newline that is a
 * valid record gets the newline; anything else there is what a failed write left. It is moved, bytes
 * unchanged, to `history.jsonl.torn` beside the history (nothing is lost), and cut from the history,
 * so it is not warned about on every later command.
 */
function repairTail(path: string, fd: number, size: number): string | undefined {
  if (size === 0) return undefined;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] === 0x0a) return undefined;
  // Find the start of the last line, reading backwards a block at a time.
  const block = Buffer.alloc(64 * 1024);
  let start = 0;
  for (let end = size; end > 0; ) {
    const from = Math.max(0, end - block.length);
    const n = readSync(fd, block, 0, end - from, from);
    const at = block.subarray(0, n).lastIndexOf(0x0a);
    if (at !== -1) {
      start = from + at + 1;
      break;
    }
    end = from;
  }
  const tail = Buffer.alloc(size - start);
  readSync(fd, tail, 0, tail.length, start);
  if ("record" in parseRecordLine(tail.toString("utf8"))) {
    writeSync(fd, "\n", size);
    return undefined;
  }
  const aside = `${path}.torn`;
  appendFileSync(aside, Buffer.concat([tail, Buffer.from("\n")]));
  ftruncateSync(fd, start);
  return `moved an unfinished last line (${tail.length} bytes) that an earlier write left behind to ${aside}`;
}

/**
 * Appends sessions as whole lines and flushes them, holding the lock. A torn last line is repaired
 * first; if this write fails part way (the disk is full), the file is cut back to where it was, so
 * it never ends in half a record.
 */
export function appendSessions(path: string, records: readonly SessionRecord[]): AppendResult {
  if (records.length === 0) return {};
  return withHistoryLock(path, () => appendLocked(path, records));
}

/** appendSessions for a caller that holds the lock already (import reads and writes under one lock). */
export function appendLocked(path: string, records: readonly SessionRecord[]): AppendResult {
  if (records.length === 0) return {};
  const text = records.map((r) => `${JSON.stringify(r)}\n`).join("");
  const fd = openSync(path, "a+");
  const result: AppendResult = {};
  try {
    const repaired = repairTail(path, fd, fstatSync(fd).size);
    if (repaired !== undefined) result.repaired = repaired;
    const before = fstatSync(fd).size;
    try {
      appendFileSync(fd, text);
      fsyncSync(fd);
    } catch (error) {
      try {
        ftruncateSync(fd, before);
      } catch {
        // The next append repairs what is left.
      }
      throw error;
    }
  } finally {
    closeSync(fd);
  }
  return result;
}
