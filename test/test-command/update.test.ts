/** `coach test --update`: the rule for a new expectation, and edits that leave everything else as written. */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runExamples } from "../../src/authoring/examples.js";
import { planUpdates, updatedExpectation } from "../../src/authoring/expectation-edits.js";
import { loadTargets, resolveTargets } from "../../src/authoring/targets.js";
import { tempDir } from "../helpers/cli.js";

const fixture = fileURLToPath(new URL("../fixtures/examples-failing/", import.meta.url));

describe("updatedExpectation keeps the trainer's form", () => {
  it.each([
    { expected: 2, got: 1, top: 3, result: 1 },
    { expected: ">=2", got: 1, top: 3, result: ">=1" },
    { expected: ">2", got: 1, top: 3, result: ">=1" },
    { expected: ">=2", got: 0, top: 3, result: 0 },
    { expected: "<=1", got: 2, top: 3, result: "<=2" },
    { expected: "<1", got: 2, top: 3, result: "<=2" },
    { expected: "<=1", got: 3, top: 3, result: 3 },
    { expected: "1-2", got: 3, top: 3, result: "1-3" },
    { expected: "1-2", got: 0, top: 3, result: "0-2" },
    { expected: "0-1", got: 3, top: 3, result: 3 },
    { expected: ">=75", got: 68, top: 100, result: ">=68" },
    { expected: "<35", got: 40, top: 100, result: "<=40" },
    { expected: "40-60", got: 70, top: 100, result: "40-70" },
  ])("$expected, got $got -> $result", ({ expected, got, top, result }) => {
    expect(updatedExpectation(expected, got, top)).toEqual(result);
  });
});

describe("planUpdates", () => {
  function plan(dir: string) {
    const checked = loadTargets(resolveTargets({ paths: [dir], cwd: dir }));
    const results = runExamples(checked.catalog, checked.names);
    return { results, ...planUpdates(results, new Map(checked.files.map((f) => [f.file, f]))) };
  }

  it("changes only the failing expectations' characters, keeps comments and quoting, and verifies the result", () => {
    const dir = tempDir();
    cpSync(fixture, dir, { recursive: true });
    const { results, updates, problems } = plan(dir);
    expect(problems).toEqual([]);
    expect(updates).toHaveLength(1);
    const update = updates[0] as (typeof updates)[number];
    expect(update.file).toBe(join("scenarios", "fx-parcel.yaml"));
    const before = readFileSync(join(dir, "scenarios", "fx-parcel.yaml"), "utf8");
    const example = (n: number) => results.find((r) => r.owner === "fx-parcel" && r.index === n - 1);
    const level = (n: number) => example(n)?.levels.process;
    // The whole file, byte for byte: only the failing expectations differ.
    const expected = before
      .replace('{ process: "<=1" }  # the trainer', `{ process: "<=${level(2)}" }  # the trainer`)
      .replace('      process: ">=2"', `      process: ">=${level(3)}"`)
      .replace("    score: '>=90'", `    score: '>=${example(3)?.score}'`)
      .replace("    flags:\n      - blame\n", "")
      .replace(
        'I will call them tomorrow."\n    expect: { process: 2 }',
        `I will call them tomorrow."\n    expect: { process: ${level(5)} }`,
      );
    expect(update.text).toBe(expected);
    expect(update.text).not.toBe(before);
    expect(update.changes.map((c) => [c.example, c.what])).toEqual([
      ["fx-parcel example 2", "process"],
      ["fx-parcel example 3", "process"],
      ["fx-parcel example 3", "score"],
      ["fx-parcel example 4", "flags"],
      ["fx-parcel example 5", "process"],
    ]);
  });

  it("removes one flag from a flow list and keeps the others", () => {
    const dir = tempDir();
    cpSync(fixture, dir, { recursive: true });
    const path = join(dir, "scenarios", "fx-parcel.yaml");
    const text = readFileSync(path, "utf8").replace("    flags: [blame]\n", "    flags: [blame, stuffing]\n");
    writeFileSync(path, text);
    const { updates } = plan(dir);
    expect(updates[0]?.text).toContain("    flags: [blame]\n");
    expect(updates[0]?.changes.find((c) => c.what === "flags" && c.example === "fx-parcel example 5")).toMatchObject({
      from: "[blame, stuffing]",
      to: "[blame]",
    });
  });
});
