/**
 * Where content comes from: `--content DIR` (repeatable), else scenarios/ and rubrics/ under the
 * current directory when they exist, and always the built-in set shipped with the package.
 * Only file discovery lives here (no YAML, no schemas), so listing stays cheap.
 *
 * A content folder can hold things that are not files: a symbolic link to nothing or round in a loop,
 * a named pipe (reading it waits forever), a link to /dev/zero (it never ends), a file of gigabytes.
 * Each is found here and carries a `problem`, so every command skips or refuses it with the same
 * words; `readContentFile` is the one way to read a content file, and never reads more than the cap.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readSync, realpathSync, type Stats, statSync } from "node:fs";
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
  /** Why this cannot be read as a content file ("a named pipe (FIFO), not a file"); absent when it can. */
  problem?: string;
}

/** No trainer writes a scenario this large; bigger files are refused before they are read. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** What is wrong with a directory entry that is not a plain file, in plain words. */
function notAFile(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isFIFO()) return "a named pipe (FIFO), not a file";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device, not a file";
  if (stats.isSocket()) return "a socket, not a file";
  if (stats.isDirectory()) return "a folder, not a file";
  return "not a regular file";
}

/** Why `path` cannot be read as a content file, or undefined when it can be tried. */
export function fileProblem(path: string): string | undefined {
  try {
    return notAFile(statSync(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "a symbolic link to something that does not exist";
    if (code === "ELOOP") return "a symbolic link that goes round in a loop";
    if (code === "EACCES" || code === "EPERM") return "a file you may not read (permission denied)";
    return `a file that cannot be read (${code ?? (error as Error).message})`;
  }
}

/** A content file that cannot be read: `code` is the diagnostic code. */
export class ContentFileError extends Error {
  constructor(
    readonly code: "unreadable-file" | "file-too-large",
    message: string,
    /** The size in bytes, for a file too large. */
    readonly size?: number,
  ) {
    super(message);
  }
}

/**
 * The bytes of a content file, at most `max`: opened without waiting (a named pipe put there after
 * the folder was listed does not block), checked to be a plain file, refused when its size is over
 * the cap, and read no further than the cap even if it grows meanwhile.
 */
export function readContentFile(path: string, max = MAX_FILE_BYTES): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    throw new ContentFileError("unreadable-file", fileProblem(path) ?? "a file that cannot be read");
  }
  try {
    const stats = fstatSync(fd);
    const problem = notAFile(stats);
    if (problem !== undefined) throw new ContentFileError("unreadable-file", problem);
    if (stats.size > max) throw new ContentFileError("file-too-large", "too large", stats.size);
    const buffer = Buffer.alloc(Math.min(max + 1, Math.max(stats.size, 0) + 1));
    let done = 0;
    for (;;) {
      if (done === buffer.length) break;
      const n = readSync(fd, buffer, done, buffer.length - done, null);
      if (n === 0) break;
      done += n;
    }
    if (done > max) throw new ContentFileError("file-too-large", "too large", done);
    // A file that grew past its stat size (but not the cap) is read on, up to the cap.
    if (done === buffer.length && done <= max) return readRest(fd, buffer, max);
    return buffer.subarray(0, done);
  } catch (error) {
    if (error instanceof ContentFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ContentFileError("unreadable-file", `a file that cannot be read (${code ?? (error as Error).message})`);
  } finally {
    closeSync(fd);
  }
}

function readRest(fd: number, start: Buffer, max: number): Buffer {
  const chunks = [start];
  let total = start.length;
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) return Buffer.concat(chunks);
    total += n;
    if (total > max) throw new ContentFileError("file-too-large", "too large", total);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
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
    if (isFolder(dir)) {
      found = true;
      for (const path of listYaml(dir)) out.push(withProblem({ path, display: displayPath(path, cwd), origin, kind }));
    }
  }
  if (!found && origin !== "local")
    for (const path of listYaml(root)) out.push(withProblem({ path, display: displayPath(path, cwd), origin }));
  return out;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function withProblem(file: ContentFile): ContentFile {
  const problem = fileProblem(file.path);
  return problem === undefined ? file : { ...file, problem };
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
      if (!isFolder(root)) throw new MissingContentError(dir, `--content takes a folder, and ${dir} is a file`);
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
    const real = realpath(file.path);
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(file.origin === "local" && isInside(real, builtinRoot) ? { ...file, origin: "built-in" } : file);
  }
  return out;
}

/** The real path, or the path itself for a link that leads nowhere. */
function realpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(realpath(dir), path);
  return !rel.startsWith("..") && rel !== "";
}

/** Expands `coach validate PATH...` arguments (files or folders) into content files. */
export function filesFromPaths(paths: string[], cwd: string): ContentFile[] {
  const out: ContentFile[] = [];
  for (const p of paths) {
    const full = resolve(cwd, p);
    if (!existsSync(full)) throw new MissingContentError(p);
    if (isFolder(full)) out.push(...filesOfRoot(full, "content", cwd));
    else out.push(withProblem({ path: full, display: displayPath(full, cwd), origin: "content" }));
  }
  return out;
}
