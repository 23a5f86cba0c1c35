/**
 * `coach new scenario|rubric`: writes a commented file that passes `coach validate`, with the
 * schema line editors use for completion. In a terminal it asks for the essentials (the prompt
 * library is loaded only then); `--yes --id ID --title TITLE [--out FILE]` asks nothing.
 * Never overwrites a file without --force.
 */

import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import {
  DEFAULT_RUBRIC,
  ID_PATTERN,
  type RubricAnswers,
  rubricTemplate,
  type ScenarioAnswers,
  scenarioDefaults,
  scenarioTemplate,
  slugify,
  titleFromId,
} from "../authoring/templates.js";
import { EXIT_INTERRUPTED, ExitError, fileError, UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
import { builtinRoot, discoverContent, displayPath, readContentFile } from "../content/files.js";
import { renderJsonSchema, type SchemaKind, schemaFileNames } from "../content/json-schemas.js";
import { visible } from "../report/safe-text.js";
import { writeWhole } from "./write-whole.js";

export interface NewOptions {
  kind: SchemaKind;
  yes?: boolean;
  id?: string;
  title?: string;
  out?: string;
  force?: boolean;
}

const FOLDERS: Record<SchemaKind, string> = { scenario: "scenarios", rubric: "rubrics" };

function inside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/**
 * The `$schema` reference for a new file, for the editor:
 *   1. a schema file already beside it (a content folder made by coach, or this repository): `./x.schema.json`;
 *   2. else the installed package's schema when the package lives inside the project (a local
 *      `npm install complaint-coach`): a relative path into node_modules, which stays current on upgrade;
 *   3. else (a global install, npx) a copy of the schema written beside the file.
 */
export function schemaReference(
  outFile: string,
  kind: SchemaKind,
  cwd: string,
  packageRoot: string = builtinRoot,
  exists: (path: string) => boolean = existsSync,
): { ref: string; copyTo?: string; copyFrom: string } {
  const name = schemaFileNames[kind];
  const packaged = join(packageRoot, FOLDERS[kind], name);
  const beside = join(dirname(outFile), name);
  if (exists(beside)) return { ref: `./${name}`, copyFrom: packaged };
  if (exists(packaged) && inside(packaged, cwd) && inside(outFile, cwd))
    return { ref: relative(dirname(outFile), packaged).split(sep).join("/"), copyFrom: packaged };
  return { ref: `./${name}`, copyTo: beside, copyFrom: packaged };
}

/** The ids defined in the content a trainee would load, with the file of each, by kind. */
function knownIds(io: Io): Record<SchemaKind, Map<string, string>> {
  const ids: Record<SchemaKind, Map<string, string>> = { scenario: new Map(), rubric: new Map() };
  for (const file of discoverContent({ cwd: io.cwd })) {
    if (file.kind === undefined || file.problem !== undefined) continue;
    try {
      const id = /^id:\s*["']?([a-z0-9][a-z0-9-]*)/m.exec(readContentFile(file.path).toString("utf8"))?.[1];
      if (id !== undefined && !ids[file.kind].has(id)) ids[file.kind].set(id, file.path);
    } catch {
      // An unreadable file is `coach validate`'s to report.
    }
  }
  return ids;
}

/** Why an id cannot be used for a new file at `out`, if it cannot: ids are unique across all content. */
function idTaken(kind: SchemaKind, id: string, out: string | undefined, io: Io): string | undefined {
  const file = knownIds(io)[kind].get(id);
  if (file === undefined || (out !== undefined && resolve(file) === out)) return undefined;
  return `a ${kind} with id \`${id}\` exists already: ${displayPath(file, io.cwd)}`;
}

function outPath(kind: SchemaKind, id: string, options: NewOptions, io: Io): string {
  return resolve(io.cwd, options.out ?? join(FOLDERS[kind], `${id}.yaml`));
}

function checkId(id: string): void {
  if (!ID_PATTERN.test(id)) {
    const suggestion = slugify(id).slice(0, 64).replace(/-+$/, "");
    const shown = id.length > 70 ? `${id.slice(0, 64)}… (${id.length} characters)` : id;
    throw new UsageError(
      `\`${shown}\` is not a valid id: use lower-case letters, digits and hyphens, at most 64 characters`,
      suggestion === "" ? "for example: --id late-parcel" : `for example: --id ${suggestion}`,
    );
  }
}

async function ask(options: NewOptions, io: Io): Promise<ScenarioAnswers | RubricAnswers> {
  const { input, select } = await import("@inquirer/prompts");
  const context = { input: io.stdin, output: io.stdout as NodeJS.WritableStream };
  try {
    const id = await input(
      {
        message: `${options.kind === "scenario" ? "Scenario" : "Rubric"} id (lower-case words joined by hyphens):`,
        ...(options.id === undefined ? {} : { default: options.id }),
        validate: (v) => {
          if (!ID_PATTERN.test(v)) return `like ${slugify(v) || "late-parcel"}: lower-case letters, digits and hyphens`;
          return idTaken(options.kind, v, outPath(options.kind, v, options, io), io) ?? true;
        },
      },
      context,
    );
    const title = await input(
      { message: "Title:", default: options.title ?? titleFromId(id), validate: (v) => v.trim() !== "" || "a title, please" },
      context,
    );
    if (options.kind === "rubric") return { id, title };
    const defaults = scenarioDefaults(id, title);
    const nonEmpty = (v: string) => v.trim() !== "" || "a few words, please";
    const customerName = await input({ message: "The customer's name:", default: defaults.customerName, validate: nonEmpty }, context);
    const wants = await input({ message: "What do they actually want?", default: defaults.wants, validate: nonEmpty }, context);
    const opening = await input({ message: "Their opening line:", default: defaults.opening, validate: nonEmpty }, context);
    const difficulty = await select(
      {
        message: "Difficulty:",
        default: "medium",
        choices: [
          { value: "easy" as const, name: "easy" },
          { value: "medium" as const, name: "medium" },
          { value: "hard" as const, name: "hard" },
        ],
      },
      context,
    );
    const rubrics = [...new Set([DEFAULT_RUBRIC, ...knownIds(io).rubric.keys()])];
    const rubric =
      rubrics.length === 1
        ? (rubrics[0] as string)
        : await select(
            { message: "Scored with rubric:", default: DEFAULT_RUBRIC, choices: rubrics.map((r) => ({ value: r, name: r })) },
            context,
          );
    return { id, title, difficulty, rubric, customerName, wants, opening };
  } catch (error) {
    if (error instanceof Error && error.name === "ExitPromptError") throw new ExitError(EXIT_INTERRUPTED, "cancelled; nothing was written");
    throw error;
  }
}

export async function runNew(options: NewOptions, io: Io): Promise<number> {
  const interactive = options.yes !== true && io.stdin.isTTY === true && io.stdout.isTTY === true;
  if (options.yes !== true && !interactive)
    throw new UsageError(
      "`coach new` asks its questions in a terminal, and this is not one",
      `for scripts: coach new ${options.kind} --yes --id ID --title TITLE [--out FILE]`,
    );
  if (options.id !== undefined) checkId(options.id);
  let answers: ScenarioAnswers | RubricAnswers;
  if (interactive) answers = await ask(options, io);
  else {
    if (options.id === undefined)
      throw new UsageError("--yes needs --id", `coach new ${options.kind} --yes --id late-parcel --title "A late parcel"`);
    answers =
      options.kind === "scenario"
        ? scenarioDefaults(options.id, options.title)
        : { id: options.id, title: options.title ?? titleFromId(options.id) };
  }

  const out = outPath(options.kind, answers.id, options, io);
  const shown = displayPath(out, io.cwd);
  if (existsSync(out) && options.force !== true)
    throw new UsageError(`${shown} already exists`, "pass --force to overwrite it, or --out to write somewhere else");
  const taken = idTaken(options.kind, answers.id, out, io);
  if (taken !== undefined) throw new UsageError(taken, "pick another --id: ids are unique across your content and the built-in set");
  const schema = schemaReference(out, options.kind, io.cwd);
  const text =
    options.kind === "scenario"
      ? scenarioTemplate(answers as ScenarioAnswers, schema.ref)
      : rubricTemplate(answers as RubricAnswers, schema.ref);

  try {
    mkdirSync(dirname(out), { recursive: true });
    writeWhole(out, text, { overwrite: true });
  } catch (error) {
    throw fileError(error, "write", shown);
  }
  io.stdout.write(`wrote ${visible(shown)}\n`);
  if (schema.copyTo !== undefined) {
    const copy = existsSync(schema.copyFrom) ? readFileSync(schema.copyFrom, "utf8") : renderJsonSchema(options.kind);
    try {
      writeWhole(schema.copyTo, copy, { overwrite: true });
    } catch (error) {
      throw fileError(error, "write", displayPath(schema.copyTo, io.cwd));
    }
    io.stdout.write(
      `wrote ${visible(displayPath(schema.copyTo, io.cwd))} (the JSON Schema your editor completes and checks fields with)\n`,
    );
  }
  io.stdout.write(`next: edit it, then run  coach validate ${visible(shown)} && coach test ${visible(shown)}\n`);
  return 0;
}
