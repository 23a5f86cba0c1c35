/**
 * The history under faults and at scale, each made for real: a full disk (a tmpfs mounted in a
 * private mount namespace; /dev/full where none can be mounted), a torn last line, ten imports at
 * once, a colliding id, 140,000 sessions, an export larger than the heap, and records edited by
 * hand into shapes no renderer expects.
 */
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SessionRecord } from "../../src/history/record.js";
import { readHistory, withHistoryLock } from "../../src/history/store.js";
import { binPath, repoRoot, runCli, tempDir } from "../helpers/cli.js";
import { inMountNamespace } from "../helpers/tmpfs.js";

const THREE = join(repoRoot, "test", "history", "fixtures", "three-and-partial.jsonl");
const sessions = (): SessionRecord[] => readHistory(THREE).sessions;
const ANSWER = "I'm sorry. I will call the producer tomorrow at 8:30 and call you by 10.\n";

function home() {
  const dir = tempDir("coach-reliable-");
  const history = join(dir, "history.jsonl");
  return { dir, history, env: { COACH_HISTORY: history, XDG_CACHE_HOME: join(dir, "cache"), HOME: dir } };
}

const clean = (stderr: string) => expect(stderr).not.toMatch(/internal error|\n\s+at |Maximum call stack/);

describe("a full disk", () => {
  it("fails the save plainly, leaves the history as it was, and the next save after space is freed works", { timeout: 120_000 }, () => {
    const { dir } = home();
    const disk = join(dir, "disk");
    const answers = join(dir, "answers.txt");
    writeFileSync(answers, ANSWER);
    const coach = `'${process.execPath}' '${binPath}'`;
    // 24 kB: the history (8 kB) and a filler (12 kB) leave room for the lock but not for a session.
    const script = `
      mkdir -p '${disk}' && mount -t tmpfs -o size=24k tmpfs '${disk}'
      export COACH_HISTORY='${disk}/history.jsonl' XDG_CACHE_HOME='${dir}/cache' NO_COLOR=1 HOME='${dir}'
      head -n 1 '${THREE}' > '${disk}/history.jsonl'
      cp '${disk}/history.jsonl' '${dir}/before.jsonl'
      head -c 12288 /dev/zero > '${disk}/filler'
      set +e
      ${coach} play bike-shifter --answers '${answers}' > /dev/null 2> '${dir}/full.err'; echo "full=$?"
      cmp -s '${disk}/history.jsonl' '${dir}/before.jsonl' && echo "unchanged=yes"
      rm '${disk}/filler'
      ${coach} play bike-shifter --answers '${answers}' > /dev/null 2> '${dir}/freed.err'; echo "freed=$?"
      ${coach} history > /dev/null 2> '${dir}/history.err'; echo "history=$?"
      grep -c . '${disk}/history.jsonl' | sed 's/^/lines=/'
    `;
    const run = inMountNamespace(script);
    if (run === undefined) {
      // No tmpfs to be had: the same write error, from /dev/full.
      const failed = runCli(["play", "bike-shifter", "--answers", answers], { env: { COACH_HISTORY: "/dev/full" } });
      clean(failed.stderr);
      expect(failed.stderr).toContain("coach: could not save the session to /dev/full: the disk is full");
      expect(failed.code).toBe(1);
      return;
    }
    expect(run.stderr).toBe("");
    const err = (name: string) => readFileSync(join(dir, `${name}.err`), "utf8");
    expect(run.stdout).toContain("full=1");
    expect(err("full")).toContain(`coach: could not save the session to ${disk}/history.jsonl: the disk is full`);
    clean(err("full"));
    expect(run.stdout).toContain("unchanged=yes");
    expect(run.stdout).toContain("freed=1");
    expect(err("freed")).not.toContain("could not save");
    expect(run.stdout).toContain("history=0");
    expect(err("history")).toBe("");
    expect(run.stdout).toContain("lines=2");
  });

  it("a torn last line left by a crash mid-write is moved aside by the next save, and warned about no more", () => {
    const { dir, history, env } = home();
    const [first, second] = sessions();
    writeFileSync(history, `${JSON.stringify(first)}\n${JSON.stringify(second).slice(0, 500)}`);
    expect(runCli(["history"], { env }).stderr).toContain(`${history}:2: skipped a damaged line`);
    const answers = join(dir, "answers.txt");
    writeFileSync(answers, ANSWER);
    const played = runCli(["play", "bike-shifter", "--answers", answers], { env });
    expect(played.stderr).toContain(`coach: note: ${history}: moved an unfinished last line (500 bytes)`);
    const later = runCli(["history"], { env });
    expect(later.stderr).toBe("");
    expect(readHistory(history).sessions).toHaveLength(2);
    expect(readFileSync(`${history}.torn`, "utf8")).toBe(`${JSON.stringify(second).slice(0, 500)}\n`);
  });
});

