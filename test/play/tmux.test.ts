/**
 * `coach play` in a real pseudo-terminal (tmux), typed the way a person types: a whole scenario to
 * the scorecard and "Try again?", Ctrl-C mid-session, and picking a scenario from the list.
 */

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SessionRecord } from "../../src/history/record.js";
import { readHistory } from "../../src/history/store.js";
import { binPath, runCli, tempDir } from "../helpers/cli.js";
import { scenario } from "../helpers/content.js";
import { modelRun } from "./model-run.js";
import { count, requireTmux, TmuxSession } from "./tmux.js";

const PROMPT = "You › ";
const flat = (text: string) => text.replace(/\s+/g, " ");

let sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions) s.kill();
  sessions = [];
});

beforeAll(() => requireTmux());

/** Starts `coach ARGS` in a fresh terminal; `before` runs first (to fill the history, say). */
function terminal(args: string[], before?: (dir: string, history: string) => void) {
  const dir = tempDir("coach-tty-");
  const history = join(dir, "history.jsonl");
  const exitFile = join(dir, "exit");
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: dir,
    LANG: "C.UTF-8",
    TERM: "xterm-256color",
    NO_COLOR: "1",
    COACH_HISTORY: history,
    COACH_TRAINEE: "tess",
  };
  const session = new TmuxSession(dir, env);
  sessions.push(session);
  before?.(dir, history);
  const quoted = [process.execPath, binPath, ...args].map((a) => `'${a}'`).join(" ");
  session.start(`sh -c "${quoted}; echo EXIT=\\$? > '${exitFile}'"`);
  const saved = (): SessionRecord[] => readHistory(history).sessions;
  return { session, history, exitFile, saved };
}

/** True while the process runs; one that has exited but waits for tmux to reap it (a zombie) has ended. */
function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

/** Waits until the prompt has appeared `n` times and nothing follows the last one. */
function promptNumber(n: number) {
  return (screen: string) => count(screen, PROMPT) >= n && screen.trimEnd().endsWith(PROMPT.trim());
}

