/**
 * Control characters from outside (a trainee's reply, a hand-edited history, a trainer's YAML) reach
 * no terminal raw, in any command: they are shown as escapes, and no line of output can be started
 * by the data, so a YAML key cannot forge a GitHub workflow command even in text mode.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readHistory } from "../../src/history/store.js";
import { repoRoot, runCli, tempDir } from "../helpers/cli.js";

const ESC = "\u001b]0;pwned\u0007\u001b[2J\u001b[8m\u009b1m";
/** The same as YAML escapes, for text written into a YAML file. */
const YAML_ESC = "\\e]0;pwned\\a\\e[2J\\e[8m";
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const FORGED = /^\s*::/m;

let dir: string;
let env: Record<string, string>;
let sessionId: string;

function hostileScenario(id: string, extra = ""): string {
  return readFileSync(join(repoRoot, "scenarios", "bike-shifter.yaml"), "utf8")
    .replace(/^id: bike-shifter$/m, `id: ${id}${extra}`)
    .replace(/^title: .*$/m, `title: "Title ${YAML_ESC}"`)
    .replace(/^ {2}name: Sander$/m, `  name: "Sander${YAML_ESC}"`)
    .replace(
      /^examples:\n/m,
      `examples:\n  - reply: "Sorry ${YAML_ESC}\\n::error file=forged.yaml::from an example"\n    expect: { ownership: 3 }\n`,
    );
}

beforeAll(() => {
  dir = tempDir("coach-control-");
  mkdirSync(join(dir, "valid", "scenarios"), { recursive: true });
  writeFileSync(join(dir, "valid", "scenarios", "hostile.yaml"), hostileScenario("hostile"));
  mkdirSync(join(dir, "broken", "scenarios"), { recursive: true });
  writeFileSync(
    join(dir, "broken", "scenarios", "broken.yaml"),
    hostileScenario("broken", `\n"key ${YAML_ESC}\\n::error file=forged.yaml,line=1::forged": 1`),
  );
  // A history edited by hand: escapes in the id, the scenario, the mode, a reply, the feedback.
  const history = join(dir, "history.jsonl");
  copyFileSync(join(repoRoot, "test", "history", "fixtures", "three-and-partial.jsonl"), history);
  const [first] = readHistory(history).sessions;
  if (first === undefined) throw new Error("the fixture has no sessions");
  const record = structuredClone(first);
  sessionId = "20260110-090000-hostile";
  Object.assign(record, { id: `${sessionId}${ESC}`, scenarioTitle: `T${ESC}\n::error::x`, mode: `practice${ESC}`, trainee: `t${ESC}` });
  if (record.turns[0] !== undefined) {
    record.turns[0].reply = `I'm sorry ${ESC}\n::error file=forged.yaml::from a reply`;
    record.turns[0].customer = `What ${ESC}?`;
  }
  record.result.changes = record.result.changes.map((c) => ({ ...c, feedback: `${c.feedback} ${ESC}` }));
  writeFileSync(history, `${readFileSync(history, "utf8")}${JSON.stringify(record)}\n`);
  env = { COACH_HISTORY: history, XDG_CACHE_HOME: join(dir, "cache"), COACH_TRAINEE: `tess${ESC}` };
  writeFileSync(join(dir, "answers.txt"), `I'm sorry ${ESC} I will call the producer at 8:30 and ring you by 10.\n`);
  writeFileSync(join(dir, "replies.jsonl"), `${JSON.stringify({ scenario: "hostile", reply: `Sorry ${ESC}` })}\n`);
  // Labelled replies for calibrate, a few of them hostile: the worst disagreements quote them.
  const labelled = readFileSync(join(repoRoot, "test", "calibration", "shared-replies.jsonl"), "utf8")
    .trimEnd()
    .split("\n")
    .map((line, i) => {
      const row = JSON.parse(line) as { reply: string };
      return JSON.stringify(i % 5 === 0 ? { ...row, reply: `${row.reply} ${ESC}\n::error::x` } : row);
    });
  writeFileSync(join(dir, "labels.jsonl"), `${labelled.join("\n")}\n`);
});

const valid = () => ["--content", join(dir, "valid")];

describe("control characters in the output", () => {
  it.each([
    ["score --reply", () => ["score", "--scenario", "bike-shifter", "--reply", `I'm sorry ${ESC}\n::error::x I will call you by 5.`]],
    ["score with an unknown scenario", () => ["score", "--scenario", `nope${ESC}`, "--reply", "hi"]],
    ["score --replies", () => ["score", "--replies", join(dir, "replies.jsonl"), ...valid()], false],
    ["play feedback", () => ["play", "hostile", "--answers", join(dir, "answers.txt"), ...valid()]],
    ["list", () => ["list", ...valid()]],
    ["history", () => ["history"]],
    ["history show", () => ["history", "show", sessionId]],
    ["report", () => ["report", sessionId]],
    ["progress", () => ["progress"], false],
    ["validate", () => ["validate", join(dir, "broken")]],
    ["validate --format junit", () => ["validate", join(dir, "broken"), "--format", "junit"]],
    ["test", () => ["test", join(dir, "valid")]],
    ["test --format tap", () => ["test", join(dir, "valid"), "--format", "tap"]],
    ["calibrate", () => ["calibrate", join(dir, "labels.jsonl"), "--worst", "40"]],
  ] as Array<[string, () => string[], boolean?]>)("%s shows them as escapes", (_name, args, shown = true) => {
    const run = runCli(args(), { env });
    const out = run.stdout + run.stderr;
    expect(run.code, run.stderr).toBeLessThan(3);
    expect(out).not.toMatch(RAW);
    expect(out).not.toMatch(FORGED);
    if (shown) expect(out).toMatch(/\\x1b|\\x07/);
  });

  it.each([
    ["validate", () => ["validate", join(dir, "broken"), "--format", "github"]],
    ["test", () => ["test", join(dir, "valid"), "--format", "github"]],
  ])("%s --format github writes only its own workflow commands", (_name, args) => {
    const run = runCli(args(), { env });
    expect(run.stdout).not.toMatch(RAW);
    const commands = run.stdout.split("\n").filter((line) => /^\s*::/.test(line));
    expect(commands.length).toBeGreaterThan(0);
    for (const line of commands) expect(line).toMatch(/^::(error|warning) file=[^,:]*(broken|valid)[^,:]*,/);
    expect(run.stdout).not.toMatch(/^::error file=forged/m);
  });

  it("keeps the trainee's line breaks where they belong, in the reply", () => {
    const run = runCli(["score", "--scenario", "bike-shifter", "--reply", "I'm sorry.\nI will call you by 5."], { env });
    expect(run.stdout).toContain("I'm [sorry].\n  [I will call you by 5]");
  });

  it("lets only colour codes through when colour is on", () => {
    const run = runCli(["history", "show", sessionId], { env: { ...env, NO_COLOR: "", FORCE_COLOR: "1" } });
    expect(run.stdout).toContain("\u001b[");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what this removes
    const withoutColour = run.stdout.replace(/\u001b\[[0-9;]*m/g, "");
    expect(withoutColour).not.toMatch(RAW);
  });
});
