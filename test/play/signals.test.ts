/**
 * `coach play` fed by a pipe from a live program: replies are played as they arrive, and SIGTERM or
 * SIGINT while it waits for the next one ends the session with what was said saved.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readHistory } from "../../src/history/store.js";
import { tempDir } from "../helpers/cli.js";
import { startCli } from "../helpers/spawn.js";

const TIMED = "I'm sorry. I will call the producer tomorrow at 8:30 and call you by 10 with their answer.";

describe("coach play from a pipe that stays open", () => {
  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)("plays the first reply before the input ends, and saves it on %s", { timeout: 60_000 }, async (signal, code) => {
    const history = join(tempDir("coach-pipe-"), "history.jsonl");
    const play = startCli(["play", "bike-shifter"], { env: { COACH_HISTORY: history } });
    play.child.stdin?.write(`${TIMED}\n`);
    // The feedback on the first reply shows while the pipe is still open.
    await play.waitFor(/Feedback {2}\d+\/100/, "the feedback on the first reply");
    await play.waitFor(/Feedback[\s\S]*\nSander: /, "the customer's answer");
    play.child.kill(signal);
    const exit = await play.exited;
    play.child.stdin?.destroy();
    expect(exit.code).toBe(code);
    expect(play.stderr()).not.toMatch(/\n\s+at /);
    expect(play.stdout()).toContain("Saved to your history as a partial session: ");
    const { sessions } = readHistory(history);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ scenario: "bike-shifter", partial: true });
    expect(sessions[0]?.turns.map((t) => t.reply)).toEqual([TIMED]);
  });
});
