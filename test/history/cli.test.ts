/** End to end: history, history show, progress, export and import, run through the built binary. */
import { appendFileSync, copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli, tempDir } from "../helpers/cli.js";

const fixtures = join(repoRoot, "test", "history", "fixtures");
const THREE = join(fixtures, "three-and-partial.jsonl");
const BOB = join(fixtures, "bob.jsonl");
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for colour codes
const ANSI = /\u001b\[/;

/** A private history (a copy of `from`, or none) and cache for one test. */
function home(from?: string): { env: Record<string, string>; history: string; dir: string } {
  const dir = tempDir("coach-e2e-history-");
  const history = join(dir, "history.jsonl");
  if (from !== undefined) copyFileSync(from, history);
  return { env: { COACH_HISTORY: history, XDG_CACHE_HOME: join(dir, "cache") }, history, dir };
}

describe("coach history", () => {
  it("says how to begin when there is no history yet", () => {
    const { env } = home();
    expect(runCli(["history"], { env })).toMatchObject({ code: 0, stdout: expect.stringContaining("No sessions yet") });
    expect(runCli(["history", "--json"], { env })).toMatchObject({ code: 0, stdout: "[]\n" });
    expect(runCli(["progress"], { env })).toMatchObject({ code: 0, stdout: expect.stringContaining("No sessions yet") });
  });

  it("lists sessions newest first, partial ones marked, dates in UTC", async () => {
    const { env } = home(THREE);
    const result = runCli(["history"], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(ANSI.test(result.stdout)).toBe(false);
    await expect(result.stdout).toMatchFileSnapshot("__golden__/history.txt");
  });

  it("prints JSON: date, scenario, mode, score, partial, newest first", () => {
    const { env } = home(THREE);
    const list = JSON.parse(runCli(["history", "--json"], { env }).stdout) as Array<Record<string, unknown>>;
    expect(list.map((s) => [s.date, s.scenario, s.mode, s.partial])).toEqual([
      ["2026-01-05T09:00:00.000Z", "double-charge", "assess", true],
      ["2026-01-04T09:00:00.000Z", "bike-shifter", "practice", false],
      ["2026-01-03T09:00:00.000Z", "bike-shifter", "practice", false],
      ["2026-01-02T09:00:00.000Z", "bike-shifter", "practice", false],
    ]);
    for (const s of list) expect(typeof s.score).toBe("number");
  });

  it.each([
    [["--scenario", "double-charge"], ["2026-01-05"]],
    [
      ["--since", "2026-01-03"],
      ["2026-01-05", "2026-01-04", "2026-01-03"],
    ],
    [
      ["--until", "2026-01-03"],
      ["2026-01-03", "2026-01-02"],
    ],
    [
      ["--since", "2026-01-03", "--until", "2026-01-04", "--scenario", "bike-shifter"],
      ["2026-01-04", "2026-01-03"],
    ],
    [["--scenario", "missed-bin"], []],
  ])("filters with %j", (args, days) => {
    const { env } = home(THREE);
    const list = JSON.parse(runCli(["history", ...args, "--json"], { env }).stdout) as Array<{ date: string }>;
    expect(list.map((s) => s.date.slice(0, 10))).toEqual(days);
  });

  it("says when no session matches, naming the scenarios played", () => {
    const { env } = home(THREE);
    const result = runCli(["history", "--scenario", "missed-bin"], { env });
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining("Scenarios in your history: bike-shifter, double-charge") });
  });

  it("refuses a date it cannot read, with a hint", () => {
    const { env } = home(THREE);
    const result = runCli(["history", "--since", "last week"], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--since takes a date");
    expect(result.stderr).toContain("hint: write the day as YYYY-MM-DD");
  });
});

describe("coach history show", () => {
  it("prints the transcript with evidence marked, then the scorecard, from a unique start of the id", async () => {
    const { env } = home(THREE);
    const result = runCli(["history", "show", "20260104"], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("── 1. open ──");
    expect(result.stdout).toContain("Customer:");
    expect(result.stdout).toMatch(/\[[^\]]+\]/);
    expect(result.stdout).toContain("Scorecard: The shifter that went to the producer");
    await expect(result.stdout).toMatchFileSnapshot("__golden__/history-show.txt");
  });

  it("prints the record as JSON", () => {
    const { env } = home(THREE);
    const record = JSON.parse(runCli(["history", "show", "20260105", "--json"], { env }).stdout) as { id: string; partial: boolean };
    expect(record).toMatchObject({ id: "20260105-090000-double-charge-0001", partial: true });
  });

  it.each([
    ["2026", /matches 4 sessions/, /give more of the id: 20260105-090000-double-charge-0001/],
    ["nope", /no session `nope` in the history/, /the latest: 20260105-090000-double-charge-0001/],
  ])("refuses %j with a hint", (id, message, hint) => {
    const { env } = home(THREE);
    const result = runCli(["history", "show", id], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(hint);
  });
});

describe("coach progress", () => {
  it("shows the trend per criterion as sparklines with numbers, best and latest per scenario, and what to work on", async () => {
    const { env } = home(THREE);
    const result = runCli(["progress"], { env });
    expect(result.code).toBe(0);
    expect(ANSI.test(result.stdout)).toBe(false);
    for (const title of ["Ownership", "Empathy", "Process agreements", "Outcome focus", "Overall score"]) {
      // Three finished sessions; the one left part-way is in no trend.
      expect(result.stdout).toMatch(new RegExp(`${title}\\s+[▁▂▃▄▅▆▇█]{3}\\s+latest`));
    }
    expect(result.stdout).toContain("Best and latest per scenario");
    expect(result.stdout).toContain("Work on next:");
    await expect(result.stdout).toMatchFileSnapshot("__golden__/progress.txt");
  });

  it("prints JSON", () => {
    const { env } = home(THREE);
    const progress = JSON.parse(runCli(["progress", "--json"], { env }).stdout) as {
      sessions: number;
      criteria: Array<{ id: string; points: number[] }>;
      scenarios: Array<{ id: string; best: number; latest: number }>;
      next: { criterion: string; feedback: string };
    };
    expect(progress.sessions).toBe(4);
    expect(progress.criteria.map((c) => [c.id, c.points.length])).toEqual([
      ["ownership", 3],
      ["empathy", 3],
      ["process", 3],
      ["outcome", 3],
    ]);
    expect(progress.scenarios.map((s) => s.id)).toEqual(["double-charge", "bike-shifter"]);
    expect(progress.next.feedback).not.toBe("");
  });

  it("shows a team view per trainee and per criterion from exported files", async () => {
    const { env, dir } = home();
    const ann = join(dir, "ann.jsonl");
    copyFileSync(THREE, ann);
    const result = runCli(["progress", "--from", ann, "--from", BOB], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Team progress: 2 trainees, 6 sessions from 2 files");
    expect(result.stdout).toMatch(/^ {2}ann\s+3\s/m);
    expect(result.stdout).toMatch(/^ {2}bob\s+2\s/m);
    expect(result.stdout).toContain("Per criterion");
    await expect(result.stdout).toMatchFileSnapshot("__golden__/progress-team.txt");
    const json = JSON.parse(runCli(["progress", "--from", ann, "--from", BOB, "--json"], { env }).stdout) as {
      trainees: Array<{ trainee: string }>;
      criteria: Array<{ id: string; lowest: { trainee: string } }>;
    };
    expect(json.trainees.map((t) => t.trainee)).toEqual(["ann", "bob"]);
    expect(json.criteria).toHaveLength(4);
  });

  it("refuses a --from file that does not exist", () => {
    const result = runCli(["progress", "--from", "nowhere.jsonl"], { env: home().env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cannot read nowhere.jsonl");
  });
});

describe("a long history", () => {
  /** Sixty sessions: long enough for the summary cache. */
  function longHome() {
    const h = home();
    const lines = readFileSync(THREE, "utf8").trimEnd().split("\n");
    const text = Array.from({ length: 60 }, (_, i) => {
      const record = JSON.parse(lines[i % 3] as string) as { id: string; startedAt: string };
      const at = new Date(Date.parse("2026-02-01T08:00:00.000Z") + i * 3_600_000).toISOString();
      return JSON.stringify({ ...record, id: `${record.id}-${i}`, startedAt: at });
    });
    writeFileSync(h.history, `${text.join("\n")}\n`);
    return h;
  }

  it("is summarised once into the cache, and later runs see appended sessions", () => {
    const { env, dir } = longHome();
    const first = runCli(["progress", "--json"], { env });
    expect(first.code).toBe(0);
    expect(readdirSync(join(dir, "cache", "complaint-coach"))).toHaveLength(1);
    expect(runCli(["progress", "--json"], { env }).stdout).toBe(first.stdout);

    const extra = join(dir, "extra.jsonl");
    copyFileSync(BOB, extra);
    expect(runCli(["import", extra], { env }).code).toBe(0);
    const cached = runCli(["progress", "--json"], { env });
    const fresh = runCli(["progress", "--json"], { env: { ...env, XDG_CACHE_HOME: join(dir, "fresh-cache") } });
    expect(JSON.parse(cached.stdout)).toMatchObject({ sessions: 62 });
    expect(cached.stdout).toBe(fresh.stdout);
    expect(runCli(["history", "show", "20260106-140000"], { env }).code).toBe(0);
  });
});

describe("a damaged history", () => {
  function damagedHome() {
    const h = home(THREE);
    const lines = readFileSync(THREE, "utf8").trimEnd().split("\n");
    const text = [
      lines[0],
      "{ garbage",
      JSON.stringify({ hello: "not a session" }),
      lines[1],
      lines[2],
      (lines[3] as string).slice(0, 200),
    ].join("\n");
    writeFileSync(h.history, text);
    return { ...h, text };
  }

  it.each([["history"], ["progress"], ["history", "--json"], ["export"]])(
    "`coach %s` warns per damaged line, shows the rest, exits 0",
    (...args) => {
      const { env, history, text } = damagedHome();
      for (let run = 0; run < 2; run++) {
        const result = runCli(args, { env });
        expect(result.code).toBe(0);
        expect(result.stderr).toContain(`${history}:2: skipped a damaged line (not valid JSON)`);
        expect(result.stderr).toContain(`${history}:3: skipped a line that is not a session record`);
        expect(result.stderr).toContain(`${history}:6: skipped a damaged line (not valid JSON)`);
        if (args[0] === "history" && args[1] === undefined) {
          for (const day of ["2026-01-02", "2026-01-03", "2026-01-04"]) expect(result.stdout).toContain(day);
        }
      }
      // Nothing lost: reading never rewrites the file.
      expect(readFileSync(history, "utf8")).toBe(text);
    },
  );

  it("moves the torn line aside when the next session is imported after it, keeping its bytes", () => {
    const { env, history } = damagedHome();
    const fourth = `${readFileSync(THREE, "utf8").trimEnd().split("\n")[3] as string}\n`;
    const file = join(tempDir(), "one.jsonl");
    writeFileSync(file, fourth);
    const imported = runCli(["import", file], { env });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain(`moved an unfinished last line (200 bytes) that an earlier write left behind to ${history}.torn`);
    const listed = runCli(["history", "--json"], { env });
    expect(JSON.parse(listed.stdout) as unknown[]).toHaveLength(4);
    expect(listed.stderr).not.toContain(":6:");
    expect(readFileSync(`${history}.torn`, "utf8")).toBe(`${fourth.slice(0, 200)}\n`);
  });
});

describe("coach export and import", () => {
  it("exports the history as JSON Lines, stamping the trainee, and imports it elsewhere", () => {
    const from = home(THREE);
    const exported = runCli(["export"], { env: { ...from.env, COACH_TRAINEE: "ann" } });
    expect(exported.code).toBe(0);
    const lines = exported.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string; trainee: string });
    expect(lines.map((l) => l.trainee)).toEqual(["ann", "ann", "ann", "ann"]);

    const to = home();
    const file = join(to.dir, "ann.jsonl");
    writeFileSync(file, exported.stdout);
    const first = runCli(["import", file], { env: to.env });
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining("Imported 4 sessions") });
    const again = runCli(["import", "-"], { env: to.env, input: exported.stdout });
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining("Imported 0 sessions from <stdin>") });
    expect(again.stdout).toContain("4 already there");
    expect(JSON.parse(runCli(["history", "--json"], { env: to.env }).stdout)).toHaveLength(4);
  });

  it("writes --out, and will not overwrite it without --force", () => {
    const { env, dir } = home(THREE);
    const out = join(dir, "out.jsonl");
    expect(runCli(["export", "--out", out], { env })).toMatchObject({ code: 0, stdout: `Exported 4 sessions to ${out}\n` });
    const refused = runCli(["export", "--out", out], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("hint: pass --force");
    expect(runCli(["export", "--out", out, "--force"], { env }).code).toBe(0);
    expect(readFileSync(out, "utf8").trimEnd().split("\n")).toHaveLength(4);
  });

  it("imports the good lines of a damaged file, warns about the rest and exits 1", () => {
    const { env, dir, history } = home();
    const file = join(dir, "in.jsonl");
    copyFileSync(BOB, file);
    appendFileSync(file, "not json\n[1,2]\n");
    const result = runCli(["import", file], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Imported 2 sessions");
    expect(result.stdout).toContain("2 damaged lines skipped");
    expect(result.stderr).toContain(`${file}:3: skipped a damaged line`);
    expect(result.stderr).toContain(`${file}:4: skipped a line that is not a session record`);
    expect(existsSync(history)).toBe(true);
  });

  it("refuses a file it cannot read", () => {
    const result = runCli(["import", "nowhere.jsonl"], { env: home().env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cannot read nowhere.jsonl: no such file");
  });
});
