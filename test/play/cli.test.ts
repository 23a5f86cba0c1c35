/** `coach play` end to end without a terminal: the built binary, scripted replies, the history file. */

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SessionRecord } from "../../src/history/record.js";
import { readHistory } from "../../src/history/store.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { scenario } from "../helpers/content.js";
import { modelRun } from "./model-run.js";

const SCENARIOS = ["bike-shifter", "double-charge", "failed-download", "out-of-town-repair", "missed-bin"];

function setup(answers?: string) {
  const dir = tempDir("coach-play-");
  const history = join(dir, "history.jsonl");
  const file = join(dir, "answers.txt");
  if (answers !== undefined) writeFileSync(file, answers);
  const env = { COACH_HISTORY: history, COACH_TRAINEE: "tess" };
  const saved = (): SessionRecord[] => readHistory(history).sessions;
  return { dir, history, file, env, saved };
}

const flat = (text: string) => text.replace(/\s+/g, " ");

const BLAME = "The producer is responsible for the delay, not us. We just send the parts.";
const TIMED = "I'm sorry. I will call the producer tomorrow at 8:30 and call you by 10 with their answer.";

describe("coach play --answers, each shipped scenario to the end", () => {
  it.each(SCENARIOS)("%s", (id) => {
    const { replies, state } = modelRun(id);
    expect(state.ended, `the model answers of ${id} should finish it`).toBe(true);
    const t = setup(`${replies.join("\n\n")}\n`);
    const run = runCli(["play", id, "--answers", t.file], { env: t.env });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const spec = scenario(id);
    const out = flat(run.stdout);
    expect(run.stdout).toContain(`${spec.title}  ·  ${spec.difficulty}`);
    expect(run.stdout).toContain(`You: ${spec.briefing.role.split(/\s+/).slice(0, 4).join(" ")}`);
    for (const exchange of state.exchanges) {
      expect(out).toContain(flat(`${spec.customer.name}: ${exchange.customer.text}`));
      if (exchange.customer.skip !== undefined) expect(run.stdout).toContain(`— ${exchange.customer.skip} —`);
    }
    expect(run.stdout).toMatch(/Mood: \w+ [▁▂▃▄▅▆▇█·]{10}/);
    expect(run.stdout.match(/\nFeedback {2}\d+\/100\n/g)).toHaveLength(replies.length);
    expect(run.stdout).toContain(`Scorecard: ${spec.title}\n`);
    expect(run.stdout).toMatch(/Overall \d+\/100 {2}over \d+ repl/);
    expect(run.stdout).toContain("Saved to your history: ");

    const [record, ...more] = t.saved();
    expect(more).toEqual([]);
    expect(record).toMatchObject({ scenario: id, partial: false, trainee: "tess", mode: "practice", scenarioTitle: spec.title });
    expect(record?.turns.map((turn) => turn.reply)).toEqual(replies.map((r) => r.trim()));
    expect(record?.id).toMatch(new RegExp(`^\\d{8}-\\d{6}-${id}-[0-9a-f]{12}$`));
    expect(run.stdout).toContain(`coach history show ${record?.id}`);
  });
});

