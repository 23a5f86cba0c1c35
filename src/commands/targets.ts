/** Shared by `coach validate` and `coach test`: which files to check, loaded with their context. */

import { type CheckedContent, loadTargets, NoContentError, resolveTargets, type Targets } from "../authoring/targets.js";
import { UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
import { MissingContentError } from "../content/files.js";

export interface TargetCommandOptions {
  paths?: string[] | undefined;
  content?: string[] | undefined;
}

export function targetsOf(options: TargetCommandOptions, io: Io): Targets {
  try {
    return resolveTargets({ paths: options.paths ?? [], content: options.content, cwd: io.cwd });
  } catch (error) {
    if (error instanceof MissingContentError)
      throw new UsageError(
        error.message.replace("content folder not found", "not found"),
        "check the path; paths are files or folders of YAML files",
      );
    if (error instanceof NoContentError)
      throw new UsageError(error.message, "name .yaml files, or folders that hold them (or scenarios/ and rubrics/)");
    throw error;
  }
}

/** Resolves and loads the targets; says so on stderr when it falls back to the built-in content. */
export function loadChecked(options: TargetCommandOptions, io: Io): CheckedContent {
  const targets = targetsOf(options, io);
  if (targets.note !== undefined) io.stderr.write(`coach: ${targets.note}\n`);
  return loadTargets(targets);
}