describe("the history at scale", () => {
  it("lists 140,000 sessions", { timeout: 120_000 }, () => {
    const { history, env } = home();
    const lines: string[] = [];
    for (let i = 0; i < 140_000; i++) {
      const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
      lines.push(
        JSON.stringify({
          version: 1,
          id: `s${i}`,
          scenario: "bike-shifter",
          rubric: "complaint-handling",
          mode: "practice",
          startedAt: at,
          endedAt: at,
          partial: false,
          turns: [],
          ledger: [],
          result: {
            scenario: "bike-shifter",
            rubric: "complaint-handling",
            mode: "practice",
            partial: false,
            turns: 1,
            score: 50,
            criteria: [],
            flags: [],
            changes: [],
            ledger: [],
            finalMood: 5,
          },
        }),
      );
    }
    writeFileSync(history, `${lines.join("\n")}\n`);
    const listed = runCli(["history"], { env });
    clean(listed.stderr);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("140000 sessions, newest first");
    expect(runCli(["progress"], { env }).code).toBe(0);
  });

  it("exports a history larger than the heap, one line at a time", { timeout: 180_000 }, () => {
    const { dir, history, env } = home();
    const base = readFileSync(THREE, "utf8").trimEnd().split("\n");
    // About 120 MB of history against a 48 MB heap: held whole, as a string or a buffer of lines, it cannot fit.
    const block = Array.from({ length: 200 }, (_, i) => (base[i % base.length] as string).replace(/"id":"([^"]+)"/, `"id":"$1-${i}"`)).join(
      "\n",
    );
    for (let i = 0; i < 130; i++) appendFileSync(history, `${block.replace(/-(\d+)"/g, `-$1-${i}"`)}\n`);
    const out = join(dir, "out.jsonl");
    const exported = runCli(["export", "--out", out], { env: { ...env, NODE_OPTIONS: "--max-old-space-size=48" } });
    clean(exported.stderr);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain("Exported 26000 sessions");
    expect(readFileSync(out).length).toBeGreaterThan(readFileSync(history).length * 0.99);
  });
});

