/**
 * `coach report SESSION [--html FILE] [--md FILE] [--force]`: a standalone report of one session.
 * SESSION is a history id (or a unique start of one) or a saved session file (a history line, JSON or
 * YAML). Without a flag the Markdown goes to standard output. Model answers for every turn come from
 * the scenario when its content can be loaded; otherwise only the weakest turn's (kept in the record).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { fileError, UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
import type { SessionRecord } from "../history/record.js";
import { checkRecord, jsonDepth, MAX_RECORD_DEPTH, parseRecordLine } from "../history/record-schema.js";
import { renderHtmlReport } from "../report/html-report.js";
import { renderMarkdownReport } from "../report/markdown-report.js";
import { visible } from "../report/safe-text.js";
import { openHistory, sessionById } from "./history.js";
import { writeWhole } from "./write-whole.js";

export interface ReportOptions {
  session: string;
  html?: string;
  md?: string;
  force?: boolean;
  content?: string[];
}

const NOT_A_RECORD_HINT =
  "a report needs a session as `coach play` saves it: a line of the history, `coach history show ID --json`, or a file from `coach export`";

/** A session record from a file: a JSON object, one JSON line, or YAML. */
export async function readSessionFile(file: string): Promise<SessionRecord> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw fileError(error, "read", file);
  }
  if (jsonDepth(text) > MAX_RECORD_DEPTH) {
    throw new UsageError(`${file} is not a saved session: it is nested more than ${MAX_RECORD_DEPTH} deep`, NOT_A_RECORD_HINT);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    const records = lines.flatMap((line) => {
      const check = parseRecordLine(line);
      return "record" in check ? [check.record] : [];
    });
    if (records.length > 1) {
      throw new UsageError(
        `${file} holds ${records.length} sessions`,
        "import it with `coach import FILE` and report one by id, or keep one line in the file",
      );
    }
    if (records.length === 1) value = records[0];
    else {
      const { parse } = await import("yaml");
      try {
        value = parse(text, { maxAliasCount: 100 });
      } catch (error) {
        throw new UsageError(`cannot read ${file} as a session: ${(error as Error).message.split("\n")[0]}`, NOT_A_RECORD_HINT);
      }
    }
  }
  const check = checkRecord(value);
  if ("problem" in check) throw new UsageError(`${file} is not a saved session: ${check.problem}`, NOT_A_RECORD_HINT);
  return check.record;
}

/**
 * Model answers per turn from the scenario as it is now; an empty map when it cannot be found. Reads
 * the scenario files with the YAML parser only, like `coach list`: a report needs the answers, not a
 * checked catalog, and a broken file elsewhere should not cost them.
 */
async function modelAnswers(scenario: string, content: string[] | undefined, io: Io): Promise<Map<string, string>> {
  const [{ discoverContent, MissingContentError, readContentFile }, { parse }] = await Promise.all([
    import("../content/files.js"),
    import("yaml"),
  ]);
  let files: ReturnType<typeof discoverContent>;
  try {
    files = discoverContent({ content, cwd: io.cwd });
  } catch (error) {
    if (error instanceof MissingContentError)
      throw new UsageError(error.message, "--content takes a folder holding scenarios/ and rubrics/");
    throw error;
  }
  for (const file of files) {
    if (file.kind === "rubric" || file.problem !== undefined) continue;
    let data: unknown;
    try {
      data = parse(readContentFile(file.path).toString("utf8"), { maxAliasCount: 100 });
    } catch {
      continue;
    }
    const spec = data as { id?: unknown; turns?: unknown } | null;
    if (spec === null || typeof spec !== "object" || spec.id !== scenario || !Array.isArray(spec.turns)) continue;
    const models = new Map<string, string>();
    for (const turn of spec.turns as Array<{ id?: unknown; model?: unknown } | null>) {
      if (typeof turn?.id === "string" && typeof turn.model === "string") models.set(turn.id, turn.model);
    }
    return models;
  }
  return new Map();
}

function write(file: string, text: string, force: boolean): void {
  try {
    writeWhole(file, text, { overwrite: force });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new UsageError(`${file} exists already`, "pass --force to overwrite it, or choose another file name");
    throw fileError(error, "write", file);
  }
}

export async function runReport(options: ReportOptions, io: Io): Promise<number> {
  const force = options.force === true;
  for (const file of [options.html, options.md]) {
    if (file !== undefined && !force && existsSync(file)) {
      throw new UsageError(`${file} exists already`, "pass --force to overwrite it, or choose another file name");
    }
  }
  if (options.html !== undefined && options.html === options.md) throw new UsageError("--html and --md name the same file");
  const isFile = existsSync(options.session) && statSync(options.session).isFile();
  const record = isFile ? await readSessionFile(options.session) : sessionById(openHistory(io), options.session);
  const models = await modelAnswers(record.scenario, options.content, io);
  if (options.html === undefined && options.md === undefined) {
    io.stdout.write(renderMarkdownReport(record, { models }));
    return 0;
  }
  if (options.html !== undefined) {
    write(options.html, renderHtmlReport(record, { models }), force);
    io.stdout.write(`Wrote the HTML report of ${visible(record.id)} to ${visible(options.html)}\n`);
  }
  if (options.md !== undefined) {
    write(options.md, renderMarkdownReport(record, { models }), force);
    io.stdout.write(`Wrote the Markdown report of ${visible(record.id)} to ${visible(options.md)}\n`);
  }
  return 0;
}
