/**
 * `coach schema [FOLDER...]`: writes the JSON Schemas beside the trainer's files (scenario.schema.json
 * in scenarios/, rubric.schema.json in rubrics/), so every file's `$schema=./x.schema.json` line works
 * wherever the files live: a scenario copied from the built-in set, a fresh repository, CI.
 * An existing schema that differs (an older coach) is replaced only with --force.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileError, UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
import { displayPath } from "../content/files.js";
import { renderJsonSchema, type SchemaKind, schemaFileNames } from "../content/json-schemas.js";

export interface SchemaOptions {
  folders?: string[];
  force?: boolean;
}

/** Which schemas a folder gets: by its name, else both. */
function kindsFor(folder: string): SchemaKind[] {
  const name = basename(folder);
  if (/^scenarios?$/.test(name)) return ["scenario"];
  if (/^rubrics?$/.test(name)) return ["rubric"];
  return ["scenario", "rubric"];
}

export async function runSchema(options: SchemaOptions, io: Io): Promise<number> {
  let folders = (options.folders ?? []).map((f) => resolve(io.cwd, f));
  if (folders.length === 0) {
    // scenarios/ always (where `coach new` writes), rubrics/ when there is one.
    folders = [join(io.cwd, "scenarios")];
    if (existsSync(join(io.cwd, "rubrics"))) folders.push(join(io.cwd, "rubrics"));
  }
  for (const folder of folders)
    if (existsSync(folder) && !statSync(folder).isDirectory())
      throw new UsageError(`${displayPath(folder, io.cwd)} is not a folder`, "name the folders that hold your scenarios and rubrics");
  const planned = folders.flatMap((folder) => kindsFor(folder).map((kind) => ({ kind, path: join(folder, schemaFileNames[kind]) })));
  const stale = planned.filter(({ kind, path }) => existsSync(path) && readFileSync(path, "utf8") !== renderJsonSchema(kind));
  if (stale.length > 0 && options.force !== true)
    throw new UsageError(
      `${stale.map((s) => displayPath(s.path, io.cwd)).join(", ")} already ${stale.length === 1 ? "exists and differs" : "exist and differ"} from this version's schema`,
      "pass --force to replace it with this version's (it is generated: edits to it would be lost)",
    );
  for (const { kind, path } of planned) {
    const shown = displayPath(path, io.cwd);
    const text = renderJsonSchema(kind);
    if (existsSync(path) && readFileSync(path, "utf8") === text) {
      io.stdout.write(`${shown} is up to date\n`);
      continue;
    }
    try {
      mkdirSync(resolve(path, ".."), { recursive: true });
      writeFileSync(path, text);
    } catch (error) {
      throw fileError(error, "write", shown);
    }
    io.stdout.write(`wrote ${shown}\n`);
  }
  return 0;
}
