/**
 * The history as a list of session summaries, each pointing at its line in the file, so listings and
 * trends stay cheap however long the history grows: the full record of a session is read only when a
 * command needs it (`history show`, the recent sessions behind "work on next").
 *
 * The summaries are kept in a cache in the user's cache directory. The history only ever grows by
 * appending, so on the next run only the bytes added since are parsed; the cache is trusted only when
 * the file is the same size and age, or has grown and still ends, where the cache stopped, with the
 * same bytes (a hand edit shifts those bytes and forces a full read). Reading a record checks that its
 * line still holds that session; if not, the file is read again in full. Losing or damaging the cache
 * costs one full read, never a session.
 *
 * Damaged lines are skipped with the same warnings as `readHistory`, every time, cached or not.
 * Short histories are not cached at all: parsing them is quicker than any cache.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fsReason } from "../cli/errors.js";
import type { SessionRecord } from "./record.js";
import { parseRecordLine } from "./record-schema.js";
import { appendLocked, damageWarning, withHistoryLock } from "./store.js";
import { CriteriaShapes, type CriterionInfo, type SessionSummary, summarise } from "./summary.js";

export interface SessionIndex {
  /** The file as named by the user. */
  source: string;
  /** Valid sessions in file order. */
  summaries: SessionSummary[];
  warnings: string[];
  /** The full record behind a summary. */
  load(summary: SessionSummary): SessionRecord | undefined;
}

export class UnreadableHistoryError extends Error {}

interface Damage {
  line: number;
  reason: "json" | "record" | "invalid";
  /** What does not check, for an invalid record. */
  detail?: string;
}

/** 2: records are checked with the schema; a cache from the looser check is read again. */
const CACHE_VERSION = 2;
/** How much of the file before the cached end must be unchanged for the cache to count. */
const FINGERPRINT_BYTES = 4096;
/**
 * Below this size (about fifty sessions) parsing the history takes less time than reading a cache,
 * so none is kept: short histories, and the many small ones tests make, leave nothing behind.
 */
export const CACHE_MIN_BYTES = 256 * 1024;

interface CacheFile {
  version: number;
  source: string;
  size: number;
  mtimeMs: number;
  ino: number;
  /** Bytes covered: up to and including the last newline. */
  covered: number;
  /** Lines covered. */
  lines: number;
  tail: string;
  damage: Damage[];
  /** The distinct lists of criteria; rows point at one by index. */
  shapes: CriterionInfo[][];
  strings: string[];
  rows: Row[];
}

/**
 * A summary as a compact array, its repeated strings (scenario, title, mode, trainee) as indexes into
 * the cache's string table: a cache of ten thousand sessions stays around a megabyte, quick to parse.
 */
type Row = [
  id: string,
  startedAt: string,
  scenario: number,
  scenarioTitle: number,
  mode: number,
  partial: 0 | 1,
  trainee: number,
  score: number,
  replies: number,
  at: number,
  length: number,
  shape: number,
  means: number[],
];

class Strings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  of(text: string | undefined): number {
    if (text === undefined) return -1;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(text);
      this.index.set(text, i);
    }
    return i;
  }
}

function toRow(s: SessionSummary, shapeIndex: Map<readonly CriterionInfo[], number>, strings: Strings): Row {
  return [
    s.id,
    s.startedAt,
    strings.of(s.scenario),
    strings.of(s.scenarioTitle),
    strings.of(s.mode),
    s.partial ? 1 : 0,
    strings.of(s.trainee),
    s.score,
    s.replies,
    s.at,
    s.length,
    shapeIndex.get(s.criteria) ?? 0,
    s.means,
  ];
}

function fromRow(row: Row, shapes: ReadonlyArray<readonly CriterionInfo[]>, strings: readonly string[]): SessionSummary {
  const [id, startedAt, scenario, scenarioTitle, mode, partial, trainee, score, replies, at, length, shape, means] = row;
  const summary: SessionSummary = {
    id,
    scenario: strings[scenario] ?? "",
    startedAt,
    mode: strings[mode] ?? "practice",
    partial: partial === 1,
    score,
    replies,
    criteria: shapes[shape] ?? [],
    means,
    at,
    length,
  };
  const title = strings[scenarioTitle];
  if (title !== undefined) summary.scenarioTitle = title;
  const who = strings[trainee];
  if (who !== undefined) summary.trainee = who;
  return summary;
}

