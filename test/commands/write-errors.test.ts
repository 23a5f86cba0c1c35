/**
 * Output that cannot be written: standard output on /dev/full (every write fails with ENOSPC), in
 * every command. One plain line on standard error, exit 2, never a stack trace, and `coach play`
 * still saves the session.
 */
import { spawnSync } from "node:child_process";
import { closeSync, copyFileSync, existsSync, lstatSync, openSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readHistory } from "../../src/history/store.js";
import { binPath, repoRoot, tempDir } from "../helpers/cli.js";

const THREE = join(repoRoot, "test", "history", "fixtures", "three-and-partial.jsonl");
const SESSION = "20260102-090000-bike-shifter-0001";

function toDevFull(args: string[], dir: string) {
  const history = join(dir, "history.jsonl");
  if (!existsSync(history)) copyFileSync(THREE, history);
  const full = openSync("/dev/full", "w");
  try {
    const result = spawnSync(process.execPath, [binPath, ...args], {
      cwd: repoRoot,
      encoding: "utf8",
      stdio: ["pipe", full, "pipe"],
      input: "",
      env: { PATH: process.env.PATH ?? "", HOME: dir, NO_COLOR: "1", COACH_HISTORY: history, XDG_CACHE_HOME: join(dir, "cache") },
    });
    return { code: result.status, stderr: result.stderr, history };
  } finally {
    closeSync(full);
  }
}

describe("standard output on a full device", () => {
  it.each([
    [["list"]],
    [["--version"]],
    [["--help"]],
    [["score", "--scenario", "bike-shifter", "--reply", "I'll call you by 5."]],
    [["score", "--replies", "REPLIES", "--json"]],
    [["validate"]],
    [["test"]],
    [["history"]],
    [["history", "show", SESSION]],
    [["progress"]],
    [["report", SESSION]],
    [["export"]],
    [["import", "IMPORT"]],
    [["new", "scenario", "--yes", "--id", "full-disk", "--out", "NEW"]],
  ])("%j: a plain message and exit 2", (args) => {
    const dir = tempDir("coach-full-");
    const replies = join(dir, "replies.jsonl");
    writeFileSync(replies, `${JSON.stringify({ scenario: "bike-shifter", reply: "I'll call you by 5." })}\n`.repeat(300));
    const incoming = join(dir, "incoming.jsonl");
    writeFileSync(incoming, `${JSON.stringify({ ...readHistory(THREE).sessions[0], id: "another-one" })}\n`);
    const named = args.map((a) => (a === "REPLIES" ? replies : a === "IMPORT" ? incoming : a === "NEW" ? join(dir, "new.yaml") : a));
    const result = toDevFull(named, dir);
    expect(result.stderr).not.toMatch(/\n\s+at |internal error|Error:/);
    expect(result.stderr).toContain("coach: cannot write the output: the disk is full\n");
    expect(result.code).toBe(2);
  });

  it("still saves the session of `coach play`", () => {
    const dir = tempDir("coach-full-play-");
    const answers = join(dir, "answers.txt");
    writeFileSync(answers, "I'm sorry. I will call the producer tomorrow at 8:30 and call you by 10.\n");
    const result = toDevFull(["play", "bike-shifter", "--answers", answers], dir);
    expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(result.stderr).toContain("coach: cannot write the output: the disk is full\n");
    expect(result.code).toBe(1);
    const sessions = readHistory(result.history).sessions;
    expect(sessions.at(-1)).toMatchObject({ scenario: "bike-shifter", partial: true });
    expect(sessions).toHaveLength(readHistory(THREE).sessions.length + 1);
  });
});

describe("writing to a file that is not a plain file", () => {
  it.each([[["export", "--out", "/dev/full", "--force"]], [["report", SESSION, "--md", "/dev/full", "--force"]]])(
    "%j says the disk is full and leaves /dev/full the device it was",
    (args) => {
      const dir = tempDir("coach-devfull-");
      const history = join(dir, "history.jsonl");
      copyFileSync(THREE, history);
      const run = spawnSync(process.execPath, [binPath, ...args], {
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", HOME: dir, NO_COLOR: "1", COACH_HISTORY: history, XDG_CACHE_HOME: join(dir, "cache") },
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("the disk is full");
      expect(statSync("/dev/full").isCharacterDevice()).toBe(true);
    },
  );

  it("follows a symbolic link with --force: the file it points at is replaced, the link stays", () => {
    const dir = tempDir("coach-link-");
    const history = join(dir, "history.jsonl");
    copyFileSync(THREE, history);
    const real = join(dir, "real.jsonl");
    writeFileSync(real, "old\n");
    const link = join(dir, "link.jsonl");
    symlinkSync(real, link);
    const run = spawnSync(process.execPath, [binPath, "export", "--out", link, "--force"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", HOME: dir, COACH_HISTORY: history },
    });
    expect(run.status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8").trimEnd().split("\n")).toHaveLength(4);
  });
});
