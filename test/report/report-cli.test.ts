/** End to end: `coach report` from the history and from saved session files. */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { repoRoot, runCli, tempDir } from "../helpers/cli.js";

const THREE = join(repoRoot, "test", "history", "fixtures", "three-and-partial.jsonl");
const lines = readFileSync(THREE, "utf8").trimEnd().split("\n");

function home(): { env: Record<string, string>; dir: string } {
  const dir = tempDir("coach-e2e-report-");
  copyFileSync(THREE, join(dir, "history.jsonl"));
  return { env: { COACH_HISTORY: join(dir, "history.jsonl"), XDG_CACHE_HOME: join(dir, "cache") }, dir };
}

describe("coach report", () => {
  it("prints Markdown to standard output without a flag, with the model answer of every turn", () => {
    const result = runCli(["report", "20260104"], { env: home().env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^# The shifter that went to the producer: 83\/100/);
    // Both turns have a model answer: loaded from the shipped scenario.
    expect(result.stdout.match(/\*\*Model answer:\*\*/g)).toHaveLength(2);
  });

  it("writes HTML and Markdown files, prints their paths, and never overwrites without --force", () => {
    const { env, dir } = home();
    const html = join(dir, "report.html");
    const md = join(dir, "report.md");
    const written = runCli(["report", "20260104", "--html", html, "--md", md], { env });
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(html);
    expect(written.stdout).toContain(md);
    expect(readFileSync(html, "utf8")).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="chart"');
    expect(readFileSync(md, "utf8")).toContain("## Scorecard");

    writeFileSync(html, "mine");
    const refused = runCli(["report", "20260104", "--html", html], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${html} exists already`);
    expect(refused.stderr).toContain("hint: pass --force");
    expect(readFileSync(html, "utf8")).toBe("mine");
    expect(runCli(["report", "20260104", "--html", html, "--force"], { env }).code).toBe(0);
    expect(readFileSync(html, "utf8")).toContain("<!doctype html>");
  });

  it.each([
    ["a history line", (text: string) => `${text}\n`, "session.jsonl"],
    ["pretty JSON", (text: string) => JSON.stringify(JSON.parse(text), null, 2), "session.json"],
    ["YAML", (text: string) => stringify(JSON.parse(text)), "session.yaml"],
  ])("reads a saved session from %s", (_name, format, name) => {
    const { env, dir } = home();
    const file = join(dir, name);
    writeFileSync(file, format(lines[3] as string));
    const result = runCli(["report", file], { env: { ...env, COACH_HISTORY: join(dir, "empty.jsonl") } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("**partial: not finished**");
  });

  it("takes the JSON of `coach history show --json`", () => {
    const { env, dir } = home();
    const file = join(dir, "shown.json");
    writeFileSync(file, runCli(["history", "show", "20260102", "--json"], { env }).stdout);
    expect(runCli(["report", file], { env })).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("20260102-090000-bike-shifter-0001"),
    });
  });

  it.each([
    ["an unknown id", (_dir: string) => "20270101", /no session `20270101` in the history/],
    ["an ambiguous id", (_dir: string) => "2026", /matches 4 sessions/],
    [
      "a file that is not a session",
      (dir: string) => {
        writeFileSync(join(dir, "x.json"), '{"scenario": "bike-shifter"}');
        return join(dir, "x.json");
      },
      /is not a saved session/,
    ],
    [
      "a file of several sessions",
      (dir: string) => {
        copyFileSync(THREE, join(dir, "many.jsonl"));
        return join(dir, "many.jsonl");
      },
      /holds 4 sessions/,
    ],
  ])("refuses %s with exit 2", (_name, session, message) => {
    const { env, dir } = home();
    const result = runCli(["report", session(dir)], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("hint:");
  });
});
