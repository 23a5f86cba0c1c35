import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { SessionRecord } from "../../src/history/record.js";
import { openSessions } from "../../src/history/sessions.js";
import { appendSessions, readHistory } from "../../src/history/store.js";
import { tempDir } from "../helpers/cli.js";
import { threeAndPartial, writeJsonl } from "./sessions-fixture.js";

const records = threeAndPartial();
const [first, second, third, fourth] = records as [SessionRecord, SessionRecord, SessionRecord, SessionRecord];

/** A history damaged in the three ways a file is damaged by hand or by a crash. */
function damaged(path: string): void {
  writeJsonl(path, [first]);
  appendFileSync(path, "this is not json {\n");
  appendFileSync(path, `${JSON.stringify({ note: "a JSON line that is not a session" })}\n`);
  writeJsonl(path, [second, third]);
  // A crash mid-write: the last line is torn.
  appendFileSync(path, JSON.stringify(fourth).slice(0, 300));
}

describe("a damaged history", () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = tempDir("coach-sessions-");
    path = join(dir, "history.jsonl");
    damaged(path);
  });

  it.each([
    ["without a cache", false],
    ["with a cache", true],
  ])("is read %s with a warning per damaged line and every intact session kept", (_name, cache) => {
    const options = cache ? { cacheDir: join(dir, "cache"), cacheMinBytes: 0 } : {};
    for (let run = 0; run < 2; run++) {
      const index = openSessions(path, options);
      expect(index.summaries.map((s) => s.id)).toEqual([first.id, second.id, third.id]);
      expect(index.warnings).toEqual([
        `${path}:2: skipped a damaged line (not valid JSON)`,
        `${path}:3: skipped a line that is not a session record`,
        `${path}:6: skipped a damaged line (not valid JSON)`,
      ]);
      for (const s of index.summaries) expect(index.load(s)).toEqual(records.find((r) => r.id === s.id));
    }
  });

  it("reads the same sessions and warnings as the store's own reader", () => {
    const index = openSessions(path);
    const store = readHistory(path);
    expect(index.summaries.map((s) => s.id)).toEqual(store.sessions.map((s) => s.id));
    expect(index.warnings).toEqual(store.warnings);
  });

  it("is never changed by reading it", () => {
    const before = readFileSync(path);
    openSessions(path, { cacheDir: join(dir, "cache"), cacheMinBytes: 0 });
    openSessions(path, { cacheDir: join(dir, "cache"), cacheMinBytes: 0 });
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("moves the torn last line aside on the next append, so it is warned about no more and its bytes are kept", () => {
    const cacheDir = join(dir, "cache");
    openSessions(path, { cacheDir, cacheMinBytes: 0 });
    const { repaired } = appendSessions(path, [fourth]);
    expect(repaired).toContain(`to ${path}.torn`);
    expect(readFileSync(`${path}.torn`, "utf8")).toBe(`${JSON.stringify(fourth).slice(0, 300)}\n`);
    const index = openSessions(path, { cacheDir, cacheMinBytes: 0 });
    expect(index.summaries.map((s) => s.id)).toEqual([first.id, second.id, third.id, fourth.id]);
    expect(index.warnings).toHaveLength(2);
    expect(index.load(index.summaries[3] as never)).toEqual(fourth);
  });

  it("gives a last line that is a whole session, only without its newline, the newline", () => {
    const whole = join(dir, "whole.jsonl");
    writeFileSync(whole, JSON.stringify(first));
    expect(appendSessions(whole, [second])).toEqual({});
    expect(readHistory(whole).sessions.map((s) => s.id)).toEqual([first.id, second.id]);
    expect(existsSync(`${whole}.torn`)).toBe(false);
  });
});

