import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";

const GOOD =
  "I'm sorry, nearly four weeks with no shifter and no news is not acceptable. I'll call the producer at 9 tomorrow and phone you by 11.";

describe("coach score --scenario --reply", () => {
  it("prints the SPEC's JSON shape", () => {
    const { code, stdout } = runCli(["score", "--scenario", "bike-shifter", "--reply", GOOD, "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.scenario).toBe("bike-shifter");
    expect(result.rubric).toBe("complaint-handling");
    expect(result.score).toBeGreaterThanOrEqual(60);
    expect(result.criteria.map((c: { id: string }) => c.id)).toEqual(["ownership", "empathy", "process", "outcome"]);
    for (const c of result.criteria) {
      expect(Number.isInteger(c.level) && c.level >= 0 && c.level <= 3).toBe(true);
      expect(c.max).toBe(3);
      expect(typeof c.feedback).toBe("string");
      for (const e of c.evidence) expect(Object.keys(e)).toEqual(expect.arrayContaining(["quote", "rule", "effect"]));
    }
    expect(Array.isArray(result.flags)).toBe(true);
  });

  it("explains the score as text: bars, the marked reply, feedback, no colour when not a TTY", () => {
    const { code, stdout } = runCli(["score", "--scenario", "bike-shifter", "--reply", "The producer is responsible, not us."]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Ownership\s+░░░ 0\/3/);
    expect(stdout).toContain("[!");
    expect(stdout).toContain("flag blame");
    expect(stdout).not.toContain("\u001b[");
  });

  it("--min-score exits 1 below the bar and 0 above it", () => {
    expect(runCli(["score", "--scenario", "bike-shifter", "--reply", "Works here.", "--min-score", "50"]).code).toBe(1);
    expect(runCli(["score", "--scenario", "bike-shifter", "--reply", GOOD, "--min-score", "50"]).code).toBe(0);
  });

  it("scores an empty reply and a 1 MB reply without crashing", () => {
    const empty = runCli(["score", "--scenario", "bike-shifter", "--reply", "", "--json"]);
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout).score).toBe(0);
    const huge = runCli(["score", "--scenario", "bike-shifter", "--reply", "-", "--json"], {
      input: "I'll call the producer at 9 tomorrow. ".repeat(27_000),
    });
    expect(huge.code).toBe(0);
    expect(JSON.parse(huge.stdout).truncated).toBe(true);
  });

  it("lists the known scenarios for an unknown id, exit 2, no stack trace", () => {
    const { code, stderr } = runCli(["score", "--scenario", "bike-shiftr", "--reply", "hi"]);
    expect(code).toBe(2);
    expect(stderr).toContain("did you mean `bike-shifter`?");
    expect(stderr).toContain("missed-bin");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("is a usage error without anything to score", () => {
    expect(runCli(["score"]).code).toBe(2);
    expect(runCli(["score", "--reply", "hi"]).code).toBe(2);
    expect(runCli(["score", "--scenario", "bike-shifter", "--reply", "x", "--min-score", "lots"]).code).toBe(2);
  });
});

describe("coach score --replies (batch)", () => {
  it("writes one result per line, in order, echoing other fields", () => {
    const dir = tempDir();
    const file = join(dir, "replies.jsonl");
    writeFileSync(
      file,
      [
        JSON.stringify({ id: "a", scenario: "bike-shifter", reply: GOOD }),
        JSON.stringify({ id: "b", scenario: "failed-download", reply: "Works fine on my machine." }),
        JSON.stringify({ id: "c", scenario: "missed-bin", reply: "" }),
      ].join("\n"),
    );
    const { code, stdout } = runCli(["score", "--replies", file, "--json"]);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(["a", "b", "c"]);
    expect(lines[1].flags).toContain("works-here");
    expect(lines[0].score).toBeGreaterThan(lines[1].score);
  });

  it("reads standard input with -", () => {
    const input = `${JSON.stringify({ scenario: "double-charge", reply: "I'll issue the refund myself right now." })}\n`;
    const { code, stdout } = runCli(["score", "--replies", "-", "--json"], { input });
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim()).scenario).toBe("double-charge");
  });

  it("reports bad lines in place and exits 2, scoring the rest", () => {
    const input = ['{"scenario":"bike-shifter","reply":"I will call you at 5."}', "not json", '{"scenario":"nope","reply":"x"}'].join("\n");
    const { code, stdout, stderr } = runCli(["score", "--replies", "-", "--json"], { input });
    expect(code).toBe(2);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].score).toBeGreaterThan(0);
    expect(lines[1].error.code).toBe("bad-json");
    expect(lines[2].error.code).toBe("unknown-scenario");
    expect(stderr).toContain("2 lines");
  });

  it("scores a line at its turn, and makes an unknown turn an error object in place", () => {
    const input = [
      '{"scenario":"bike-shifter","turn":"next-day","reply":"I rang them: a new one comes in 10 days."}',
      '{"scenario":"bike-shifter","turn":"nope","reply":"x"}',
    ].join("\n");
    const { code, stdout } = runCli(["score", "--replies", "-", "--json"], { input });
    expect(code).toBe(2);
    const [scored, unknown] = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(scored.turn).toBe("next-day");
    expect(scored.score).toEqual(expect.any(Number));
    expect(unknown.error.code).toBe("unknown-turn");
    expect(unknown.error.message).toContain("turns: open, only-door");
  });

  it("exits 2 for a missing file", () => {
    const { code, stderr } = runCli(["score", "--replies", "/no/such.jsonl"]);
    expect(code).toBe(2);
    expect(stderr).toContain("no such file");
  });
});

describe("coach score TRANSCRIPT", () => {
  it("scores a saved session as a whole (YAML)", () => {
    const dir = tempDir();
    const file = join(dir, "session.yaml");
    writeFileSync(
      file,
      `scenario: bike-shifter\nturns:\n  - reply: "${GOOD}"\n  - reply: "I rang the producer at 9 as promised: replacement in ten days. I'll fit our spare today so you can ride."\n`,
    );
    const { code, stdout } = runCli(["score", file, "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.scenario).toBe("bike-shifter");
    expect(result.turns.length).toBe(2);
    expect(result.criteria.map((c: { id: string }) => c.id)).toEqual(["ownership", "empathy", "process", "outcome"]);
    expect(result.score).toBeGreaterThan(40);
  });

  it("refuses a whole history file, and says how to pick one session", () => {
    const dir = tempDir();
    const file = join(dir, "history.jsonl");
    writeFileSync(file, '{"scenario":"bike-shifter","turns":[]}\n{"scenario":"missed-bin","turns":[]}\n');
    const { code, stderr } = runCli(["score", file]);
    expect(code).toBe(2);
    expect(stderr).toContain("holds 2 sessions");
    expect(stderr).toContain("coach history show");
  });

  it("points at the line and column of broken YAML in a session file", () => {
    const dir = tempDir();
    const file = join(dir, "tabs.yaml");
    writeFileSync(file, "scenario: bike-shifter\n\tturns: []\n");
    const { code, stderr } = runCli(["score", file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/tabs\.yaml:2:1: cannot read the session/);
  });

  it("says a folder is not a session file, in plain words", () => {
    const { code, stderr } = runCli(["score", tempDir()]);
    expect(code).toBe(2);
    expect(stderr).toContain("it is a folder, not a file");
  });

  it("says what a session file needs when it is not one", () => {
    const dir = tempDir();
    const file = join(dir, "bad.yaml");
    writeFileSync(file, "just: text\n");
    const { code, stderr } = runCli(["score", file]);
    expect(code).toBe(2);
    expect(stderr).toContain("scenario");
  });
});
