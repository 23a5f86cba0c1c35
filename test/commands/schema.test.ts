/** `coach schema`: the JSON Schemas beside the trainer's files, never replacing a different one without --force. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli, tempDir } from "../helpers/cli.js";

const shipped = (path: string) => readFileSync(join(repoRoot, path), "utf8");

describe("coach schema", () => {
  it("writes scenarios/scenario.schema.json, and rubrics/rubric.schema.json when there is a rubrics/", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "rubrics"));
    const result = runCli(["schema"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("wrote scenarios/scenario.schema.json\nwrote rubrics/rubric.schema.json\n");
    expect(readFileSync(join(dir, "scenarios", "scenario.schema.json"), "utf8")).toBe(shipped("scenarios/scenario.schema.json"));
    expect(readFileSync(join(dir, "rubrics", "rubric.schema.json"), "utf8")).toBe(shipped("rubrics/rubric.schema.json"));
    expect(runCli(["schema"], { cwd: dir }).stdout).toBe(
      "scenarios/scenario.schema.json is up to date\nrubrics/rubric.schema.json is up to date\n",
    );
  });

  it("a folder of another name gets both; a different schema is replaced only with --force", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "content"));
    writeFileSync(join(dir, "content", "rubric.schema.json"), "{}\n");
    const refused = runCli(["schema", "content"], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("coach: content/rubric.schema.json already exists and differs from this version's schema");
    expect(existsSync(join(dir, "content", "scenario.schema.json"))).toBe(false);
    expect(readFileSync(join(dir, "content", "rubric.schema.json"), "utf8")).toBe("{}\n");
    const forced = runCli(["schema", "content", "--force"], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "content", "rubric.schema.json"), "utf8")).toBe(shipped("rubrics/rubric.schema.json"));
  });
});
