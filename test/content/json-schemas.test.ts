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
