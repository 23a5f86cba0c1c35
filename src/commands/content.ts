/** Loads the content a command needs, and turns content problems into diagnostics on stderr and exit 2. */

import { loadCatalog } from "../authoring/checked-catalog.js";
import { EXIT_USAGE, ExitError, UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
import type { Catalog } from "../content/catalog.js";
import { didYouMean, hasErrors, sortDiagnostics } from "../content/diagnostics.js";
import { discoverContent, MissingContentError } from "../content/files.js";
import type { RubricSpec, ScenarioSpec } from "../content/schema.js";
import { renderDiagnostics } from "../report/diagnostics-text.js";
import { makeStyle } from "../report/style.js";

export function sourcesOf(catalog: Catalog): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of catalog.files) if (f.text !== undefined) map.set(f.file, f.text);
  return map;
}

/** Every scenario and rubric the command can see; invalid content stops it with exit 2. */
export function loadContent(options: { content?: string[] | undefined }, io: Io): Catalog {
  let catalog: Catalog;
  try {
    catalog = loadCatalog(discoverContent({ content: options.content, cwd: io.cwd }));
  } catch (error) {
    if (error instanceof MissingContentError)
      throw new UsageError(error.message, "--content takes a folder holding scenarios/ and rubrics/");
    throw error;
  }
  if (hasErrors(catalog.diagnostics)) {
    const errors = sortDiagnostics(catalog.diagnostics.filter((d) => d.severity === "error"));
    io.stderr.write(`${renderDiagnostics(errors, makeStyle(io.color && io.stderr.isTTY === true), sourcesOf(catalog))}\n\n`);
    throw new ExitError(
      EXIT_USAGE,
      `the content has ${errors.length} error${errors.length === 1 ? "" : "s"}`,
      "run `coach validate` for every problem, warnings included",
    );
  }
  return catalog;
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
