/**
 * `coach play` at the size of a real terminal (tmux, 80x24): nothing wider than the screen, words
 * never split, the session id whole; a multi-line paste that does not end with a newline is one reply.
 */
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readHistory } from "../../src/history/store.js";
import { binPath, runCli, tempDir } from "../helpers/cli.js";
import { modelRun } from "./model-run.js";
import { count, requireTmux, TmuxSession } from "./tmux.js";

const PROMPT = "You › ";

let sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions) s.kill();
  sessions = [];
});

beforeAll(() => requireTmux());

/** `extra` is the command's environment; TERM is set inside the pane (tmux sets its own TERM there). */
function terminal(args: string[], size = { columns: 80, rows: 24 }, extra: Record<string, string> = {}) {
  const dir = tempDir("coach-tty-");
  const history = join(dir, "history.jsonl");
  const exitFile = join(dir, "exit");
  const session = new TmuxSession(dir, {
    PATH: process.env.PATH ?? "",
    HOME: dir,
    LANG: "C.UTF-8",
    TERM: "xterm-256color",
    COACH_HISTORY: history,
    ...extra,
  });
  sessions.push(session);
  const quoted = [process.execPath, binPath, ...args].map((a) => `'${a}'`).join(" ");
  const term = extra.TERM === undefined ? "" : `TERM='${extra.TERM}' `;
  session.start(`sh -c "${term}${quoted}; echo EXIT=\\$? > '${exitFile}'"`, size);
  return { session, history, exitFile };
}

const promptNumber = (n: number) => (screen: string) => count(screen, PROMPT) >= n && screen.trimEnd().endsWith(PROMPT.trim());

/**
 * Lines wider than `columns`: capture-pane -J joins the lines the terminal had to wrap, so a
 * too-wide line shows as one. The line being typed at the prompt is left out: the line editor lets
 * the terminal wrap what the trainee types, as every shell does.
 */
function tooWide(screen: string, columns: number): string[] {
  return screen.split("\n").filter((line) => [...line].length > columns && !line.startsWith(PROMPT));
}

describe("coach play at 80x24", () => {
  it("wraps everything to the screen: feedback, your words, the scorecard and the session id", { timeout: 180_000 }, async () => {
    const { replies, state } = modelRun("bike-shifter");
    expect(state.ended).toBe(true);
    // The first reply is long, with a word longer than the screen, so it has to wrap and to be cut once.
    const link = `https://example.com/tracking/${"a1b2c3d4".repeat(12)}`;
    const first = `${replies[0]} You can follow it here: ${link} and I will keep you posted on every step until the shifter is back on your bike.`;
    const t = terminal(["play", "bike-shifter"], { columns: 80, rows: 24 }, { NO_COLOR: "1" });
    await t.session.waitFor(promptNumber(1), "the first prompt");
    for (const [i, reply] of [first, ...replies.slice(1)].entries()) {
      t.session.type(reply);
      if (i < replies.length - 1) await t.session.waitFor(promptNumber(i + 2), `the prompt after reply ${i + 1}`);
    }
    const screen = await t.session.waitFor("Try again?", "the scorecard");
    t.session.type("n");
    await t.session.waitForFile(t.exitFile);
    // The pauses for a screen taller than 24 rows are lines of their own: the text around them reads on.
    const all = t.session.screen().replace(/^Press Enter [^\n]*\n/gm, "");

    expect(tooWide(all, 80)).toEqual([]);
    // "Your words" wraps between words: every word of the reply is whole on some line (the link aside).
    const words = all.slice(all.indexOf("Your words:") + "Your words:".length, all.indexOf("Tip:"));
    const flat = (text: string) =>
      text
        .replace(/\[!?|\]/g, "")
        .replace(/\s+/g, " ")
        .trim();
    const [before = "", after = ""] = first.split(link);
    expect(flat(words)).toContain(flat(before));
    expect(flat(words)).toContain(flat(after));
    for (const line of words.split("\n").slice(1)) if (line.trim() !== "") expect(line).toMatch(/^ {4}\S/);
    // The session id stays whole, with the command to show it.
    const [record] = readHistory(t.history).sessions;
    expect(record).toBeDefined();
    expect(all).toContain(`(coach history show ${record?.id})`);
    expect(screen).toContain("Scorecard: ");
    expect(record?.turns[0]?.reply).toBe(first);
  });

  it("a multi-line paste without a final newline is one reply, not two turns", { timeout: 120_000 }, async () => {
    const t = terminal(["play", "bike-shifter", "--mode", "assess"], { columns: 80, rows: 24 }, { NO_COLOR: "1" });
    await t.session.waitFor(promptNumber(1), "the first prompt");
    t.session.paste(
      "I'm sorry, three and a half weeks is far too long.\nI will call the producer at 8:30 tomorrow\nand ring you by 10 with their answer.",
    );
    // The paste waits at its last line; Enter sends all three lines as one reply.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(count(t.session.screen(), PROMPT)).toBe(1);
    t.session.keys("Enter");
    await t.session.waitFor(promptNumber(2), "the second prompt");
    t.session.keys("C-c");
    expect(await t.session.waitForFile(t.exitFile)).toBe("EXIT=130");
    const [record] = readHistory(t.history).sessions;
    expect(record?.turns.map((turn) => turn.reply)).toEqual([
      "I'm sorry, three and a half weeks is far too long.\nI will call the producer at 8:30 tomorrow\nand ring you by 10 with their answer.",
    ]);
  });
});

