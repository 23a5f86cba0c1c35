import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderJsonSchema } from "../../src/content/json-schemas.js";
import { repoRoot } from "../helpers/cli.js";
import { shipped } from "../helpers/content.js";

describe("the JSON Schemas beside the content", () => {
  it.each([
    ["scenario", "scenarios/scenario.schema.json"],
    ["rubric", "rubrics/rubric.schema.json"],
  ] as const)("%s schema is generated from the zod source (run `npm run schemas` after changing it)", (kind, path) => {
    expect(readFileSync(`${repoRoot}${path}`, "utf8")).toBe(renderJsonSchema(kind));
  });

  it("every shipped file starts with the yaml-language-server schema line", () => {
    for (const file of shipped.files) {
      const first = file.text?.split("\n")[0] ?? "";
      expect(first, file.file).toMatch(/^# yaml-language-server: \$schema=\.\/(scenario|rubric)\.schema\.json$/);
    }
  });

  it("the shipped content loads without errors", () => {
    expect(shipped.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect([...shipped.scenarios.keys()].sort()).toEqual([
      "bike-shifter",
      "double-charge",
      "failed-download",
      "missed-bin",
      "out-of-town-repair",
    ]);
  });
});

describe("every field has a description, for the editor to show as the trainer types", () => {
  type Schema = {
    description?: string;
    properties?: Record<string, Schema>;
    items?: Schema;
    anyOf?: Schema[];
    additionalProperties?: Schema | boolean;
    allOf?: Schema[];
    definitions?: Record<string, Schema>;
  };
  /** Paths of fields (properties, at any depth) without a description. */
  function undescribed(schema: Schema, path: string, out: string[]): string[] {
    for (const [key, field] of Object.entries(schema.properties ?? {})) {
      const at = `${path}.${key}`;
      if (field.description === undefined || field.description.trim() === "") out.push(at);
      undescribed(field, at, out);
    }
    if (schema.items !== undefined) undescribed(schema.items, `${path}[]`, out);
    for (const option of [...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) undescribed(option, path, out);
    for (const [name, definition] of Object.entries(schema.definitions ?? {})) undescribed(definition, `#${name}`, out);
    if (typeof schema.additionalProperties === "object") undescribed(schema.additionalProperties, `${path}.*`, out);
    return out;
  }

  it.each(["scenario", "rubric"] as const)("%s", (kind) => {
    const schema = JSON.parse(renderJsonSchema(kind)) as Schema;
    expect(schema.description).toBeDefined();
    expect(undescribed(schema, kind, [])).toEqual([]);
  });
});
