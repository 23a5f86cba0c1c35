/**
 * A 10 MB reply is bounded once, where it comes in: play and score keep the first 20,000 characters,
 * say so, and the score, the promises, the history record and the output all follow from that text.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { boundReply } from "../../src/engine/reply-limit.js";
import { MAX_REPLY_CHARS } from "../../src/engine/score.js";
import { readHistory } from "../../src/history/store.js";
import { runCli, tempDir } from "../helpers/cli.js";

const PROMISES = "I will call you by 5 and I will email you by 6. ";
const HUGE = PROMISES.repeat(220_000);

describe("a reply over the bound", () => {
  it("is cut once by play: the record, the ledger and the output follow from the first 20,000 characters", { timeout: 120_000 }, () => {
    const dir = tempDir("coach-long-");
    const history = join(dir, "history.jsonl");
    const answers = join(dir, "answers.txt");
    writeFileSync(answers, `${HUGE}\n`);
    const run = runCli(["play", "bike-shifter", "--answers", answers], { env: { COACH_HISTORY: history } });
    expect(run.code).toBe(1);
    expect(run.stdout.replace(/\s+/g, " ")).toContain(
      "Your reply was 10,559,999 characters long; only the first 20,000 are kept and scored.",
    );
    expect(run.stdout.length).toBeLessThan(200_000);
    expect(run.stdout.split("Promise noted").length - 1).toBeLessThanOrEqual(5);
    expect(run.stdout).toMatch(/\.\.\. and \d+ more promises\./);
    const [record] = readHistory(history).sessions;
    const kept = record?.turns[0]?.reply ?? "";
    expect(kept).toBe(HUGE.slice(0, MAX_REPLY_CHARS));
    for (const c of record?.ledger ?? []) expect(kept).toContain(c.quote);
    expect(readFileSync(history, "utf8").length).toBeLessThan(1_000_000);
  });

  it("is cut once by score, which says so and marks the JSON truncated", { timeout: 60_000 }, () => {
    const text = runCli(["score", "--scenario", "bike-shifter", "--reply", "-"], { input: HUGE });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("only the first 20,000 are kept and scored");
    const json = JSON.parse(runCli(["score", "--scenario", "bike-shifter", "--reply", "-", "--json"], { input: HUGE }).stdout);
    expect(json.truncated).toBe(true);
    for (const c of json.criteria) for (const e of c.evidence) expect(e.end).toBeLessThanOrEqual(MAX_REPLY_CHARS);
  });

  it("never splits a surrogate pair", () => {
    const bounded = boundReply(`${"a".repeat(9)}🙂🙂`, 10);
    expect(bounded).toEqual({ text: "a".repeat(9), length: 13, cut: true });
  });
});
