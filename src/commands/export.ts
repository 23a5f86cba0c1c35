/**
 * `coach export` writes the history as JSON Lines (one session record per line, damaged lines left out
 * with a warning), streamed; `coach import FILE|-` adds the sessions of such a file to the history,
 * skipping the ones it holds already and damaged lines, and appending the rest in one flushed write
 * under the history's lock. A different session whose id is taken is kept under a new id.
 *
 * Exported sessions without a trainee are stamped with COACH_TRAINEE or the user name, so a trainer
 * who collects a team's files (`coach progress --from`) can tell them apart.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import { userInfo } from "node:os";
import { EXIT_PROBLEMS, ExitError, fileError, fsReason, UsageError } from "../cli/errors.js";
import { type Io, writeWarnings } from "../cli/io.js";
import type { SessionRecord } from "../history/record.js";
import { appendLocked, HistoryLockedError, historyPath, readRecordLines, streamHistory, withHistoryLock } from "../history/store.js";
import { visible } from "../report/safe-text.js";
import { plural } from "../report/text.js";
import { openHistory } from "./history.js";
import { openWhole, type WholeFile } from "./write-whole.js";

export interface ExportOptions {
  out?: string;
  force?: boolean;
}

function traineeName(env: NodeJS.ProcessEnv): string | undefined {
  if (env.COACH_TRAINEE !== undefined && env.COACH_TRAINEE.trim() !== "") return env.COACH_TRAINEE.trim();
  try {
    const name = userInfo().username;
    return name === "" ? undefined : name;
  } catch {
    return undefined;
  }
}

/** Where export writes: a file (synchronous writes in large blocks) or standard output (at the reader's pace). */
interface Sink {
  write(text: string): Promise<void> | void;
  end(): void;
  abandon(): void;
}

const BLOCK = 1024 * 1024;

function fileSink(path: string, force: boolean): Sink {
  let file: WholeFile;
  try {
    file = openWhole(path, { overwrite: force });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new UsageError(`${path} exists already`, "pass --force to overwrite it, or choose another file name");
    throw fileError(error, "write", path);
  }
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
    size = 0;
    file.write(text);
  };
  const fail = (error: unknown): never => {
    // Half an export is worse than none: it looks whole. It is not moved into place, and the failure said.
    file.abandon();
    throw fileError(error, "write", path);
  };
  return {
    write(text) {
      pending.push(text);
      size += text.length;
      if (size < BLOCK) return;
      try {
        flush();
      } catch (error) {
        fail(error);
      }
    },
    end() {
      try {
        flush();
        file.finish();
      } catch (error) {
        fail(error);
      }
    },
    abandon: () => file.abandon(),
  };
}

function outputSink(io: Io): Sink {
  const stream = io.stdout as Partial<NodeJS.EventEmitter> & Io["stdout"];
  return {
    write(text) {
      if (stream.write(text) !== false || typeof stream.once !== "function") return;
      return new Promise<void>((resolve) => {
        const done = () => {
          for (const event of ["drain", "close", "error"]) stream.off?.(event, done);
          resolve();
        };
        for (const event of ["drain", "close", "error"]) stream.once?.(event, done);
      });
    },
    end() {},
    abandon() {},
  };
}

/**
 * The history, one line at a time from file to output: a history of 700 MB is never one string.
 * Damaged lines are left out (warned about at the end); lines are written as stored unless the
 * trainee has to be stamped in.
 */