describe("coach play without a terminal", () => {
  it("prints the transcript the way the session went: blame, /hint, a timed promise, the next day", () => {
    const t = setup(`${BLAME}\n/hint\n${TIMED}\n`);
    const run = runCli(["play", "bike-shifter", "--answers", t.file], { env: t.env });
    expect(run.stdout).toContain(`You › ${BLAME}\n`);
    expect(run.stdout).toContain('flag: Blame-shifting: "producer is responsible for the delay"');
    expect(run.stdout).toContain("Mood: angry");
    expect(run.stdout).toContain("(angrier)");
    expect(run.stdout).toContain("Sander: I'm not asking whose fault it is.");
    expect(run.stdout).toContain("You › /hint\nHint\n  Don't defend the shop.");
    expect(run.stdout).toContain("— The next day, 12:15 —");
    // The call-back by 10 came due before 12:15; the scenario says it was kept, and the customer picks up from it.
    expect(flat(run.stdout)).toContain("You rang Sander with the news, as you had promised.");
    expect(flat(run.stdout)).toContain("Sander: It's Sander. Thanks for ringing, as you said you would");
    // The script ran out at the next day: a partial session, exit 1.
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the input ended before the conversation did");
    expect(run.stdout).toContain("(partial: the session was not finished)");
    const [record] = t.saved();
    expect(record).toMatchObject({ partial: true, scenario: "bike-shifter" });
    expect(record?.turns.map((turn) => turn.turn)).toEqual(["open", "only-door"]);
    expect(record?.ledger[0]).toMatchObject({ who: "self", what: "call the producer", status: "kept", kind: "step" });
  });

  it("reads the replies from piped standard input, multi-line ones in blank-line-separated blocks", () => {
    const t = setup();
    const input = `I'm sorry, three and a half weeks is far too long.\nI will call the producer tomorrow at 8:30.\n\n/quit\n`;
    const run = runCli(["play", "bike-shifter"], { env: t.env, input });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "You › I'm sorry, three and a half weeks is far too long.\n      I will call the producer tomorrow at 8:30.\n",
    );
    expect(run.stdout).toContain("You › /quit\n\nYou left the conversation.");
    const [record] = t.saved();
    expect(record?.partial).toBe(true);
    expect(record?.turns[0]?.reply).toBe("I'm sorry, three and a half weeks is far too long.\nI will call the producer tomorrow at 8:30.");
  });

  it("prints only the session result as JSON with --json", () => {
    const { replies } = modelRun("double-charge");
    const t = setup(replies.join("\n\n"));
    const run = runCli(["play", "double-charge", "--answers", t.file, "--json"], { env: t.env });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0] as string);
    expect(json).toMatchObject({ scenario: "double-charge", rubric: "complaint-handling", mode: "practice", partial: false });
    expect(json.criteria.map((c: { id: string }) => c.id)).toEqual(["ownership", "empathy", "process", "outcome"]);
    expect(json.turns).toHaveLength(replies.length);
    expect(json.id).toBe(t.saved()[0]?.id);
    expect(json.score).toBe(t.saved()[0]?.result.score);
  });

  it("gives no feedback until the end in assessment mode", () => {
    const { replies } = modelRun("failed-download");
    const t = setup(replies.join("\n\n"));
    const run = runCli(["play", "failed-download", "--mode", "assess", "--answers", t.file], { env: t.env });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("Feedback");
    expect(run.stdout).not.toContain("Tip:");
    expect(run.stdout).toContain("Scorecard: ");
    expect(t.saved()[0]?.mode).toBe("assess");
  });

  it("saves nothing with --no-save", () => {
    const t = setup(`${TIMED}\n/quit\n`);
    const run = runCli(["play", "bike-shifter", "--answers", t.file, "--no-save"], { env: t.env });
    expect(run.code).toBe(0);
    expect(existsSync(t.history)).toBe(false);
    expect(run.stdout).not.toContain("Saved to your history");
  });

  it("saves a partial session when the input ends mid-session", () => {
    const t = setup();
    const run = runCli(["play", "missed-bin"], { env: t.env, input: `${TIMED}\n` });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("coach: the input ended before the conversation did; the session is partial\n");
    expect(run.stdout).toContain("Saved to your history as a partial session: ");
    const [record] = t.saved();
    expect(record).toMatchObject({ scenario: "missed-bin", partial: true });
    expect(record?.turns).toHaveLength(1);
    expect(record?.result.partial).toBe(true);
  });

  it("saves nothing when nothing was said", () => {
    const t = setup();
    const run = runCli(["play", "bike-shifter"], { env: t.env, input: "\n\n" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Nothing was said, so nothing was saved.");
    expect(existsSync(t.history)).toBe(false);
  });

  it("says when scripted replies were left over", () => {
    const { replies } = modelRun("bike-shifter");
    const t = setup([...replies, "one more", "and another"].join("\n\n"));
    const run = runCli(["play", "bike-shifter", "--answers", t.file], { env: t.env });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("coach: 2 scripted replies were not used: the conversation ended first\n");
  });

  it.each([
    [["play", "bike-shiftr", "--answers", "x"], "unknown scenario `bike-shiftr`", "known scenarios: "],
    [["play"], "name the scenario to play: coach play ID", "no list to pick from"],
    [
      ["play", "bike-shifter", "--answers", "no-such-file.txt"],
      "cannot read answers file no-such-file.txt: no such file",
      "one reply per line",
    ],
    [["play", "bike-shifter", "--mode", "exam"], "argument 'exam' is invalid", ""],
  ])("exits 2 on a usage error: %j", (args, message, hint) => {
    const t = setup("reply\n");
    const run = runCli(
      args.map((a) => (a === "x" ? t.file : a)),
      { env: t.env },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(hint);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(t.history)).toBe(false);
  });
});

describe("coach score re-scores what play saved", () => {
  it("accepts a history line and a --json result, and scores them as play did", () => {
    const { replies } = modelRun("out-of-town-repair");
    const t = setup(replies.join("\n\n"));
    const played = runCli(["play", "out-of-town-repair", "--answers", t.file, "--json"], { env: t.env });
    expect(played.code).toBe(0);
    const score = JSON.parse(played.stdout).score as number;

    const jsonFile = join(t.dir, "session.json");
    writeFileSync(jsonFile, played.stdout);
    const fromJson = runCli(["score", jsonFile, "--json"], { env: t.env });
    expect(fromJson.code).toBe(0);
    expect(JSON.parse(fromJson.stdout)).toMatchObject({ scenario: "out-of-town-repair", score, partial: false });

    const lineFile = join(t.dir, "line.json");
    writeFileSync(lineFile, readFileSync(t.history, "utf8").trim());
    const fromLine = runCli(["score", lineFile], { env: t.env });
    expect(fromLine.code).toBe(0);
    expect(fromLine.stdout).toContain(`Overall ${score}/100`);
  });
});
