/** The shipped content, loaded through the real loader, for engine and command tests. */
import { loadCatalog } from "../../src/authoring/checked-catalog.js";
import { discoverContent } from "../../src/content/files.js";
import type { RubricSpec, ScenarioSpec } from "../../src/content/schema.js";
import { repoRoot } from "./cli.js";

const catalog = loadCatalog(discoverContent({ cwd: repoRoot }));

export const shipped = catalog;

export function rubric(id = "complaint-handling"): RubricSpec {
  const found = catalog.rubrics.get(id);
  if (found === undefined) throw new Error(`rubric ${id} not loaded: ${JSON.stringify(catalog.diagnostics.slice(0, 3))}`);
  return found.data;
}

export function scenario(id: string): ScenarioSpec {
  const found = catalog.scenarios.get(id);
  if (found === undefined) throw new Error(`scenario ${id} not loaded: ${JSON.stringify(catalog.diagnostics.slice(0, 3))}`);
  return found.data;
}
