/**
 * `coach list`: the scenarios, with title, difficulty, rubric and where each comes from.
 * No schemas, no NLP; and the YAML parser only for a file whose top is more than simple
 * `key: text` lines (loading yaml was a fifth of the command's time, so it starts near node's).
 */
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

/** A plain scalar the core schema reads as text: no indicator first, no `: ` or ` #`, not null, a bool or a number. */
const PLAIN = /^[^-?:,[\]{}#&*!|>'"%@`\s](?:(?!: | #)[^\s]|[ ](?!#))*$/;
const NOT_TEXT = /^(?:~|null|true|false|[-+.0-9].*)$/i;
/** Printable characters only: no tabs, control characters, byte-order marks or Unicode line breaks. */
const PRINTABLE = /^[\x20-\x7e\u00a0-\u2027\u202a-\ufefe\uff00-\ufffd\ud800-\udfff]*$/;

/** The text of a one-line scalar, or undefined when it is anything else (then yaml decides). */
function simpleScalar(value: string): string | null | undefined {
  const text = value.replace(/ +$/, "");
  if (!PRINTABLE.test(text)) return undefined;
  if (text === "") return null;
  const quote = text[0];
  if (quote === '"') {
    const m = /^"((?:[^"\\]|\\["\\])*)"$/.exec(text);
    return m === null ? undefined : (m[1] as string).replace(/\\(["\\])/g, "$1");
  }
  if (quote === "'") {
    const m = /^'((?:[^']|'')*)'$/.exec(text);
    return m === null ? undefined : (m[1] as string).replace(/''/g, "'");
  }
  if (!PLAIN.test(text) || text.endsWith(":") || NOT_TEXT.test(text)) return undefined;
  return text;
}

/**
 * The fields of a head made only of comments, blank lines and top-level `key: one-line text`,
 * as yaml would read them; undefined for anything else (a nested value, a number, an anchor, a
 * tab, a directive, a repeated key...), which yaml then reads.
 */
export function simpleHead(head: string): Record<string, string | null> | undefined {
  const fields: Record<string, string | null> = {};
  const seen = new Set<string>();
  for (const line of head.split("\n")) {
    if (line === "" || line[0] === "#" || /^ +$/.test(line)) continue;
    const m = /^([A-Za-z$][\w$-]*):(?: (.*))?$/.exec(line);
    if (m === null) return undefined;
    const key = m[1] as string;
    // yaml reads `true:` and `True:` as one key (a repeat), and refuses keys over 1024 characters.
    if (NOT_TEXT.test(key) || key.length > 1000) return undefined;
    const value = simpleScalar(m[2] ?? "");
    if (value === undefined || seen.has(key)) return undefined;
    seen.add(key);
    fields[key] = value;
  }
  return fields;
}

function field(data: Record<string, unknown>, key: string): string {
  const value = data[key];
  return typeof value === "string" ? value : "";
}

export async function listScenarios(files: ContentFile[]): Promise<ListResult> {
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
      const head = headOf(text);
      const simple = simpleHead(head);
      if (simple !== undefined && "id" in simple) data = simple;
      else {
        const { parse } = await import("yaml");
        data = parse(head, { maxAliasCount: 100 });
        if (data === null || typeof data !== "object" || !("id" in data)) data = parse(text, { maxAliasCount: 100 });
      }
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
  const { scenarios, problems } = await listScenarios(files);
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
