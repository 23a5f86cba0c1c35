/** `coach calibrate` end to end: the built binary in temporary folders. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli, tempDir } from "../helpers/cli.js";

/** The trainer's 40 shared replies (labels 0-2), and a few at later turns. */
function labelsFile(extra: string[] = []): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, "labels.jsonl");
  const shared = readFileSync(join(repoRoot, "test", "calibration", "shared-replies.jsonl"), "utf8").trim();
  writeFileSync(file, [shared, ...extra].join("\n"));
  return { dir, file };
}

const LATER = [
  '{"scenario":"bike-shifter","turn":"next-day","reply":"I rang the producer at 8:30: a new shifter comes in 10 days. I can fit our spare today so you can ride.","labels":{"ownership":2,"empathy":0,"process":2,"outcome":2}}',
  '{"scenario":"bike-shifter","turn":"next-day","reply":"No news yet, sorry.","labels":{"ownership":0,"empathy":1,"process":0,"outcome":0}}',
  '{"scenario":"missed-bin","turn":"next-morning","reply":"I checked: the crew emptied your bins at 7 this morning. I will call you tonight to make sure.","labels":{"ownership":2,"empathy":0,"process":2,"outcome":2}}',
];

describe("coach calibrate", () => {
  it("prints tau-b per criterion, Spearman on the total, confusions and the worst disagreements", () => {
    const { dir } = labelsFile();
    const { code, stdout, stderr } = runCli(["calibrate", "labels.jsonl"], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("labels.jsonl: 40 labelled replies, your labels 0-2, the tool's levels 0-3");
    for (const c of ["ownership", "empathy", "process", "outcome"])
      expect(stdout).toMatch(new RegExp(`${c}\\s+40\\s+tau-b\\s+-?[01]\\.\\d\\d`));
    expect(stdout).toMatch(/total\s+40\s+Spearman\s+-?[01]\.\d\d/);
    expect(stdout).toContain("Confusion: your label (rows) against the tool's level (columns)");
    expect(stdout).toContain("The 5 replies you and the tool rank most differently");
    expect(stdout).toMatch(/ 1\. labels\.jsonl:\d+ /);
    expect(stdout).not.toContain("\u001b[");
  });

  it("--json prints one object with all of it; --worst and --by shape it", () => {
    const { dir } = labelsFile(LATER);
    const { code, stdout } = runCli(["calibrate", "labels.jsonl", "--json", "--worst", "3", "--by", "turn"], { cwd: dir });
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.file).toBe("labels.jsonl");
    expect(json.replies).toBe(43);
    expect(json.criteria.map((c: { id: string }) => c.id)).toEqual(["ownership", "empathy", "process", "outcome"]);
    for (const c of json.criteria) {
      expect(c.tauB).toBeGreaterThan(0);
      expect(c.confusion.labels).toEqual([0, 1, 2]);
      expect(c.confusion.counts.flat().reduce((a: number, b: number) => a + b, 0)).toBe(43);
    }
    expect(json.total.spearman).toBeGreaterThan(0.5);
    expect(json.worst).toHaveLength(3);
    for (const w of json.worst) expect(Object.keys(w.decided)).toEqual(["ownership", "empathy", "process", "outcome"]);
    expect(json.by.groups.map((g: { group: string; n: number }) => [g.group, g.n])).toEqual([
      ["opening", 40],
      ["later", 3],
    ]);
  });

  it("--min-tau exits 1 when a criterion's tau-b is under it, 0 when none is", () => {
    const { dir } = labelsFile();
    const under = runCli(["calibrate", "labels.jsonl", "--min-tau", "0.999"], { cwd: dir });
    expect(under.code).toBe(1);
    expect(under.stdout).toContain("under --min-tau 0.999");
    expect(runCli(["calibrate", "labels.jsonl", "--min-tau", "0.5", "--json"], { cwd: dir }).code).toBe(0);
  });

  it("reports lines it cannot use with file:line, compares the rest, and exits 2", () => {
    const { dir } = labelsFile([
      "not json",
      '{"scenario":"bike-shifter","turn":"tomorrow","reply":"x","labels":{"empathy":1}}',
      '{"scenario":"bike-shifter","reply":"x","labels":{"empaty":1}}',
    ]);
    const { code, stdout, stderr } = runCli(["calibrate", "labels.jsonl", "--json"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain("coach: labels.jsonl:41: not a JSON object");
    expect(stderr).toContain("coach: labels.jsonl:42: scenario `bike-shifter` has no turn `tomorrow`\n  hint: turns: open, only-door,");
    expect(stderr).toContain(
      "coach: labels.jsonl:43: rubric `complaint-handling` has no criterion `empaty`\n  hint: did you mean `empathy`?",
    );
    expect(stderr).toContain("3 lines of labels.jsonl could not be used and were left out");
    const json = JSON.parse(stdout);
    expect(json.replies).toBe(40);
    expect(json.problems.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([
      [41, "bad-json"],
      [42, "unknown-turn"],
      [43, "unknown-criterion"],
    ]);
  });

  it.each([
    ["a missing file", ["calibrate", "nope.jsonl"], "cannot read labels file nope.jsonl: no such file"],
    ["a folder", ["calibrate", "."], ". is a folder, not a JSON Lines file"],
    ["a binary file", ["calibrate", "picture.jsonl"], "picture.jsonl is not a text file"],
    [
      "a file with no usable line",
      ["calibrate", "empty.jsonl"],
      "empty.jsonl has no labelled replies to compare (1 line could not be used)",
    ],
    ["a bad --min-tau", ["calibrate", "labels.jsonl", "--min-tau", "high"], "--min-tau must be a number from -1 to 1, not `high`"],
    ["a bad --worst", ["calibrate", "labels.jsonl", "--worst", "-2"], "--worst must be a whole number, not `-2`"],
    ["a bad --by", ["calibrate", "labels.jsonl", "--by", "criterion"], "argument 'criterion' is invalid"],
  ])("exits 2 for %s, with a plain message", (_what, args, message) => {
    const { dir } = labelsFile();
    writeFileSync(join(dir, "picture.jsonl"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
    writeFileSync(join(dir, "empty.jsonl"), "\n[]\n\n");
    const { code, stderr } = runCli(args, { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("reads scenarios from --content like the other commands", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "mine", "scenarios"), { recursive: true });
    const source = readFileSync(join(repoRoot, "scenarios", "bike-shifter.yaml"), "utf8");
    writeFileSync(join(dir, "mine", "scenarios", "my-shifter.yaml"), source.replace(/^id: bike-shifter$/m, "id: my-shifter"));
    copyFileSync(join(repoRoot, "scenarios", "scenario.schema.json"), join(dir, "mine", "scenarios", "scenario.schema.json"));
    const lines = [
      ["The producer is to blame, not us.", 0],
      ["We will look into it.", 1],
      ["I'll call the producer at 8:30 tomorrow and ring you by 10.", 2],
    ].map(([reply, level]) => JSON.stringify({ scenario: "my-shifter", reply, labels: { ownership: level } }));
    writeFileSync(join(dir, "labels.jsonl"), lines.join("\n"));
    const { code, stdout, stderr } = runCli(["calibrate", "labels.jsonl", "--content", "mine", "--json"], { cwd: dir });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.criteria.map((c: { id: string }) => c.id)).toEqual(["ownership"]);
    expect(json.criteria[0].tauB).toBeCloseTo(1, 5);
  });
});
