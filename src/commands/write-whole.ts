/**
 * Files the commands write for the user (`new`, `report --html/--md`, `test --update`) are written
 * whole or not at all: beside the target first, then moved into place. A full disk or a write error
 * leaves the old file (or none), never half of one that looks finished. Errors are thrown as they
 * come, after the temporary file is removed; callers say them in plain words.
 */
import { linkSync, renameSync, rmSync, writeFileSync } from "node:fs";

export function writeWhole(path: string, text: string, options: { overwrite: boolean }): void {
  const temporary = `${path}.coach-${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text, { flag: "wx" });
    // link refuses a target that exists (no --force); rename replaces it in one step.
    if (options.overwrite) renameSync(temporary, path);
    else {
      linkSync(temporary, path);
      rmSync(temporary, { force: true });
    }
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