describe("a screen of 24 rows", () => {
  it("waits for Enter before the briefing or the feedback scrolls off, and reads each screen from its top", {
    timeout: 120_000,
  }, async () => {
    const t = terminal(["play", "bike-shifter"], { columns: 80, rows: 24 }, { NO_COLOR: "1" });
    t.session.autoContinue = false;
    const paused = (screen: string) => /Press Enter [^\n]*\.$/.test(screen.trimEnd());
    await t.session.waitFor(paused, "the first pause");
    // The title is still on the screen: the briefing waited rather than scroll it away.
    expect(t.session.escapes()).toContain("The shifter that went to the producer  ·  medium");
    expect(t.session.screen()).not.toContain(PROMPT);
    for (let pauses = 1; !t.session.screen().trimEnd().endsWith(PROMPT.trim()); pauses++) {
      expect(pauses).toBeLessThan(5);
      t.session.keys("Enter");
      await t.session.waitFor((s) => count(s, "Press Enter ") > pauses || s.trimEnd().endsWith(PROMPT.trim()), "the next screen");
    }
    expect(t.session.screen()).toContain("Sander: Three and a half weeks ago");
    // A reply whose feedback and the time skip after it are taller than what is left: the score waits on screen.
    const { replies } = modelRun("bike-shifter");
    t.session.type(replies[0] as string);
    await t.session.waitFor((s) => paused(s) || count(s, PROMPT) >= 2, "the feedback");
    const visibleNow = t.session.escapes();
    expect(visibleNow).toContain("Feedback ");
    expect(visibleNow).toContain("Ownership ");
    t.session.keys("C-c");
    expect(await t.session.waitForFile(t.exitFile)).toBe("EXIT=130");
  });

  it("never waits for piped replies, however tall the output", () => {
    const dir = tempDir();
    const { replies } = modelRun("bike-shifter");
    const result = runCli(["play", "bike-shifter", "--no-save"], {
      cwd: dir,
      input: `${replies.join("\n")}\n`,
      env: { LINES: "24", COLUMNS: "80" },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Scorecard: ");
    expect(result.stdout).not.toContain("Press Enter");
  });
});

describe("the width and colour a terminal asks for", () => {
  it("COLUMNS=20 wraps the prose at 20 columns", () => {
    const dir = tempDir();
    const result = runCli(["play", "bike-shifter", "--no-save"], { cwd: dir, input: "", env: { COLUMNS: "20" } });
    const prose = result.stdout.split("\n").filter((line) => /^ {2}[a-zA-Z]/.test(line));
    expect(prose.length).toBeGreaterThan(5);
    expect(prose.filter((line) => line.length > 20)).toEqual([]);
  });

  it("TERM=dumb gets no colour, even at a terminal", { timeout: 60_000 }, async () => {
    const t = terminal(["play", "bike-shifter"], { columns: 80, rows: 24 }, { TERM: "dumb" });
    await t.session.waitFor(promptNumber(1), "the first prompt");
    const plain = terminal(["play", "bike-shifter"], { columns: 80, rows: 24 });
    await plain.session.waitFor(promptNumber(1), "the first prompt");
    // capture-pane -e keeps the escapes: colour where TERM allows it, none under TERM=dumb.
    const colour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);
    expect(t.session.escapes()).not.toMatch(colour);
    expect(plain.session.escapes()).toMatch(colour);
  });
});
