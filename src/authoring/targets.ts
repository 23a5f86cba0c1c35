/**
 * What `coach validate` and `coach test` check (the targets) and what they only read to resolve
 * references (the context): a scenario names a rubric that may live elsewhere, and ids must be unique
 * across everything a trainee would load. Context files are loaded first, so a duplicate id is
 * reported at the target that repeats it, and their own problems are left out of the report.
 */
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { type Catalog, fileReader, type Reader } from "../content/catalog.js";
import { type Diagnostic, sortDiagnostics } from "../content/diagnostics.js";
import { type ContentFile, discoverContent, filesFromPaths } from "../content/files.js";
import type { ParsedFile } from "../content/load.js";
import { loadCatalog } from "./checked-catalog.js";

export interface TargetOptions {
  /** Files or folders named on the command line. */
  paths: string[];
  /** `--content DIR`, repeatable. */
  content?: string[] | undefined;
  cwd: string;
  /** For tests: leave the built-in set out of the context. */
  builtin?: boolean;
}

export interface Targets {
  targets: ContentFile[];
  context: ContentFile[];
  /** Set when nothing local was found and the built-in set is checked instead. */
  note?: string;
}

/** A path names no content file: a folder without YAML, or something that is not a file. */
export class NoContentError extends Error {}

function realpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * The targets: the named paths; else the --content folders; else scenarios/ and rubrics/ under the
 * current directory; else, when there are none, the built-in set. The context: every content file
 * a command would load (--content or local folders, and the built-in set) that is not a target.
 */
export function resolveTargets(options: TargetOptions): Targets {
  const builtin = options.builtin !== false;
  let targets: ContentFile[];
  let note: string | undefined;
  if (options.paths.length > 0) {
    targets = [];
    for (const path of options.paths) {
      const files = filesFromPaths([path], options.cwd);
      if (files.length === 0) throw new NoContentError(`no YAML files in ${path}`);
      // A path that names a pipe or a device is a usage error; such a thing inside a named folder is
      // reported as a problem of that file, like any other.
      const named = files.length === 1 && files[0]?.path === resolve(options.cwd, path) ? files[0] : undefined;
      if (named?.problem !== undefined) throw new NoContentError(`not a regular file: ${path} (${named.problem})`);
      targets.push(...files);
    }
  } else {
    targets = discoverContent({ content: options.content, cwd: options.cwd, builtin: false });
    if (targets.length === 0 && (options.content === undefined || options.content.length === 0)) {
      targets = discoverContent({ cwd: options.cwd, builtin });
      note = "no scenarios/ or rubrics/ here: checking the built-in content";
    }
  }
  const seen = new Set<string>();
  targets = targets.filter((file) => {
    const real = realpath(file.path);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  });
  const context = discoverContent({ content: options.content, cwd: options.cwd, builtin }).filter((file) => !seen.has(realpath(file.path)));
  const result: Targets = { targets, context };
  if (note !== undefined) result.note = note;
  return result;
}

export interface CheckedContent {
  catalog: Catalog;
  /** The target files as read, in order (files that could not be read are missing). */
  files: ParsedFile[];
  /** Every target file's display name, in order, read or not. */
  names: string[];
  /** Problems in the target files only, sorted by file and position. */
  diagnostics: Diagnostic[];
}

/** Loads context and targets together and keeps the targets' diagnostics. */
export function loadTargets({ targets, context }: Targets, reader: Reader = fileReader): CheckedContent {
  const catalog = loadCatalog([...context, ...targets], reader);
  const names = targets.map((t) => t.display);
  const wanted = new Set(names);
  return {
    catalog,
    files: catalog.files.filter((f) => wanted.has(f.file)),
    names,
    diagnostics: sortDiagnostics(catalog.diagnostics.filter((d) => wanted.has(d.file))),
  };
}
