/**
 * Things in a content folder that are not files: a symbolic link to nothing or round in a loop, a
 * named pipe, a link to /dev/zero, a huge sparse file, a broken YAML file. Each made for real; every
 * command skips or refuses it with a message naming it, none hangs or fails inside, and none of them
 * stops a trainee playing a built-in scenario.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContentFileError, discoverContent, readContentFile } from "../../src/content/files.js";
import { readHistory } from "../../src/history/store.js";
import { runCli, tempDir } from "../helpers/cli.js";

type Make = (scenarios: string) => void;

const SPECIAL: Array<[string, string, Make, RegExp]> = [
  ["a dangling symbolic link", "gone.yaml", (d) => symlinkSync("/nonexistent/nowhere.yaml", join(d, "gone.yaml")), /does not exist/],
  [
    "a symbolic link loop",
    "a.yaml",
    (d) => {
      symlinkSync(join(d, "b.yaml"), join(d, "a.yaml"));
      symlinkSync(join(d, "a.yaml"), join(d, "b.yaml"));
    },
    /loop/,
  ],
  ["a named pipe", "pipe.yaml", (d) => execFileSync("mkfifo", [join(d, "pipe.yaml")]), /named pipe/],
  ["a link to /dev/zero", "zero.yaml", (d) => symlinkSync("/dev/zero", join(d, "zero.yaml")), /device/],
  [
    "a 1.8 GB sparse file",
    "huge.yaml",
    (d) => {
      writeFileSync(join(d, "huge.yaml"), "id: huge\n");
      truncateSync(join(d, "huge.yaml"), 1.8e9);
    },
    /1716\.6 MB|1716\.7 MB|at most 2 MB/,
  ],
  ["broken YAML", "broken.yaml", (d) => writeFileSync(join(d, "broken.yaml"), "id: [unclosed\n"), /broken\.yaml/],
];

function folderWith(make: Make): string {
  const dir = tempDir("coach-special-");
  mkdirSync(join(dir, "scenarios"));
  make(join(dir, "scenarios"));
  return dir;
}

// Each run is bounded: a command that hangs on a pipe fails the test instead of stalling the suite.
const run = (args: string[], cwd: string, env: Record<string, string> = {}) => {
  const result = runCli(args, { cwd, env, timeout: 30_000 });
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  return result;
};

describe.each(SPECIAL)("%s in ./scenarios", (_what, name, make, said) => {
  it("is skipped by list and refused by validate, test and score, naming it", { timeout: 60_000 }, () => {
    const dir = folderWith(make);
    const list = run(["list"], dir);
    expect(list.code).toBe(1);
    expect(list.stdout).toContain("bike-shifter");
    expect(list.stderr).toContain(`scenarios/${name}`);
    if (name !== "broken.yaml") expect(list.stderr).toMatch(said);
    for (const args of [["validate"], ["test"], ["score", "--scenario", "bike-shifter", "--reply", "I'll call you by 5."]]) {
      const result = run(args, dir);
      expect(result.code, args.join(" ")).toBeGreaterThan(0);
      expect(result.stdout + result.stderr).toContain(`scenarios/${name}`);
      expect(result.stdout + result.stderr).toMatch(said);
    }
  });

  it("does not stop a built-in scenario from being played", { timeout: 60_000 }, () => {
    const dir = folderWith(make);
    const history = join(dir, "history.jsonl");
    const answers = join(dir, "answers.txt");
    writeFileSync(answers, "I'm sorry. I will call the producer tomorrow at 8:30 and call you by 10.\n");
    const played = run(["play", "bike-shifter", "--answers", answers], dir, { COACH_HISTORY: history });
    expect(played.code).toBe(1);
    expect(played.stderr).toMatch(/skipped (a file|\d+ files) with errors: /);
    expect(played.stderr).toContain(`scenarios/${name}`);
    expect(readHistory(history).sessions).toHaveLength(1);
  });
});

describe("reading a content file", () => {
  it("refuses a file over the cap from its size, without reading it", () => {
    const dir = tempDir("coach-sparse-");
    const path = join(dir, "huge.yaml");
    writeFileSync(path, "id: huge\n");
    truncateSync(path, 1.8e9);
    let error: unknown;
    try {
      readContentFile(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentFileError);
    expect(error).toMatchObject({ code: "file-too-large", size: 1.8e9 });
  });

  it("never opens a named pipe for long: it is refused, not waited on", () => {
    const dir = tempDir("coach-fifo-");
    const path = join(dir, "pipe.yaml");
    execFileSync("mkfifo", [path]);
    expect(() => readContentFile(path)).toThrow(/named pipe/);
  });

  it("lists the problem of each special file once, before anything reads it", () => {
    const dir = folderWith((d) => {
      symlinkSync("/dev/zero", join(d, "zero.yaml"));
      symlinkSync("/nonexistent", join(d, "gone.yaml"));
    });
    const files = discoverContent({ cwd: dir, builtin: false });
    expect(files.map((f) => [f.display, f.problem])).toEqual([
      ["scenarios/gone.yaml", "a symbolic link to something that does not exist"],
      ["scenarios/zero.yaml", "a device, not a file"],
    ]);
  });

  it("lists a 50 MB file quickly as too large instead of parsing it", () => {
    const dir = folderWith((d) => writeFileSync(join(d, "big.yaml"), `title: big\nturns:\n${"  - id: x\n".repeat(5_000_000)}`));
    const list = run(["list"], dir);
    expect(list.stderr).toMatch(/scenarios\/big\.yaml: not read: it is 47\.7 MB; content files may be at most 2 MB/);
  });
});