export function historyCacheDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== "" ? env.XDG_CACHE_HOME : join(env.HOME ?? homedir(), ".cache");
  return join(base, "complaint-coach");
}

function cachePath(dir: string, absolute: string): string {
  return join(dir, `sessions-${createHash("sha1").update(absolute).digest("hex").slice(0, 16)}.json`);
}

function warningText(source: string, d: Damage): string {
  const check =
    d.reason === "json"
      ? { notJson: true as const }
      : d.reason === "record"
        ? { problem: "not a session record", notRecord: true }
        : { problem: d.detail ?? "" };
  return damageWarning(source, d.line, check) ?? "";
}

function readRange(path: string, from: number, to: number): Buffer {
  const buffer = Buffer.alloc(Math.max(0, to - from));
  if (buffer.length === 0) return buffer;
  const fd = openSync(path, "r");
  try {
    let done = 0;
    while (done < buffer.length) {
      const n = readSync(fd, buffer, done, buffer.length - done, from + done);
      if (n === 0) break;
      done += n;
    }
    return done === buffer.length ? buffer : buffer.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

function fingerprint(bytes: Buffer): string {
  return createHash("sha1").update(bytes).digest("hex");
}

interface Scan {
  sessions: SessionSummary[];
  damage: Damage[];
  /** Offset just after the last newline (relative to the file). */
  covered: number;
  lines: number;
}

/** Parses the lines of `bytes`, which start at file offset `base` and line number `firstLine`. */
function scan(bytes: Buffer, base: number, firstLine: number, shapes: CriteriaShapes): Scan & { tail: Scan } {
  const full: Scan = { sessions: [], damage: [], covered: base, lines: firstLine - 1 };
  const tail: Scan = { sessions: [], damage: [], covered: base, lines: firstLine - 1 };
  let start = 0;
  let line = firstLine;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    const into = newline === -1 ? tail : full;
    const text = bytes.toString("utf8", start, end);
    if (text.trim() !== "") {
      const check = parseRecordLine(text);
      if ("notJson" in check) into.damage.push({ line, reason: "json" });
      else if ("problem" in check)
        into.damage.push(check.notRecord === true ? { line, reason: "record" } : { line, reason: "invalid", detail: check.problem });
      else into.sessions.push(summarise(check.record, base + start, end - start, shapes));
    }
    if (newline === -1) break;
    full.covered = base + newline + 1;
    full.lines = line;
    start = newline + 1;
    line++;
  }
  return { ...full, tail };
}

function readCache(file: string, absolute: string): CacheFile | undefined {
  try {
    const cache = JSON.parse(readFileSync(file, "utf8")) as CacheFile;
    if (
      cache.version !== CACHE_VERSION ||
      cache.source !== absolute ||
      !Array.isArray(cache.rows) ||
      !Array.isArray(cache.shapes) ||
      !Array.isArray(cache.strings)
    ) {
      return undefined;
    }
    return cache;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, cache: CacheFile): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(cache));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs speed.
  }
}

function forget(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function readWhole(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UnreadableHistoryError(`cannot read the history ${path}: ${fsReason(error)}`);
  }
}

