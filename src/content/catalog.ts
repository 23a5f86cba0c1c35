/**
 * Reads content files: parsed and schema-checked, everything found collected. Checking them as a
 * set (duplicate ids, references, reachability, rules) needs the engine and lives above it, in
 * `src/authoring/checked-catalog.ts`.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import type { Diagnostic } from "./diagnostics.js";
import { type ContentFile, ContentFileError, MAX_FILE_BYTES, type Origin, readContentFile } from "./files.js";
import { type ContentKind, type ParsedFile, parseContent, validateParsed } from "./load.js";
import type { RubricSpec, ScenarioSpec } from "./schema.js";

export interface Loaded<T> {
  data: T;
  parsed: ParsedFile;
  file: ContentFile;
}

export interface Catalog {
  scenarios: Map<string, Loaded<ScenarioSpec>>;
  rubrics: Map<string, Loaded<RubricSpec>>;
  /** Every file read, loaded or not, in order. */
  files: ParsedFile[];
  diagnostics: Diagnostic[];
}

export interface Reader {
  read(path: string): Uint8Array;
}

export const fileReader: Reader = { read: (path) => readContentFile(path) };

function unreadable(file: ContentFile, message: string): { diagnostic: Diagnostic } {
  return {
    diagnostic: {
      file: file.display,
      line: 0,
      column: 0,
      code: "unreadable-file",
      severity: "error",
      message: `not read: ${message}`,
      hint: "content folders hold .yaml files only; remove it, or point the link at a file",
    },
  };
}

function readSafely(file: ContentFile, reader: Reader): { bytes?: Uint8Array; diagnostic?: Diagnostic } {
  // Found when the folder was listed: never opened (a pipe would wait forever, /dev/zero never ends).
  if (file.problem !== undefined) return unreadable(file, `this is ${file.problem}`);
  try {
    return { bytes: reader.read(file.path) };
  } catch (error) {
    if (error instanceof ContentFileError && error.code === "file-too-large") {
      return {
        diagnostic: {
          file: file.display,
          line: 0,
          column: 0,
          code: "file-too-large",
          severity: "error",
          message: `file is ${((error.size ?? 0) / 1024 / 1024).toFixed(1)} MB; content files may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
          hint: "split it into several scenario files, or check that this is the file you meant",
        },
      };
    }
    if (error instanceof ContentFileError) return unreadable(file, `this is ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    return unreadable(
      file,
      code === "EISDIR" ? "this is a folder, not a file" : `cannot read the file (${code ?? (error as Error).message})`,
    );
  }
}

/**
 * The `# yaml-language-server: $schema=...` line of a file, when it names a schema file that is not
 * there (a scenario copied from the built-in set into a new folder): the editor then checks nothing.
 */
function brokenSchemaLink(file: ContentFile, text: string | undefined): Diagnostic | undefined {
  if (text === undefined) return undefined;
  const head = text.slice(0, 2000);
  const m = /^(#\s*yaml-language-server:\s*\$schema=)(\S+)/m.exec(head);
  if (m === null) return undefined;
  const ref = m[2] as string;
  // URLs are the editor's to fetch; only a path beside the file can be checked here.
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return undefined;
  const target = isAbsolute(ref) ? ref : resolve(dirname(file.path), ref);
  if (existsSync(target)) return undefined;
  const line = head.slice(0, m.index).split("\n").length;
  return {
    file: file.display,
    line,
    column: (m[1] as string).length + 1,
    endLine: line,
    endColumn: (m[1] as string).length + 1 + ref.length,
    code: "schema-link",
    severity: "warning",
    message: `the \`$schema\` line points at ${ref}, which is not there: editors cannot complete or check this file`,
    hint: "run `coach schema` to write the schemas beside your files",
  };
}

/** Files parsed and schema-checked, not yet checked as a set. */
export interface ReadContent {
  scenarios: Array<Loaded<ScenarioSpec>>;
  rubrics: Array<Loaded<RubricSpec>>;
  files: ParsedFile[];
  diagnostics: Diagnostic[];
}

/** Parses and schema-checks files, in order. */
export function readContent(files: ContentFile[], reader: Reader = fileReader): ReadContent {
  const catalog: ReadContent = { scenarios: [], rubrics: [], files: [], diagnostics: [] };
  const { scenarios, rubrics } = catalog;
  for (const file of files) {
    const { bytes, diagnostic } = readSafely(file, reader);
    if (diagnostic !== undefined || bytes === undefined) {
      if (diagnostic !== undefined) catalog.diagnostics.push(diagnostic);
      continue;
    }
    const parsed = parseContent(file.display, bytes, file.kind);
    catalog.files.push(parsed);
    catalog.diagnostics.push(...parsed.diagnostics);
    const link = brokenSchemaLink(file, parsed.text);
    if (link !== undefined) catalog.diagnostics.push(link);
    if (parsed.diagnostics.some((d) => d.severity === "error")) continue;
    const kind: ContentKind | undefined = parsed.kind;
    if (kind === undefined) {
      catalog.diagnostics.push({
        file: file.display,
        line: 1,
        column: 1,
        code: "unknown-kind",
        severity: "error",
        message: "cannot tell whether this is a scenario or a rubric",
        hint: "put it in scenarios/ or rubrics/, or give it `turns:` (scenario) or `criteria:` (rubric)",
      });
      continue;
    }
    if (kind === "scenario") {
      const { data, diagnostics } = validateParsed(parsed, "scenario");
      catalog.diagnostics.push(...diagnostics);
      if (data !== undefined) scenarios.push({ data, parsed, file });
    } else {
      const { data, diagnostics } = validateParsed(parsed, "rubric");
      catalog.diagnostics.push(...diagnostics);
      if (data !== undefined) rubrics.push({ data, parsed, file });
    }
  }
  return catalog;
}

export function originOf(loaded: Loaded<unknown>): Origin {
  return loaded.file.origin;
}
