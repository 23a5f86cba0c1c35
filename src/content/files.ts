/**
 * Where content comes from: `--content DIR` (repeatable), else scenarios/ and rubrics/ under the
 * current directory when they exist, and always the built-in set shipped with the package.
 * Only file discovery lives here (no YAML, no schemas), so listing stays cheap.
 */
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type Origin = "built-in" | "local" | "content";

export interface ContentFile {
  path: string;
  /** The path as shown to the user: relative to the current directory when inside it. */
  display: string;
  origin: Origin;
  /** From the folder name, when it says: scenarios/ or rubrics/. */
  kind?: "scenario" | "rubric";
}

/** The package's own content folder (holds scenarios/ and rubrics/). */
export const builtinRoot = fileURLToPath(new URL("../../", import.meta.url));

const YAML_FILE = /\.ya?ml$/i;

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith("..") || rel === "" ? path : rel;
}

function listYaml(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => YAML_FILE.test(name))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** The YAML files of a content folder: its scenarios/ and rubrics/, or the folder's own files. */
function filesOfRoot(root: string, origin: Origin, cwd: string): ContentFile[] {
  const out: ContentFile[] = [];
  let found = false;
  for (const [sub, kind] of [
    ["scenarios", "scenario"],
    ["rubrics", "rubric"],
  ] as const) {
    const dir = join(root, sub);
    if (existsSync(dir) && statSync(dir).isDirectory()) {
      found = true;
      for (const path of listYaml(dir)) out.push({ path, display: displayPath(path, cwd), origin, kind });
    }
  }
  if (!found && origin !== "local") for (const path of listYaml(root)) out.push({ path, display: displayPath(path, cwd), origin });
  return out;
}

export interface ContentOptions {
  /** `--content DIR`, repeatable. */
  content?: string[] | undefined;
  cwd: string;
  /** For tests: leave out the built-in set. */
  builtin?: boolean;
}

export class MissingContentError extends Error {
  constructor(
    readonly dir: string,
    message = `content folder not found: ${dir}`,
  ) {
    super(message);
  }
}

/** Every content file to load, each once even when folders overlap (the repository's own checkout). */
export function discoverContent(options: ContentOptions): ContentFile[] {
  const listed: ContentFile[][] = [];
  if (options.content !== undefined && options.content.length > 0) {
    for (const dir of options.content) {
      const root = resolve(options.cwd, dir);
      if (!existsSync(root)) throw new MissingContentError(dir);
      if (!statSync(root).isDirectory()) throw new MissingContentError(dir, `--content takes a folder, and ${dir} is a file`);
      const files = filesOfRoot(root, "content", options.cwd);
      if (files.length === 0) {
        throw new MissingContentError(dir, `no scenario or rubric files in ${dir} (its scenarios/ and rubrics/, or its own .yaml files)`);
      }
      listed.push(files);
    }
  } else {
    listed.push(filesOfRoot(options.cwd, "local", options.cwd));
  }
  if (options.builtin !== false) listed.push(filesOfRoot(builtinRoot, "built-in", options.cwd));

  const seen = new Set<string>();
  const out: ContentFile[] = [];
  for (const file of listed.flat()) {
    const real = realpathSync(file.path);
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(file.origin === "local" && isInside(real, builtinRoot) ? { ...file, origin: "built-in" } : file);
  }
  return out;
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(realpathSync(dir), path);
  return !rel.startsWith("..") && rel !== "";
}

/** Expands `coach validate PATH...` arguments (files or folders) into content files. */
export function filesFromPaths(paths: string[], cwd: string): ContentFile[] {
  const out: ContentFile[] = [];
  for (const p of paths) {
    const full = resolve(cwd, p);
    if (!existsSync(full)) throw new MissingContentError(p);
    if (statSync(full).isDirectory()) out.push(...filesOfRoot(full, "content", cwd));
    else out.push({ path: full, display: displayPath(full, cwd), origin: "content" });
  }
  return out;
}
