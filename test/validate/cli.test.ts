/** `coach validate` end to end: the built binary, its formats, exit codes and where it looks. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli, tempDir } from "../helpers/cli.js";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));

describe("coach validate", () => {
  it("the shipped content is clean, warnings included, but for its weak model answers", () => {
    // The model answers under 80 (model-answer-weak) are listed in test/content/model-answers.test.ts.
    const result = runCli(["validate", "--strict", "--json"]);
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as { summary: { errors: number }; diagnostics: Array<{ code: string }> };
    expect(report.summary.errors).toBe(0);
    expect(report.diagnostics.filter((d) => d.code !== "model-answer-weak")).toEqual([]);
  });

  it("text: each problem with its source line, a caret and a hint; a summary; exit 1", () => {
    const result = runCli(["validate", "unknown-field", "weights-sum"], { cwd: fixtures });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        "unknown-field/scenario.yaml:9:1: error[unknown-field]: unknown field `custmer`",
        "  9 | custmer:",
        "    | ^^^^^^^",
        "  hint: did you mean `customer`?",
        "",
        "weights-sum/rubric.yaml:9:3: warning[weights-sum]: criterion weights add up to 90, not 100",
        "  9 |   - id: process",
        "    |   ^",
        "  hint: weights are relative, but adding up to 100 makes them read as percentages",
        "",
        "✗ 2 files checked: 1 error, 1 warning",
        "",
      ].join("\n"),
    );
  });

  it("warnings pass, unless --strict", () => {
    expect(runCli(["validate", "weights-sum"], { cwd: fixtures }).code).toBe(0);
    const strict = runCli(["validate", "weights-sum", "--strict"], { cwd: fixtures });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("✗ 1 file checked: 0 errors, 1 warning (--strict: warnings fail)");
  });

  it("--json: the diagnostics, each file and a summary", () => {
    const result = runCli(["validate", "unknown-field", "valid", "--json"], { cwd: fixtures });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: false, strict: false, summary: { files: 3, errors: 1, warnings: 0 } });
    expect(report.files).toContainEqual({ file: "valid/rubric.yaml", kind: "rubric", errors: 0, warnings: 0 });
    expect(report.diagnostics).toEqual([
      {
        file: "unknown-field/scenario.yaml",
        line: 9,
        column: 1,
        endLine: 9,
        endColumn: 8,
        code: "unknown-field",
        severity: "error",
        message: "unknown field `custmer`",
        hint: "did you mean `customer`?",
      },
    ]);
  });

  it("--format github: workflow commands GitHub turns into annotations", () => {
    const result = runCli(["validate", "unknown-field", "weights-sum", "binary-file", "--format", "github"], { cwd: fixtures });
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")).toEqual([
      "::error file=binary-file/picture.yaml,title=coach validate%3A binary-file::this is a binary file, not YAML%0Ahint: content files are YAML text (.yaml or .yml)",
      "::error file=unknown-field/scenario.yaml,line=9,endLine=9,col=1,endColumn=8,title=coach validate%3A unknown-field::unknown field `custmer`%0Ahint: did you mean `customer`?",
      "::warning file=weights-sum/rubric.yaml,line=9,endLine=34,col=3,title=coach validate%3A weights-sum::criterion weights add up to 90, not 100%0Ahint: weights are relative, but adding up to 100 makes them read as percentages",
      "✗ 3 files checked: 2 errors, 1 warning",
      "",
    ]);
  });

  it("--format junit: one test case per file, failing for errors (and warnings with --strict)", () => {
    const result = runCli(["validate", "unknown-field", "weights-sum", "valid", "--format", "junit"], { cwd: fixtures });
    expect(result.code).toBe(1);
    const xml = result.stdout;
    expect(xml).toContain('<testsuites name="coach validate" tests="4" failures="1" errors="0"');
    expect(xml).toContain(
      '<testcase name="unknown-field/scenario.yaml" classname="coach.validate.scenario" file="unknown-field/scenario.yaml">',
    );
    expect(xml).toContain(
      '<failure message="1 error" type="unknown-field">unknown-field/scenario.yaml:9:1: error[unknown-field]: unknown field `custmer` (hint: did you mean `customer`?)</failure>',
    );
    expect(xml).toContain("<system-out>weights-sum/rubric.yaml:9:3: warning[weights-sum]");
    expect(xml).toContain('<testcase name="valid/scenario.yaml" classname="coach.validate.scenario" file="valid/scenario.yaml"/>');
    const strict = runCli(["validate", "weights-sum", "--format", "junit", "--strict"], { cwd: fixtures });
    expect(strict.stdout).toContain('<failure message="1 warning" type="weights-sum">');
  });

  it("a scenario on its own finds its rubric among the built-in content", () => {
    const result = runCli(["validate", "--strict", "valid/scenario.yaml"], { cwd: fixtures });
    expect(result.stdout).toBe("✓ 1 file checked: no problems\n");
    expect(result.code).toBe(0);
  });

  it("a branch on one signal (by id, and by a flag of its own) is clean under --strict", () => {
    const result = runCli(["validate", "--strict", "branch-on-signal/scenario.yaml"], { cwd: fixtures });
    expect(result.stdout).toBe("✓ 1 file checked: no problems\n");
    expect(result.code).toBe(0);
  });

  it("an id that the built-in content already uses is a duplicate, reported at the trainer's file", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "scenarios"));
    copyFileSync(join(repoRoot, "scenarios", "bike-shifter.yaml"), join(dir, "scenarios", "my-copy.yaml"));
    expect(runCli(["schema"], { cwd: dir }).code).toBe(0); // its $schema line names ./scenario.schema.json
    const result = runCli(["validate"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^scenarios\/my-copy\.yaml:\d+:5: error\[duplicate-id\]: scenario id `bike-shifter` is defined twice: in .*bike-shifter\.yaml and in scenarios\/my-copy\.yaml/,
    );
    expect(result.stdout).toContain("✗ 1 file checked: 1 error, 0 warnings");
  });

  it("with no scenarios/ or rubrics/ here, it checks the built-in content and says so", () => {
    const result = runCli(["validate"], { cwd: tempDir() });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("coach: no scenarios/ or rubrics/ here: checking the built-in content\n");
    // Warnings only: the built-in model answers under 80 (see test/content/model-answers.test.ts).
    expect(result.stdout).toMatch(/✓ 6 files checked: (no problems|0 errors, \d+ warnings?)\n$/);
    expect(result.stdout.match(/warning\[([\w-]+)\]/g)?.filter((w) => w !== "warning[model-answer-weak]") ?? []).toEqual([]);
  });

  it("--content DIR checks that folder's content", () => {
    const result = runCli(["validate", "--content", join(fixtures, "examples-failing")], { cwd: tempDir() });
    expect(result.stdout).toBe("✓ 2 files checked: no problems\n");
    expect(result.code).toBe(0);
  });

  it("an alias bomb, a binary file and a 50 MB file are each one clear error", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "huge.yaml"), `notes: "${"x".repeat(50 * 1024 * 1024)}"\n`);
    copyFileSync(join(fixtures, "alias-bomb", "scenario.yaml"), join(dir, "bomb.yaml"));
    writeFileSync(join(dir, "image.yaml"), readFileSync(join(fixtures, "binary-file", "picture.yaml")));
    const result = runCli(["validate", "bomb.yaml", "image.yaml", "huge.yaml", "--json"], { cwd: dir });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`)).toEqual([
      "bomb.yaml yaml-alias-bomb",
      "huge.yaml file-too-large",
      "image.yaml binary-file",
    ]);
  });

  it.each([
    { args: ["validate", "no-such-file.yaml"], stderr: "coach: not found: no-such-file.yaml" },
    { args: ["validate", "--format", "xml"], stderr: "error: option '--format <format>' argument 'xml' is invalid" },
  ])("usage errors exit 2: $args", ({ args, stderr }) => {
    const result = runCli(args, { cwd: fixtures });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(stderr);
    expect(result.stdout).toBe("");
  });

  it("a folder without YAML files is a usage error, not a silent pass", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "empty"));
    const result = runCli(["validate", "empty"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("coach: no YAML files in empty");
  });
});