describe("writers at once", () => {
  it("ten imports of one file at once write each session once", { timeout: 120_000 }, async () => {
    const { dir, history, env } = home();
    const file = join(dir, "in.jsonl");
    const [one] = sessions();
    writeFileSync(file, `${Array.from({ length: 300 }, (_, i) => JSON.stringify({ ...one, id: `import-${i}` })).join("\n")}\n`);
    const codes = await Promise.all(
      Array.from(
        { length: 10 },
        () =>
          new Promise<number | null>((resolve) => {
            const child = spawn(process.execPath, [binPath, "import", file], {
              env: { PATH: process.env.PATH ?? "", ...env },
              stdio: "ignore",
            });
            child.on("exit", resolve);
          }),
      ),
    );
    expect(codes).toEqual(Array(10).fill(0));
    const ids = readHistory(history).sessions.map((s) => s.id);
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
  });

  it("takes over a lock left by a process that died", () => {
    const { history } = home();
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(`${history}.lock`, `${dead.stdout}\n${hostname()}\n`);
    expect(withHistoryLock(history, () => "held", 2_000)).toBe("held");
    expect(existsSync(`${history}.lock`)).toBe(false);
  });

  it("keeps a different session whose id collides under an id of its own, once", () => {
    const { dir, history, env } = home();
    const [one] = sessions() as [SessionRecord];
    writeFileSync(history, `${JSON.stringify(one)}\n`);
    const other = { ...structuredClone(one), startedAt: "2026-02-01T10:00:00.000Z" };
    const file = join(dir, "other.jsonl");
    writeFileSync(file, `${JSON.stringify(other)}\n${JSON.stringify(one)}\n`);
    const first = runCli(["import", file], { env });
    expect(first.stdout).toContain("Imported 1 session");
    expect(first.stdout).toContain("1 already there, 1 under a new id");
    const again = runCli(["import", file], { env });
    expect(again.stdout).toContain("Imported 0 sessions");
    const saved = readHistory(history).sessions;
    expect(saved.map((s) => s.startedAt)).toEqual([one.startedAt, other.startedAt]);
    expect(saved[1]?.id).toMatch(new RegExp(`^${one.id}-[0-9a-f]{8}$`));
  });

  it("gives each played session an id of 48 random bits after the time and scenario", () => {
    const { dir, history, env } = home();
    const answers = join(dir, "answers.txt");
    writeFileSync(answers, ANSWER);
    for (let i = 0; i < 3; i++) runCli(["play", "bike-shifter", "--answers", answers], { env });
    const ids = readHistory(history).sessions.map((s) => s.id);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^\d{8}-\d{6}-bike-shifter-[0-9a-f]{12}$/);
  });
});

describe("records edited by hand", () => {
  const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
  const damaged: Array<[string, (r: SessionRecord) => string]> = [
    ["a null in result.changes", (r) => JSON.stringify({ ...r, result: { ...r.result, changes: [null] } })],
    ["a non-string ending", (r) => JSON.stringify({ ...r, result: { ...r.result, ending: { text: 1 } } })],
    ["a record nested 100,000 deep", (r) => JSON.stringify({ ...r, extra: 0 }).replace('"extra":0', `"extra":${deep}`)],
  ];

  it.each(damaged)("%s is skipped with a warning by every command, and the rest kept", (_what, edit) => {
    const { dir, history, env } = home();
    const [good, bad] = sessions() as [SessionRecord, SessionRecord];
    writeFileSync(history, `${JSON.stringify(good)}\n${edit(bad)}\n`);
    const warning = `${history}:2: skipped a session record that does not check: `;

    const shown = runCli(["history", "show", good.id], { env });
    expect(shown.code).toBe(0);
    expect(shown.stderr).toContain(warning);
    for (const args of [
      ["history", "show", bad.id],
      ["report", bad.id],
    ]) {
      const refused = runCli(args, { env });
      clean(refused.stderr);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(warning);
    }
    expect(runCli(["report", good.id], { env }).code).toBe(0);
    const exported = runCli(["export"], { env });
    clean(exported.stderr);
    expect(exported.code).toBe(0);
    expect(
      exported.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).id),
    ).toEqual([good.id]);
    for (const args of [["history"], ["progress"]]) expect(runCli(args, { env }).code).toBe(0);

    const other = home();
    const file = join(dir, "in.jsonl");
    copyFileSync(history, file);
    const imported = runCli(["import", file], { env: other.env });
    clean(imported.stderr);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toContain("Imported 1 session");
    expect(readHistory(other.history).sessions.map((s) => s.id)).toEqual([good.id]);
  });

  it("a saved session file that does not check is refused by report with what is wrong", () => {
    const { dir, env } = home();
    const [good] = sessions() as [SessionRecord];
    const file = join(dir, "session.json");
    writeFileSync(file, JSON.stringify({ ...good, result: { ...good.result, changes: [null] } }));
    const refused = runCli(["report", file], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("is not a saved session: result.changes.0: expected object, received null");
  });
});
