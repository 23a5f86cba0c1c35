/**
 * `coach list`: the scenarios, with title, difficulty, rubric and where each comes from.
 * Reads the files with the YAML parser only (no schemas, no NLP), so it starts as fast as node.
 */
import { parse } from "yaml";
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
import {
  type ContentFile,
  ContentFileError,
  discoverContent,
  MAX_FILE_BYTES,
  MissingContentError,
  readContentFile,
} from "../content/files.js";
import { visible } from "../report/safe-text.js";
import { widest } from "../report/text.js";

export interface ListedScenario {
  id: string;
  title: string;
  difficulty: string;
  rubric: string;
  origin: string;
  file: string;
}

export interface ListResult {
  scenarios: ListedScenario[];
  problems: string[];
}

const LISTED = new Set(["id", "title", "difficulty", "rubric"]);

/**
 * The top of a scenario file, up to where the listed fields have all been seen: listing five or
 * five hundred scenarios should not parse their turns. Falls back to the whole text when the fields
 * are not all at the top level near the start.
 */
export function headOf(text: string): string {
  const seen = new Set<string>();
  let offset = 0;
  for (const line of text.split("\n")) {
    const key = /^([A-Za-z$][\w$-]*)\s*:/.exec(line)?.[1];
    if (key !== undefined && seen.size === LISTED.size && !LISTED.has(key)) return text.slice(0, offset);
    if (key !== undefined && LISTED.has(key)) seen.add(key);
    offset += line.length + 1;
  }
  return text;
}

function field(data: Record<string, unknown>, key: string): string {
  const value = data[key];
  return typeof value === "string" ? value : "";
}

export function listScenarios(files: ContentFile[]): ListResult {
  const scenarios: ListedScenario[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    if (file.kind === "rubric") continue;
    if (file.problem !== undefined) {
      problems.push(`${file.display}: not read: this is ${file.problem}`);
      continue;
    }
    let data: unknown;
    try {
      let text: string;
      try {
        text = readContentFile(file.path).toString("utf8");
      } catch (error) {
        if (!(error instanceof ContentFileError)) throw error;
        const why =
          error.code === "file-too-large"
            ? `it is ${((error.size ?? 0) / 1024 / 1024).toFixed(1)} MB; content files may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`
            : `this is ${error.message}`;
        problems.push(`${file.display}: not read: ${why}`);
        continue;
      }
      data = parse(headOf(text), { maxAliasCount: 100 });
      if (data === null || typeof data !== "object" || !("id" in data)) data = parse(text, { maxAliasCount: 100 });
    } catch {
      problems.push(`${file.display}: cannot be read as YAML (run \`coach validate ${file.display}\`)`);
      continue;
    }
    if (data === null || typeof data !== "object" || Array.isArray(data)) continue;
    const record = data as Record<string, unknown>;
    if (file.kind === undefined && !("difficulty" in record)) continue;
    const id = field(record, "id");
    if (id === "") {
      problems.push(`${file.display}: a scenario without an id (run \`coach validate ${file.display}\`)`);
      continue;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push(`scenario id \`${id}\` is defined twice: in ${first} and in ${file.display}`);
      continue;
    }
    seen.set(id, file.display);
    scenarios.push({
      id,
      title: field(record, "title"),
      difficulty: field(record, "difficulty"),
      rubric: field(record, "rubric"),
      origin: file.origin,
      file: file.display,
    });
  }
  return { scenarios, problems };
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => widest(rows.map((r) => r[i] ?? ""))) ?? [];
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")).join("\n");
}

export async function runList(options: { json?: boolean; content?: string[] }, io: Io): Promise<number> {
  let files: ContentFile[];
  try {
    files = discoverContent({ content: options.content, cwd: io.cwd });
  } catch (error) {
    if (error instanceof MissingContentError)
      throw new UsageError(error.message, "--content takes a folder holding scenarios/ and rubrics/");
    throw error;
  }
  const { scenarios, problems } = listScenarios(files);
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify({ scenarios, problems }, null, 2)}\n`);
  } else if (scenarios.length === 0) {
    io.stdout.write("No scenarios found.\n");
  } else {
    const rows = [
      ["ID", "TITLE", "DIFFICULTY", "RUBRIC", "FROM"],
      ...scenarios.map((s) =>
        [s.id, s.title, s.difficulty, s.rubric, s.origin === "built-in" ? "built-in" : s.file].map((cell) => visible(cell)),
      ),
    ];
    io.stdout.write(`${table(rows)}\n`);
  }
  for (const problem of problems) io.stderr.write(`coach: ${visible(problem)}\n`);
  return problems.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