/** Opens a history or exported file. With `cacheDir`, summaries are cached there between runs. */
export function openSessions(path: string, options: { cacheDir?: string; cacheMinBytes?: number } = {}): SessionIndex {
  if (!existsSync(path)) return { source: path, summaries: [], warnings: [], load: () => undefined };
  const absolute = resolve(path);
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new UnreadableHistoryError(`cannot read the history ${path}: ${fsReason(error)}`);
  }
  if (stat.isDirectory()) throw new UnreadableHistoryError(`cannot read the history ${path}: it is a folder`);
  const cached = options.cacheDir !== undefined && stat.size >= (options.cacheMinBytes ?? CACHE_MIN_BYTES);
  const cacheFile = cached && options.cacheDir !== undefined ? cachePath(options.cacheDir, absolute) : undefined;
  const cache = cacheFile === undefined ? undefined : readCache(cacheFile, absolute);

  const shapes = new CriteriaShapes();
  let prefix: { covered: number; lines: number; damage: Damage[]; sessions: SessionSummary[] } = {
    covered: 0,
    lines: 0,
    damage: [],
    sessions: [],
  };
  let unchanged = false;
  if (cache !== undefined && stat.size >= cache.covered) {
    if (cache.size === stat.size && cache.mtimeMs === stat.mtimeMs && cache.ino === stat.ino) unchanged = true;
    if (unchanged || fingerprint(readRange(path, Math.max(0, cache.covered - FINGERPRINT_BYTES), cache.covered)) === cache.tail) {
      const known = cache.shapes.map((shape) => shapes.intern(shape));
      prefix = {
        covered: cache.covered,
        lines: cache.lines,
        damage: cache.damage,
        sessions: cache.rows.map((row) => fromRow(row, known, cache.strings)),
      };
    }
  }

  const fresh = prefix.covered === 0 ? readWhole(path) : readRange(path, prefix.covered, stat.size);
  const result = scan(fresh, prefix.covered, prefix.lines + 1, shapes);
  const covered = prefix.sessions.concat(result.sessions);
  const coveredDamage = prefix.damage.concat(result.damage);

  if (cacheFile !== undefined && !(unchanged && result.sessions.length === 0 && result.damage.length === 0)) {
    const tailStart = Math.max(0, result.covered - FINGERPRINT_BYTES);
    const tailBytes = prefix.covered === 0 ? fresh.subarray(tailStart, result.covered) : readRange(path, tailStart, result.covered);
    const shapeIndex = new Map(shapes.all.map((shape, i) => [shape, i]));
    const strings = new Strings();
    const rows = covered.map((s) => toRow(s, shapeIndex, strings));
    writeCache(cacheFile, {
      version: CACHE_VERSION,
      source: absolute,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      ino: stat.ino,
      covered: result.covered,
      lines: result.lines,
      tail: fingerprint(tailBytes),
      damage: coveredDamage,
      shapes: shapes.all.map((shape) => [...shape]),
      strings: strings.list,
      rows,
    });
  }

  const summaries = [...covered, ...result.tail.sessions];
  const warnings = [...coveredDamage, ...result.tail.damage].map((d) => warningText(path, d));
  const freshBase = prefix.covered;
  let rebuilt: Map<string, SessionRecord> | undefined;

  const parseAt = (summary: SessionSummary): SessionRecord | undefined => {
    const bytes =
      summary.at >= freshBase
        ? fresh.subarray(summary.at - freshBase, summary.at - freshBase + summary.length)
        : readRange(path, summary.at, summary.at + summary.length);
    const check = parseRecordLine(bytes.toString("utf8"));
    return "record" in check && check.record.id === summary.id ? check.record : undefined;
  };

  return {
    source: path,
    summaries,
    warnings,
    load(summary) {
      const found = rebuilt === undefined ? parseAt(summary) : undefined;
      if (found !== undefined) return found;
      // The file changed under the cache: read it all once, by id.
      if (rebuilt === undefined) {
        rebuilt = new Map();
        if (cacheFile !== undefined) forget(cacheFile);
        const whole = readWhole(path);
        let start = 0;
        while (start < whole.length) {
          const newline = whole.indexOf(0x0a, start);
          const end = newline === -1 ? whole.length : newline;
          // Damaged lines were reported already.
          const check = parseRecordLine(whole.toString("utf8", start, end));
          if ("record" in check) rebuilt.set(check.record.id, check.record);
          if (newline === -1) break;
          start = newline + 1;
        }
      }
      return rebuilt.get(summary.id);
    },
  };
}

/**
 * Appends a new session holding the history's lock, with an id no session in the history has yet:
 * `make` is asked again (a new random suffix) in the unlikely case the first one is taken.
 */
export function appendNewSession(
  path: string,
  make: () => SessionRecord,
  options: { cacheDir?: string } = {},
): { record: SessionRecord; repaired?: string } {
  return withHistoryLock(path, () => {
    const taken = new Set(openSessions(path, options).summaries.map((s) => s.id));
    let record = make();
    for (let tries = 0; taken.has(record.id) && tries < 100; tries++) record = make();
    const appended = appendLocked(path, [record]);
    return appended.repaired === undefined ? { record } : { record, repaired: appended.repaired };
  });
}