describe("the summary cache", () => {
  let dir: string;
  let path: string;
  let cacheDir: string;
  beforeEach(() => {
    dir = tempDir("coach-cache-");
    path = join(dir, "history.jsonl");
    cacheDir = join(dir, "cache");
    writeJsonl(path, [first, second]);
  });

  const ids = () => openSessions(path, { cacheDir, cacheMinBytes: 0 }).summaries.map((s) => s.id);

  it("is written on the first read and gives the same summaries as a full read", () => {
    const full = openSessions(path).summaries;
    expect(openSessions(path, { cacheDir, cacheMinBytes: 0 }).summaries).toEqual(full);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(openSessions(path, { cacheDir, cacheMinBytes: 0 }).summaries).toEqual(full);
  });

  it("picks up sessions appended since", () => {
    expect(ids()).toEqual([first.id, second.id]);
    appendSessions(path, [third, fourth]);
    expect(ids()).toEqual([first.id, second.id, third.id, fourth.id]);
    expect(openSessions(path, { cacheDir, cacheMinBytes: 0 }).summaries).toEqual(openSessions(path).summaries);
  });

  it("notices a hand edit that changes the file's length, and reads it again", () => {
    expect(ids()).toEqual([first.id, second.id]);
    const lines = readFileSync(path, "utf8").split("\n");
    writeFileSync(path, `${[JSON.stringify({ ...first, scenarioTitle: "Edited by hand, and longer" }), lines[1], ""].join("\n")}`);
    const index = openSessions(path, { cacheDir, cacheMinBytes: 0 });
    expect(index.summaries[0]?.scenarioTitle).toBe("Edited by hand, and longer");
    expect(index.load(index.summaries[1] as never)?.id).toBe(second.id);
  });

  it("notices a shorter file", () => {
    expect(ids()).toEqual([first.id, second.id]);
    writeJsonl(join(dir, "other.jsonl"), [third]);
    writeFileSync(path, readFileSync(join(dir, "other.jsonl")));
    expect(ids()).toEqual([third.id]);
  });

  it("reads the file again when a line moved under a cache that looked valid", () => {
    openSessions(path, { cacheDir, cacheMinBytes: 0 });
    // Swap the two lines (same size) and make the cache believe the file is the one it read: the
    // offsets it holds now point at the other session, or into the middle of a line.
    const [a, b] = readFileSync(path, "utf8").split("\n");
    writeFileSync(path, `${b}\n${a}\n`);
    const [name] = readdirSync(cacheDir);
    const cacheFile = join(cacheDir, name as string);
    const stat = statSync(path);
    writeFileSync(
      cacheFile,
      JSON.stringify({ ...JSON.parse(readFileSync(cacheFile, "utf8")), mtimeMs: stat.mtimeMs, ino: stat.ino, size: stat.size }),
    );
    const index = openSessions(path, { cacheDir, cacheMinBytes: 0 });
    expect(index.load(index.summaries[1] as never)?.id).toBe(second.id);
    expect(index.load(index.summaries[0] as never)?.id).toBe(first.id);
    // The cache is dropped, so the next run reads the file in full.
    expect(readdirSync(cacheDir)).toEqual([]);
    expect(ids()).toEqual([second.id, first.id]);
  });

  it("is not kept for a short history", () => {
    openSessions(path, { cacheDir });
    expect(existsSync(cacheDir)).toBe(false);
  });

  it("ignores a damaged cache file", () => {
    expect(ids()).toEqual([first.id, second.id]);
    const [file] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, file as string), "{ not json");
    expect(ids()).toEqual([first.id, second.id]);
  });

  it("costs nothing when it cannot be written", () => {
    writeFileSync(join(dir, "a-file"), "");
    expect(openSessions(path, { cacheDir: join(dir, "a-file", "cache"), cacheMinBytes: 0 }).summaries.map((s) => s.id)).toEqual([
      first.id,
      second.id,
    ]);
  });
});

describe("openSessions", () => {
  it("gives an empty history for a missing file", () => {
    expect(openSessions(join(tempDir(), "none.jsonl"))).toMatchObject({ summaries: [], warnings: [] });
  });
  it("refuses a folder", () => {
    expect(() => openSessions(tempDir())).toThrow(/is a folder/);
  });
});
