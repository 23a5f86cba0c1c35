/**
 * Loads content files into a checked catalog: read and schema-checked by `src/content`, then
 * checked as a set (duplicate ids across files, references, reachability, rules compiled by the
 * engine). Everything found is collected.
 */
import { type Catalog, fileReader, type Reader, readContent } from "../content/catalog.js";
import type { ContentFile } from "../content/files.js";
import { checkContent } from "./check.js";

export function loadCatalog(files: ContentFile[], reader: Reader = fileReader): Catalog {
  const read = readContent(files, reader);
  const checked = checkContent(read.scenarios, read.rubrics);
  return {
    scenarios: checked.scenarios,
    rubrics: checked.rubrics,
    files: read.files,
    diagnostics: [...read.diagnostics, ...checked.diagnostics],
  };
}
