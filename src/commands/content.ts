/** Loads the content a command needs, and turns content problems into diagnostics on stderr and exit 2. */

import { basename } from "node:path";
import { loadCatalog } from "../authoring/checked-catalog.js";
import { EXIT_USAGE, ExitError, UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
import type { Catalog } from "../content/catalog.js";
import { didYouMean, hasErrors, sortDiagnostics } from "../content/diagnostics.js";
import { discoverContent, MissingContentError } from "../content/files.js";
import type { RubricSpec, ScenarioSpec } from "../content/schema.js";
import { renderCappedDiagnostics } from "../report/diagnostics-text.js";
import { visible } from "../report/safe-text.js";
import { makeStyle } from "../report/style.js";

export function sourcesOf(catalog: Catalog): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of catalog.files) if (f.text !== undefined) map.set(f.file, f.text);
  return map;
}

/**
 * Every scenario and rubric the command can see; invalid content stops it with exit 2.
 *
 * With `playing`, content errors that cannot touch what is played only warn: a broken file in
 * ./scenarios must not stop a trainee playing a built-in scenario. `playing.scenario` is the id to
 * play (undefined: one is picked from the list of those that loaded). An error still stops play when
 * it is in that scenario's file or its rubric's, in a file named after the id (a local copy that
 * failed to load would otherwise be swapped silently for the built-in one), or is about the id itself.
 */
export function loadContent(options: { content?: string[] | undefined }, io: Io, playing?: { scenario?: string }): Catalog {
  let catalog: Catalog;
  try {
    catalog = loadCatalog(discoverContent({ content: options.content, cwd: io.cwd }));
  } catch (error) {
    if (error instanceof MissingContentError)
      throw new UsageError(error.message, "--content takes a folder holding scenarios/ and rubrics/");
    throw error;
  }
  if (hasErrors(catalog.diagnostics) && playing !== undefined && !touches(catalog, playing.scenario)) {
    const files = [...new Set(catalog.diagnostics.filter((d) => d.severity === "error").map((d) => d.file))].sort();
    io.stderr.write(
      `coach: warning: skipped ${files.length === 1 ? "a file" : `${files.length} files`} with errors: ${visible(files.join(", "))} (\`coach validate\` shows why)\n`,
    );
    return catalog;
  }
  if (hasErrors(catalog.diagnostics)) {
    const errors = sortDiagnostics(catalog.diagnostics.filter((d) => d.severity === "error"));
    io.stderr.write(`${renderCappedDiagnostics(errors, makeStyle(io.color && io.stderr.isTTY === true), sourcesOf(catalog))}\n\n`);
    throw new ExitError(
      EXIT_USAGE,
      `the content has ${errors.length} error${errors.length === 1 ? "" : "s"}`,
      "run `coach validate` for every problem, warnings included",
    );
  }
  return catalog;
}

/** True when the content's errors could change what playing `id` means (see loadContent). */
function touches(catalog: Catalog, id: string | undefined): boolean {
  if (id === undefined) return catalog.scenarios.size === 0;
  const scenario = catalog.scenarios.get(id);
  const rubric = scenario === undefined ? undefined : catalog.rubrics.get(scenario.data.rubric);
  if (scenario === undefined || rubric === undefined) return true;
  const own = new Set([scenario.file.display, rubric.file.display]);
  return catalog.diagnostics.some(
    (d) =>
      d.severity === "error" &&
      (own.has(d.file) ||
        basename(d.file).replace(/\.ya?ml$/i, "") === id ||
        (d.code === "duplicate-id" && d.message.includes(`\`${id}\``))),
  );
}

export function findScenario(catalog: Catalog, id: string): ScenarioSpec {
  const found = catalog.scenarios.get(id);
  if (found === undefined) {
    const known = [...catalog.scenarios.keys()];
    const suggestion = didYouMean(id, known);
    throw new UsageError(
      `unknown scenario \`${id}\``,
      `${suggestion === undefined ? "" : `${suggestion} `}known scenarios: ${known.join(", ")}`,
    );
  }
  return found.data;
}

export function findRubric(catalog: Catalog, id: string): RubricSpec {
  const found = catalog.rubrics.get(id);
  if (found === undefined) {
    throw new UsageError(`unknown rubric \`${id}\``, `known rubrics: ${[...catalog.rubrics.keys()].join(", ")}`);
  }
  return found.data;
}
