import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { headOf, simpleHead } from "../../src/commands/list.js";
import { binPath, runCli, tempDir } from "../helpers/cli.js";

const SEED_IDS = ["bike-shifter", "double-charge", "failed-download", "missed-bin", "out-of-town-repair"];

describe("coach list", () => {
  it("lists the five seed scenarios with title, difficulty and rubric", () => {
    const { code, stdout } = runCli(["list"]);
    expect(code).toBe(0);
    for (const id of SEED_IDS)
      expect(stdout).toMatch(new RegExp(`^${id}\\s+\\S.*\\s(easy|medium|hard)\\s+complaint-handling\\s+built-in$`, "m"));
  });

  it("prints JSON with --json", () => {
    const { code, stdout } = runCli(["list", "--json"]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { scenarios: Array<{ id: string; rubric: string; origin: string }> };
    expect(parsed.scenarios.map((s) => s.id).sort()).toEqual(SEED_IDS);
    expect(parsed.scenarios.every((s) => s.rubric === "complaint-handling" && s.origin === "built-in")).toBe(true);
  });

  it("adds a trainer's scenarios from --content and says where each comes from", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "scenarios"));
    writeFileSync(
      join(dir, "scenarios", "late-pizza.yaml"),
      "id: late-pizza\ntitle: The late pizza\ndifficulty: easy\nrubric: complaint-handling\nturns: []\n",
    );
    const { code, stdout } = runCli(["list", "--content", dir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^late-pizza\s+The late pizza\s+easy\s+complaint-handling\s+\S*late-pizza\.yaml$/m);
    expect(stdout).toContain("bike-shifter");
  });

  it("names both files when an id is defined twice, and exits 1", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "scenarios"));
    writeFileSync(join(dir, "scenarios", "copy.yaml"), "id: bike-shifter\ntitle: A copy\ndifficulty: easy\nrubric: complaint-handling\n");
    const { code, stderr } = runCli(["list", "--content", dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /bike-shifter.*defined twice.*copy\.yaml.*bike-shifter\.yaml|bike-shifter.*defined twice.*bike-shifter\.yaml.*copy\.yaml/,
    );
  });

  it.each([
    [
      "a file",
      (dir: string) => {
        writeFileSync(join(dir, "one.yaml"), "id: x\n");
        return join(dir, "one.yaml");
      },
      "is a file",
    ],
    ["an empty folder", (dir: string) => dir, "no scenario or rubric files"],
  ])("exits 2 when --content is %s", (_name, make, message) => {
    const { code, stderr } = runCli(["list", "--content", make(tempDir())]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it("exits 2 for a content folder that does not exist", () => {
    const { code, stderr } = runCli(["list", "--content", "/no/such/folder"]);
    expect(code).toBe(2);
    expect(stderr).toContain("content folder not found");
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("a closed pipe", () => {
  it("is the reader's choice, not an error: no stack trace when `head` stops reading", () => {
    const script = `for i in 1 2 3 4 5 6 7 8; do node ${JSON.stringify(binPath)} list --json; done | head -c 20 >/dev/null`;
    const result = spawnSync("sh", ["-c", script], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});

describe("headOf", () => {
  it("stops after the listed fields, before the turns", () => {
    const text = "# comment\nid: a\ntitle: T\ndifficulty: easy\nrubric: r\nbriefing:\n  role: x\nturns: []\n";
    expect(headOf(text)).toBe("# comment\nid: a\ntitle: T\ndifficulty: easy\nrubric: r\n");
  });

  it("keeps the whole text when a listed field comes late", () => {
    const text = "id: a\nturns: []\ntitle: T\ndifficulty: easy\nrubric: r\n";
    expect(headOf(text)).toBe(text);
  });
});

describe("simpleHead", () => {
  it.each([
    ["id: a\ntitle: The late pizza\n", { id: "a", title: "The late pizza" }],
    ["# comment\n\nid: a\n  \ntitle: a#b:c\n", { id: "a", title: "a#b:c" }],
    ['title: "\\"Can\'t download file\\""\n', { title: '"Can\'t download file"' }],
    ["title: 'it''s late' \nrubric:\n", { title: "it's late", rubric: null }],
    ["title: ~late, [sort of]\n", { title: "~late, [sort of]" }],
  ])("reads %j as yaml does", (text, fields) => {
    expect(simpleHead(text)).toEqual(fields);
    expect(parse(text)).toEqual(fields);
  });

  it.each([
    ["a number", "id: a\ndifficulty: 3\n"],
    ["a bool", "id: a\ntitle: true\n"],
    ["null", "id: a\ntitle: Null\n"],
    ["a comment after the value", "id: a # the id\n"],
    ["a nested value", "id: a\nbriefing:\n  role: x\n"],
    ["a continued line", "id: a\ntitle: The\n  late pizza\n"],
    ["a repeated key", "id: a\nid: b\n"],
    ["keys yaml reads as one", "true: a\nTrue: b\nid: c\n"],
    ["an anchor", "id: &x a\n"],
    ['an escape other than \\" and \\\\', 'title: "a\\tb"\n'],
    ["a tab", "id:\ta\n"],
    ["a carriage return", "id: a\r\n"],
    ["a directive", "%YAML 1.1\n---\nid: a\n"],
    ["a byte-order mark", "\ufeffid: a\n"],
    ["a key ending in a colon", "title: a:\n"],
  ])("leaves %s to yaml", (_name, text) => {
    expect(simpleHead(text)).toBeUndefined();
  });
});