export async function runExport(options: ExportOptions, io: Io): Promise<number> {
  const path = historyPath(io.env);
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`cannot read the history ${path}: it is a folder`);
  const trainee = traineeName(io.env);
  const stamp = trainee === undefined ? undefined : `{"trainee":${JSON.stringify(trainee)},`;
  const sink = options.out === undefined ? outputSink(io) : fileSink(options.out, options.force === true);
  const warnings: string[] = [];
  let sessions = 0;
  try {
    if (existsSync(path)) {
      for await (const item of streamHistory(path)) {
        if ("warning" in item) {
          warnings.push(item.warning);
          continue;
        }
        // The trainee goes in as text at the front of the line: no parse-and-print of every record.
        const line = item.record.trainee === undefined && stamp !== undefined ? item.text.replace(/^\s*\{/, stamp) : item.text;
        await sink.write(`${line}\n`);
        sessions++;
      }
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    sink.abandon();
    throw new UsageError(`cannot read the history ${path}: ${fsReason(error)}`);
  }
  sink.end();
  writeWarnings(io, warnings);
  if (options.out === undefined) return 0;
  const skipped = warnings.length === 0 ? "" : ` (${plural(warnings.length, "damaged line")} left out)`;
  io.stdout.write(`Exported ${plural(sessions, "session")} to ${visible(options.out)}${skipped}\n`);
  return 0;
}

export interface ImportOptions {
  file: string;
}

/** The same session (exported and imported again, perhaps stamped with a trainee), not merely the same id. */
function sameSession(a: SessionRecord, b: SessionRecord): boolean {
  const replies = (r: SessionRecord) => JSON.stringify(r.turns.map((t) => t.reply));
  return a.scenario === b.scenario && a.startedAt === b.startedAt && a.endedAt === b.endedAt && replies(a) === replies(b);
}

/** A new id for a different session whose id is taken: the same on every import of the same session. */
function renamedId(record: SessionRecord): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([record.scenario, record.startedAt, record.endedAt, record.turns.map((t) => t.reply)]))
    .digest("hex");
  return `${record.id}-${digest.slice(0, 8)}`;
}

export async function runImport(options: ImportOptions, io: Io): Promise<number> {
  const source = options.file === "-" ? "<stdin>" : options.file;
  let stream: NodeJS.ReadableStream;
  if (options.file === "-") stream = io.stdin;
  else {
    try {
      if (statSync(options.file).isDirectory()) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
    } catch (error) {
      throw new UsageError(
        `cannot read ${options.file}: ${fsReason(error)}`,
        "import a file written by `coach export`, or - for standard input",
      );
    }
    stream = createReadStream(options.file);
  }
  const incoming: SessionRecord[] = [];
  const warnings: string[] = [];
  try {
    for await (const item of readRecordLines(stream, source)) {
      if ("warning" in item) warnings.push(item.warning);
      else incoming.push(item.record);
    }
  } catch (error) {
    throw new UsageError(
      `cannot read ${options.file}: ${fsReason(error)}`,
      "import a file written by `coach export`, or - for standard input",
    );
  }
  writeWarnings(io, warnings);

  const path = historyPath(io.env);
  let fresh: SessionRecord[] = [];
  let duplicates = 0;
  let renamed = 0;
  let repaired: string | undefined;
  try {
    // Read and write under one lock: parallel imports of one file add each session once.
    withHistoryLock(path, () => {
      const history = openHistory(io);
      const byId = new Map(history.summaries.map((s) => [s.id, s]));
      const added = new Map<string, SessionRecord>();
      fresh = [];
      const existing = (id: string): SessionRecord | undefined => {
        const known = byId.get(id);
        return known !== undefined ? history.load(known) : added.get(id);
      };
      for (const session of incoming) {
        let record = session;
        let there = existing(record.id);
        if (there !== undefined && !sameSession(there, record)) {
          // A different session with the same id: kept under an id of its own, never dropped.
          record = { ...record, id: renamedId(record) };
          there = existing(record.id);
          if (there === undefined) renamed++;
        }
        if (there !== undefined) {
          duplicates++;
          continue;
        }
        added.set(record.id, record);
        fresh.push(record);
      }
      repaired = appendLocked(path, fresh).repaired;
    });
  } catch (error) {
    if (error instanceof ExitError) throw error;
    const why = error instanceof HistoryLockedError ? error.message : fsReason(error);
    throw new UsageError(`cannot write the history ${path}: ${why}`);
  }
  if (repaired !== undefined) io.stderr.write(`coach: note: ${visible(path)}: ${visible(repaired)}\n`);
  const notes: string[] = [];
  if (duplicates > 0) notes.push(`${duplicates} already there`);
  if (renamed > 0) notes.push(`${renamed} under a new id, since another session had theirs`);
  if (warnings.length > 0) notes.push(`${plural(warnings.length, "damaged line")} skipped`);
  io.stdout.write(
    `Imported ${plural(fresh.length, "session")} from ${visible(source)} into ${visible(path)}${notes.length === 0 ? "" : ` (${notes.join(", ")})`}\n`,
  );
  return warnings.length > 0 ? EXIT_PROBLEMS : 0;
}