describe("coach play in a terminal", () => {
  it("plays bike-shifter to the end as a person types it, with a two-line reply", { timeout: 180_000 }, async () => {
    // The first reply goes over two lines (a backslash at the end of the first); the rest are the model answers.
    const split = (model: string, turn: string) => (turn === "open" ? model.replace(/\. /, ".\n") : model);
    const { replies, state } = modelRun("bike-shifter", split);
    expect(state.ended).toBe(true);
    const spec = scenario("bike-shifter");
    const t = terminal(["play", "bike-shifter"]);

    let screen = await t.session.waitFor(promptNumber(1), "the first prompt");
    expect(screen).toContain("The shifter that went to the producer  ·  medium");
    expect(screen).toContain("Mood: annoyed ▁▁▂▃······");
    expect(flat(screen)).toContain(flat(`Sander: ${spec.turns[0]?.customer as string}`));
    expect(screen).toContain("End a line with \\ to go on to the next line.");

    for (const [i, reply] of replies.entries()) {
      const lines = reply.split("\n");
      for (const [j, line] of lines.entries()) t.session.type(j < lines.length - 1 ? `${line}\\` : line);
      const exchange = state.exchanges[i];
      if (i < replies.length - 1) {
        screen = await t.session.waitFor(promptNumber(i + 2), `the prompt after reply ${i + 1}`);
        const next = state.exchanges[i + 1];
        expect(flat(screen)).toContain(flat(`Sander: ${next?.customer.text}`));
        if (next?.customer.skip !== undefined) expect(screen).toContain(`— ${next.customer.skip} —`);
      }
      expect(exchange).toBeDefined();
    }

    screen = await t.session.waitFor("Try again?", "the scorecard and Try again?");
    expect(count(screen, "\nFeedback  ")).toBe(replies.length);
    expect(screen).toMatch(/Mood: \w+ [▁▂▃▄▅▆▇█·]{10} {2}\(calmer\)/);
    expect(screen).toContain("Scorecard: The shifter that went to the producer");
    expect(screen).toMatch(/Overall \d+\/100/);
    expect(screen).toContain("Saved to your history: ");
    // Try again: the briefing once more; then /quit leaves without asking again.
    t.session.type("y");
    screen = await t.session.waitFor(promptNumber(replies.length + 1), "the first prompt of the second round");
    expect(count(screen, "The shifter that went to the producer  ·  medium")).toBe(2);
    t.session.type("/quit");
    expect(await t.session.waitForFile(t.exitFile)).toBe("EXIT=0");
    expect(t.session.screen()).toContain("Nothing was said, so nothing was saved.");

    const [record, ...more] = t.saved();
    expect(more).toEqual([]);
    expect(record).toMatchObject({ scenario: "bike-shifter", partial: false, trainee: "tess" });
    expect(record?.turns.map((turn) => turn.reply)).toEqual(replies);
    expect(record?.turns[0]?.reply).toContain("\n");
  });

  it("leaves on Ctrl-C mid-session with exit 130 and a partial session in the history", { timeout: 120_000 }, async () => {
    const t = terminal(["play", "bike-shifter"]);
    await t.session.waitFor(promptNumber(1), "the first prompt");
    t.session.type("I'm sorry. I will call the producer tomorrow at 8:30 and call you by 10 with their answer.");
    await t.session.waitFor(promptNumber(2), "the second prompt");
    t.session.type("Let me just", false);
    t.session.keys("C-c");
    expect(await t.session.waitForFile(t.exitFile)).toBe("EXIT=130");
    const screen = t.session.screen();
    expect(screen).toContain("Stopped.");
    expect(screen).toContain("Saved to your history as a partial session: ");
    expect(screen).not.toMatch(/\n\s+at .*\(/);
    const [record, ...more] = t.saved();
    expect(more).toEqual([]);
    expect(record).toMatchObject({ scenario: "bike-shifter", partial: true });
    expect(record?.turns).toHaveLength(1);
  });

  it.each([
    ["the terminal closes (SIGHUP, then EIO)", "close"],
    ["SIGHUP comes while the terminal stays", "sighup"],
  ] as const)("saves the partial session when %s mid-session", { timeout: 120_000 }, async (_what, how) => {
    // The shell writes node's process id, then becomes node: the pane's process is the one under test.
    const dir = tempDir("coach-tty-hup-");
    const history = join(dir, "history.jsonl");
    const err = join(dir, "stderr");
    const pidFile = join(dir, "pid");
    const session = new TmuxSession(dir, {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      LANG: "C.UTF-8",
      TERM: "xterm-256color",
      NO_COLOR: "1",
      COACH_HISTORY: history,
    });
    sessions.push(session);
    session.start(`sh -c "echo \\$\\$ > '${pidFile}'; exec '${process.execPath}' '${binPath}' play bike-shifter 2> '${err}'"`);
    await session.waitFor(promptNumber(1), "the first prompt");
    session.type("I'm sorry. I will call the producer tomorrow at 8:30 and call you by 10 with their answer.");
    await session.waitFor(promptNumber(2), "the second prompt");
    const pid = Number(readFileSync(pidFile, "utf8").trim());
    if (how === "close") session.kill();
    else process.kill(pid, "SIGHUP");
    const deadline = Date.now() + 30_000;
    while (alive(pid)) {
      if (Date.now() > deadline) throw new Error("coach play did not end after the hang-up");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stderr = readFileSync(err, "utf8");
    expect(stderr).not.toMatch(/setRawMode|Assertion failed|\n\s+at /);
    const [record, ...more] = readHistory(history).sessions;
    expect(more).toEqual([]);
    expect(record).toMatchObject({ scenario: "bike-shifter", partial: true });
    expect(record?.turns).toHaveLength(1);
  });

  it("leaves on Ctrl-D with exit 1 and a partial session", { timeout: 120_000 }, async () => {
    const t = terminal(["play", "failed-download", "--mode", "assess"]);
    await t.session.waitFor(promptNumber(1), "the first prompt");
    t.session.type("Sorry about that. I'll send you the files by email within the hour.");
    const screen = await t.session.waitFor(promptNumber(2), "the second prompt");
    expect(screen).not.toContain("Feedback");
    t.session.keys("C-d");
    expect(await t.session.waitForFile(t.exitFile)).toBe("EXIT=1");
    expect(t.session.screen()).toContain("Scorecard: ");
    expect(t.saved()[0]).toMatchObject({ scenario: "failed-download", partial: true, mode: "assess" });
  });

  it("lists the scenarios with the last score, starts the one picked", { timeout: 120_000 }, async () => {
    // One finished session of bike-shifter in the history, played from a script before the terminal opens.
    let lastScore = -1;
    const t = terminal(["play"], (dir, history) => {
      const answers = join(dir, "answers.txt");
      writeFileSync(answers, modelRun("bike-shifter").replies.join("\n\n"));
      const played = runCli(["play", "bike-shifter", "--answers", answers, "--json"], { env: { COACH_HISTORY: history } });
      expect(played.code).toBe(0);
      lastScore = JSON.parse(played.stdout).score as number;
    });

    let screen = await t.session.waitFor("Which complaint do you want to practise?", "the list");
    for (const id of ["bike-shifter", "double-charge", "failed-download", "out-of-town-repair", "missed-bin"]) {
      expect(screen).toContain(scenario(id).title);
    }
    expect(screen).toContain("not played yet");
    const listed = screen.split("\n").filter((l) => /\b(easy|medium|hard)\b/.test(l));
    const played = scenario("bike-shifter").title;
    expect(listed.find((l) => l.includes(played)) ?? "").toContain(`last score ${lastScore}`);

    // Move down one and pick: the second title in the list starts.
    const titleOf = (line: string) =>
      ["bike-shifter", "double-charge", "failed-download", "out-of-town-repair", "missed-bin"]
        .map((id) => scenario(id).title)
        .find((title) => line.includes(title));
    const target = titleOf(listed[1] ?? "");
    t.session.keys("Down");
    t.session.keys("Enter");
    screen = await t.session.waitFor(promptNumber(1), "the first prompt of the picked scenario");
    expect(screen).toContain(`${target}  ·  `);
    t.session.keys("C-c");
    expect(await t.session.waitForFile(t.exitFile)).toBe("EXIT=130");
    expect(t.session.screen()).toContain("Nothing was said, so nothing was saved.");
    expect(t.saved()).toHaveLength(1);
  });

  it("leaves the list on Ctrl-C with exit 130 and saves nothing", { timeout: 60_000 }, async () => {
    const t = terminal(["play"]);
    await t.session.waitFor("Which complaint do you want to practise?", "the list");
    t.session.keys("C-c");
    expect(await t.session.waitForFile(t.exitFile)).toBe("EXIT=130");
    expect(t.session.screen()).not.toMatch(/ExitPromptError|\n\s+at /);
    expect(existsSync(t.history)).toBe(false);
  });
});
