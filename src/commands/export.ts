/**
 * `coach export` writes the history as JSON Lines (one session record per line, damaged lines left out
 * with a warning); `coach import FILE|-` adds the sessions of such a file to the history, skipping
 * the ones it holds already (same id) and damaged lines, and appending the rest in one flushed write.
 *
 * Exported sessions without a trainee are stamped with COACH_TRAINEE or the user name, so a trainer
 * who collects a team's files (`coach progress --from`) can tell them apart.
 */
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { EXIT_PROBLEMS, fileError, fsReason, UsageError } from "../cli/errors.js";
import { type Io, writeWarnings } from "../cli/io.js";
import { appendSessions, historyPath, parseHistory, readHistory } from "../history/store.js";
import { visible } from "../report/safe-text.js";
import { plural } from "../report/text.js";
import { openHistory } from "./history.js";

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

export async function runExport(options: ExportOptions, io: Io): Promise<number> {
  const path = historyPath(io.env);
  let read: ReturnType<typeof readHistory>;
  try {
    read = readHistory(path);
  } catch (error) {
    throw new UsageError(`cannot read the history ${path}: ${fsReason(error)}`);
  }
  writeWarnings(io, read.warnings);
  const trainee = traineeName(io.env);
  const text = read.sessions
    .map((s) => JSON.stringify(s.trainee === undefined && trainee !== undefined ? { ...s, trainee } : s))
    .map((line) => `${line}\n`)
    .join("");
  if (options.out === undefined) {
    io.stdout.write(text);
    return 0;
  }
  const { writeFileSync } = await import("node:fs");
  try {
    writeFileSync(options.out, text, { flag: options.force === true ? "w" : "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST")
      throw new UsageError(`${options.out} exists already`, "pass --force to overwrite it, or choose another file name");
    throw fileError(error, "write", options.out);
  }
  const skipped = read.warnings.length === 0 ? "" : ` (${plural(read.warnings.length, "damaged line")} left out)`;
  io.stdout.write(`Exported ${plural(read.sessions.length, "session")} to ${visible(options.out)}${skipped}\n`);
  return 0;
}

export interface ImportOptions {
  file: string;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

export async function runImport(options: ImportOptions, io: Io): Promise<number> {
  const source = options.file === "-" ? "<stdin>" : options.file;
  let text: string;
  if (options.file === "-") text = await readAll(io.stdin);
  else {
    try {
      text = readFileSync(options.file, "utf8");
    } catch (error) {
      throw new UsageError(
        `cannot read ${options.file}: ${fsReason(error)}`,
        "import a file written by `coach export`, or - for standard input",
      );
    }
  }
  const incoming = parseHistory(text, source);
  writeWarnings(io, incoming.warnings);
  const history = openHistory(io);
  const known = new Set(history.summaries.map((s) => s.id));
  const fresh = [];
  let duplicates = 0;
  for (const session of incoming.sessions) {
    if (known.has(session.id)) {
      duplicates++;
      continue;
    }
    known.add(session.id);
    fresh.push(session);
  }
  const path = historyPath(io.env);
  try {
    appendSessions(path, fresh);
  } catch (error) {
    throw new UsageError(`cannot write the history ${path}: ${fsReason(error)}`);
  }
  const notes: string[] = [];
  if (duplicates > 0) notes.push(`${duplicates} already there`);
  if (incoming.warnings.length > 0) notes.push(`${plural(incoming.warnings.length, "damaged line")} skipped`);
  io.stdout.write(
    `Imported ${plural(fresh.length, "session")} from ${source} into ${path}${notes.length === 0 ? "" : ` (${notes.join(", ")})`}\n`,
  );
  return incoming.warnings.length > 0 ? EXIT_PROBLEMS : 0;
}
