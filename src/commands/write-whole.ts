/**
 * Files the commands write for the user (`new`, `report --html/--md`, `test --update`, `export
 * --out`) are written whole or not at all: beside the target first, then moved into place. A full
 * disk or a write error leaves the old file (or none), never half of one that looks finished. Errors
 * are thrown as they come, after the temporary file is removed; callers say them in plain words.
 *
 * A target that is not a plain file (/dev/stdout, a named pipe, a device) is written straight to, and
 * never replaced or removed; a symbolic link is followed, so the file it points at is the one replaced.
 */
import { closeSync, fsyncSync, linkSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";

/** What to write to: the real path, and whether it is a plain file (or nothing yet). */
function target(path: string): { real: string; plain: boolean } {
  try {
    const stats = statSync(path);
    return { real: realpathSync(path), plain: stats.isFile() };
  } catch {
    return { real: path, plain: true };
  }
}

export function writeWhole(path: string, text: string, options: { overwrite: boolean }): void {
  const to = target(path);
  if (!to.plain) {
    if (!options.overwrite) throw Object.assign(new Error(`${path} exists`), { code: "EEXIST" });
    writeFileSync(to.real, text);
    return;
  }
  const temporary = `${to.real}.coach-${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { flag: "wx" });
    // link refuses a target that exists (no --force); rename replaces it in one step.
    if (options.overwrite) renameSync(temporary, to.real);
    else {
      linkSync(temporary, to.real);
      rmSync(temporary, { force: true });
    }
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** The same, for output written a block at a time (`export --out` of a large history). */
export interface WholeFile {
  write(text: string): void;
  /** Moves the file into place. */
  finish(): void;
  /** Removes what was written (a plain file's temporary copy; a device or pipe is left alone). */
  abandon(): void;
}

export function openWhole(path: string, options: { overwrite: boolean }): WholeFile {
  const to = target(path);
  if (!to.plain) {
    if (!options.overwrite) throw Object.assign(new Error(`${path} exists`), { code: "EEXIST" });
    const fd = openSync(to.real, "w");
    return {
      write: (text) => void writeSync(fd, text),
      finish: () => closeSync(fd),
      abandon: () => closeSync(fd),
    };
  }
  if (!options.overwrite) {
    // Refuse an existing file before writing anything, as a plain open with "wx" would.
    try {
      statSync(to.real);
      throw Object.assign(new Error(`${path} exists`), { code: "EEXIST" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  const temporary = `${to.real}.coach-${process.pid}.tmp`;
  const fd = openSync(temporary, "wx");
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (text) => void writeSync(fd, text),
    finish: () => {
      fsyncSync(fd);
      close();
      if (options.overwrite) renameSync(temporary, to.real);
      else {
        linkSync(temporary, to.real);
        rmSync(temporary, { force: true });
      }
    },
    abandon: () => {
      close();
      rmSync(temporary, { force: true });
    },
  };
}
