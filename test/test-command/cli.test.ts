/** `coach test` end to end: the built binary on fixtures, every format, --update on a copy. */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));

function copyFixture(name: string): string {
  const dir = tempDir();
  cpSync(join(fixtures, name), dir, { recursive: true });
  return dir;
}

describe("coach test", () => {
  it("passes when every example gets its levels", () => {
    const result = runCli(["test", "valid"], { cwd: fixtures });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("✓ valid/rubric.yaml: 2 examples passed");
    expect(result.stdout).toMatch(/✓ 2 examples: 2 passed, 0 failed\n$/);
  });

  it("explains each failure: expected, got, the rules that fired and what would change it", () => {
    const result = runCli(["test", "examples-failing"], { cwd: fixtures });
    expect(result.code).toBe(1);
    const out = result.stdout;
    expect(out).toContain("✗ examples-failing/scenarios/fx-parcel.yaml: 5 examples, 4 failed");
    expect(out).toContain("✗ fx-parcel example 2 examples-failing/scenarios/fx-parcel.yaml:28:5");
    expect(out).toContain("process: expected <=1, got 2 line 29");
    expect(out).toContain('fired: timed-step (gives 2): "I will call you tomorrow"');
    expect(out).toContain("would cap it: courier-fault (raises blame, which caps at 0)");
    expect(out).toContain("process: expected >=2, got 1 line 33");
    expect(out).toContain('would raise it: timed-step (gives 2): Give the next step a time: "I will call you tomorrow."');
    expect(out).toContain("score: expected >=90, got 33 line 34");
    expect(out).toContain("flag blame: expected, not raised (raised: none) line 39");
    expect(out).toContain('fired: courier-fault (caps at 0): "the courier\'s fault"');
    expect(out).toContain("✓ examples-failing/rubrics/fx-examples.yaml: 2 examples passed");
    expect(out).toMatch(/✗ 7 examples: 3 passed, 4 failed\n$/);
  });

  it("--json is one document with every example, its checks and the evidence", () => {
    const result = runCli(["test", "examples-failing", "--json"], { cwd: fixtures });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.summary).toEqual({ total: 7, passed: 3, failed: 4, files: 2 });
    const second = report.examples.find((e: { name: string }) => e.name === "fx-parcel example 2");
    expect(second).toMatchObject({ file: "examples-failing/scenarios/fx-parcel.yaml", line: 28, column: 5, passed: false });
    expect(second.checks[0]).toMatchObject({ kind: "level", criterion: "process", expected: "<=1", got: 2, passed: false });
    expect(second.checks[0].evidence.map((e: { rule: string }) => e.rule)).toEqual(["vague-step", "timed-step"]);
  });

  it("--format github annotates the failing expectation's line", () => {
    const result = runCli(["test", "examples-failing", "--format", "github"], { cwd: fixtures });
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(
      /^::error file=examples-failing\/scenarios\/fx-parcel\.yaml,line=29,col=24,title=coach test%3A fx-parcel example 2::reply: "I will call you tomorrow\."%0Aprocess: expected <=1, got 2 \(line 29\)%0A {2}fired: vague-step/,
    );
    expect(lines[4]).toBe("✗ 7 examples: 3 passed, 4 failed");
  });

  it("--format junit has a suite per file and a case per example", () => {
    const result = runCli(["test", "examples-failing", "--format", "junit"], { cwd: fixtures });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="coach test" tests="7" failures="4"/);
    expect(result.stdout).toContain('<testsuite name="examples-failing/scenarios/fx-parcel.yaml" tests="5" failures="4"');
    expect(result.stdout).toContain('<failure message="process: expected &lt;=1, got 2" type="expectation">');
    expect(result.stdout.match(/<testcase /g)).toHaveLength(7);
  });

  it("--format tap is TAP 14 with YAML details for failures", () => {
    const result = runCli(["test", "examples-failing", "--format", "tap"], { cwd: fixtures });
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual(["TAP version 14", "1..7", "ok 1 - fx-parcel example 1: I will call you tomorrow."]);
    expect(lines[3]).toBe("not ok 2 - fx-parcel example 2: I will call you tomorrow.");
    expect(lines[4]).toBe("  ---");
    expect(lines[5]).toBe('  message: "process: expected <=1, got 2"');
    expect(result.stdout).toContain("# 7 examples: 3 passed, 4 failed");
  });

  it("--update rewrites the failing expectations, says what changed, and then passes", () => {
    const dir = copyFixture("examples-failing");
    const before = readFileSync(join(dir, "scenarios", "fx-parcel.yaml"), "utf8");
    const result = runCli(["test", "--update"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Updated expectations:");
    expect(result.stdout).toContain("scenarios/fx-parcel.yaml:29:24 fx-parcel example 2: process <=1 -> <=2");
    expect(result.stdout).toContain("scenarios/fx-parcel.yaml:39:7 fx-parcel example 4: flags [blame] -> (none)");
    expect(result.stdout).toMatch(/✓ 7 examples: 7 passed, 0 failed\n$/);
    const after = readFileSync(join(dir, "scenarios", "fx-parcel.yaml"), "utf8");
    expect(after).not.toBe(before);
    expect(after).toContain("# Examples for `coach test`: 1 passes, 2-5 fail, each in its own way.");
    expect(after).toContain('    expect: { process: "<=2" }  # the trainer thought a time was not enough');
    expect(runCli(["test"], { cwd: dir }).code).toBe(0);
  });

  it("--update keeps a byte-order mark, CRLF line ends and every other byte but the expectations", () => {
    const dir = copyFixture("examples-failing");
    const file = join(dir, "scenarios", "fx-parcel.yaml");
    const crlf = readFileSync(file, "utf8").replace(/\n/g, "\r\n");
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, "utf8")]));
    const result = runCli(["test", "--update"], { cwd: dir });
    expect(result.code).toBe(0);
    const after = readFileSync(file);
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = after.subarray(3).toString("utf8");
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    // Only the expectations differ: the same text as updating the plain file.
    const plain = copyFixture("examples-failing");
    expect(runCli(["test", "--update"], { cwd: plain }).code).toBe(0);
    expect(text).toBe(readFileSync(join(plain, "scenarios", "fx-parcel.yaml"), "utf8").replace(/\n/g, "\r\n"));
  });

  it("--update leaves a file that is not valid UTF-8 as it is, and says why", () => {
    const dir = copyFixture("examples-failing");
    const file = join(dir, "scenarios", "fx-parcel.yaml");
    const bytes = Buffer.from(readFileSync(file, "utf8").replace("# Examples for", "# Exampl\u0000es for"), "utf8");
    bytes[bytes.indexOf(0)] = 0xff; // a stray byte in a comment
    writeFileSync(file, bytes);
    const result = runCli(["test", "--update"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("it is not valid UTF-8 text");
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it("--update does not touch an installed package's files, and says so", () => {
    const dir = tempDir();
    const installed = join(dir, "node_modules", "some-pack");
    mkdirSync(installed, { recursive: true });
    cpSync(join(fixtures, "examples-failing"), installed, { recursive: true });
    const before = readFileSync(join(installed, "scenarios", "fx-parcel.yaml"), "utf8");
    const result = runCli(["test", "--update", "node_modules/some-pack"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Not updated:");
    expect(result.stdout).toContain("inside node_modules");
    expect(readFileSync(join(installed, "scenarios", "fx-parcel.yaml"), "utf8")).toBe(before);
  });

  it("invalid content is not run: its errors on stderr, exit 1", () => {
    const result = runCli(["test", "unknown-rubric"], { cwd: fixtures });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("unknown-rubric/scenario.yaml:5:9: error[unknown-rubric]");
    expect(result.stderr).toContain("the examples were not run");
  });

  it("usage errors exit 2", () => {
    expect(runCli(["test", "no-such-folder"], { cwd: fixtures }).code).toBe(2);
    expect(runCli(["test", "--format", "xml"], { cwd: fixtures }).code).toBe(2);
  });

  it("the shipped scenarios and rubric pass their own examples", () => {
    const result = runCli(["test"]);
    expect(result.stdout).toMatch(/✓ \d+ examples: \d+ passed, 0 failed\n$/);
    expect(result.code).toBe(0);
  });
});
