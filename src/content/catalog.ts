/**
 * Loads content files into a checked catalog: parsed, schema-checked, then checked as a set
 * (duplicate ids across files, references, reachability, rules). Everything found is collected.
 */
import { readFileSync } from "node:fs";
import { checkContent } from "./check.js";
import type { Diagnostic } from "./diagnostics.js";
import type { ContentFile, Origin } from "./files.js";
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

export const fileReader: Reader = { read: (path) => readFileSync(path) };

function readSafely(file: ContentFile, reader: Reader): { bytes?: Uint8Array; diagnostic?: Diagnostic } {
  try {
    return { bytes: reader.read(file.path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      diagnostic: {
        file: file.display,
        line: 0,
        column: 0,
        code: "unreadable-file",
        severity: "error",
        message: code === "EISDIR" ? "this is a folder, not a file" : `cannot read the file (${code ?? (error as Error).message})`,
      },
    };
  }
}

/** Parses and schema-checks files, then checks the set. */
export function loadCatalog(files: ContentFile[], reader: Reader = fileReader): Catalog {
  const catalog: Catalog = { scenarios: new Map(), rubrics: new Map(), files: [], diagnostics: [] };
  const scenarios: Array<Loaded<ScenarioSpec>> = [];
  const rubrics: Array<Loaded<RubricSpec>> = [];
  for (const file of files) {
    const { bytes, diagnostic } = readSafely(file, reader);
    if (diagnostic !== undefined || bytes === undefined) {
      if (diagnostic !== undefined) catalog.diagnostics.push(diagnostic);
      continue;
    }
    const parsed = parseContent(file.display, bytes, file.kind);
    catalog.files.push(parsed);
    catalog.diagnostics.push(...parsed.diagnostics);
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
  const checked = checkContent(scenarios, rubrics);
  catalog.diagnostics.push(...checked.diagnostics);
  catalog.scenarios = checked.scenarios;
  catalog.rubrics = checked.rubrics;
  return catalog;
}

export function originOf(loaded: Loaded<unknown>): Origin {
  return loaded.file.origin;
}
