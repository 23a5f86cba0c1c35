/** `npm run schemas`: regenerates the JSON Schemas beside the shipped content. */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderJsonSchema, schemaFileNames } from "./json-schemas.js";

const root = new URL("../../", import.meta.url);
for (const [kind, dir] of [
  ["scenario", "scenarios"],
  ["rubric", "rubrics"],
] as const) {
  const target = fileURLToPath(new URL(`${dir}/${schemaFileNames[kind]}`, root));
  writeFileSync(target, renderJsonSchema(kind));
  console.log(`wrote ${target}`);
}
