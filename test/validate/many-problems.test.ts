/**
 * A file with thousands of problems: each counted, the repeats of one code listed only so far,
 * duplicate keys found without yaml's quadratic check. The speed itself is measured in
 * bench/validate-scaling.mjs, never here.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadTargets, resolveTargets } from "../../src/authoring/targets.js";
import { capRepeats, type Diagnostic, MAX_REPEATS, nameList } from "../../src/content/diagnostics.js";
import { parseContent } from "../../src/content/load.js";
import { buildValidateReport } from "../../src/report/validate-report.js";
import { runCli, tempDir } from "../helpers/cli.js";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
const validScenario = readFileSync(join(fixtures, "valid", "scenario.yaml"), "utf8");
const validRubric = readFileSync(join(fixtures, "valid", "rubric.yaml"), "utf8");

function folderWith(scenario: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, "scenario.yaml"), scenario);
  writeFileSync(join(dir, "rubric.yaml"), validRubric);
  return dir;
}

function diagnosticsOf(dir: string): Diagnostic[] {
  return loadTargets(resolveTargets({ paths: ["scenario.yaml", "rubric.yaml"], cwd: dir, builtin: false })).diagnostics;
}

const unknownFields = (n: number) => Array.from({ length: n }, (_, i) => `custmr${i}: x\n`).join("");

describe("repeats of one problem", () => {
  it("capRepeats lists the first of each code in each file and counts the rest", () => {
    const d = (file: string, code: string, line: number): Diagnostic => ({ file, line, column: 1, code, severity: "error", message: "m" });
    const list = [
      ...Array.from({ length: 25 }, (_, i) => d("a.yaml", "unknown-field", i + 1)),
      d("a.yaml", "wrong-type", 30),
      ...Array.from({ length: 21 }, (_, i) => d("b.yaml", "unknown-field", i + 1)),
    ];
    const { shown, omitted } = capRepeats(list);
    expect(shown).toHaveLength(MAX_REPEATS + 1 + MAX_REPEATS);
    expect(shown.filter((x) => x.file === "a.yaml" && x.code === "unknown-field").map((x) => x.line)).toEqual(
      Array.from({ length: MAX_REPEATS }, (_, i) => i + 1),
    );
    expect(omitted).toEqual([
      { file: "a.yaml", code: "unknown-field", severity: "error", count: 5 },
      { file: "b.yaml", code: "unknown-field", severity: "error", count: 1 },
    ]);
  });

  it("the report counts every problem and lists twenty of a kind per file", () => {
    const diagnostics = diagnosticsOf(folderWith(validScenario + unknownFields(300)));
    expect(diagnostics).toHaveLength(300);
    const report = buildValidateReport([{ file: "scenario.yaml", kind: "scenario" }], diagnostics, false);
    expect(report.summary).toEqual({ files: 1, errors: 300, warnings: 0 });
    expect(report.files).toEqual([{ file: "scenario.yaml", kind: "scenario", errors: 300, warnings: 0 }]);
    expect(report.diagnostics).toHaveLength(MAX_REPEATS);
    expect(report.omitted).toEqual([{ file: "scenario.yaml", code: "unknown-field", severity: "error", count: 280 }]);
  });

  it("coach validate prints twenty, then how many more, and the full count", () => {
    const result = runCli(["validate", "scenario.yaml", "rubric.yaml"], { cwd: folderWith(validScenario + unknownFields(300)) });
    expect(result.code).toBe(1);
    expect(result.stdout.match(/error\[unknown-field\]/g)).toHaveLength(MAX_REPEATS);
    expect(result.stdout).toContain("scenario.yaml: ... and 280 more unknown-field errors like these\n");
    expect(result.stdout).toMatch(/✗ 2 files checked: 300 errors, 0 warnings\n$/);
    const github = runCli(["validate", "scenario.yaml", "--format", "github"], { cwd: folderWith(validScenario + unknownFields(300)) });
    expect(github.stdout.match(/^::error /gm)).toHaveLength(MAX_REPEATS + 1);
    expect(github.stdout).toContain("::error file=scenario.yaml,title=coach validate%3A unknown-field::... and 280 more");
  });

  it("the hints of thousands of broken branches name a few turns, not all of them", () => {
    const turns = Array.from(
      { length: 200 },
      (_, i) => `  - id: extra-${i}\n    customer: Hello.\n    model: Hello.\n    branches:\n      - next: nowhere-${i}\n`,
    ).join("");
    const scenario = validScenario.replace(/\nendings:/, `\n${turns}endings:`);
    expect(scenario).not.toBe(validScenario);
    const unknown = diagnosticsOf(folderWith(scenario)).filter((d) => d.code === "unknown-turn");
    expect(unknown).toHaveLength(200);
    expect(unknown[0]?.hint).toMatch(/^turns: open, chase, extra-0, .* and \d+ more, or end$/);
    // Beyond the ones listed, no hint is worked out: a "did you mean" over every turn for every branch was quadratic.
    expect(unknown.filter((d) => d.hint !== undefined)).toHaveLength(MAX_REPEATS);
  });

  it("nameList shows at most twelve names", () => {
    expect(nameList(["a", "b"])).toBe("a, b");
    expect(nameList(Array.from({ length: 14 }, (_, i) => `t${i}`))).toBe("t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11 and 2 more");
  });
});

describe("duplicate keys, found in one pass", () => {
  it.each([
    ["a block mapping", "id: a\ntitle: x\nid: b\n", 3, 1],
    ["a flow mapping", "id: a\nlexicon: { time: [now], time: [later] }\n", 2, 25],
    ["a nested mapping", "id: a\ncustomer:\n  name: A\n  mood: calm\n  name: B\n", 5, 3],
  ])("%s", (_, text, line, column) => {
    const parsed = parseContent("s.yaml", text, "scenario");
    expect(parsed.diagnostics).toEqual([
      {
        file: "s.yaml",
        line,
        column,
        code: "yaml-duplicate-key",
        severity: "error",
        message: "Map keys must be unique",
        hint: "each field may appear once in a mapping",
      },
    ]);
    expect(parsed.data).toBeUndefined();
  });

  it("keys that only look alike are not duplicates: 1 and '1', a and A", () => {
    expect(parseContent("s.yaml", "levels:\n  1: a\n  '1': b\n  a: c\n  A: d\n", "rubric").diagnostics).toEqual([]);
  });
});
