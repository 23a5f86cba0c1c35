/**
 * `coach score --replies`: one result per line, in order, streamed as each line is scored; a line
 * that cannot be scored, even for a reason inside the engine, becomes an error object in its place
 * and the batch goes on with nothing lost.
 */
import { PassThrough } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import type { Io } from "../../src/cli/io.js";
import { runCli } from "../helpers/cli.js";
import { startCli } from "../helpers/spawn.js";

vi.mock(import("../../src/engine/score.js"), async (original) => {
  const engine = await original();
  return {
    ...engine,
    // A fault injected into the engine: this one reply throws, as a bug would.
    scoreReply: (reply, scenario, turn, rubric) => {
      if (reply === "make the engine throw") throw new TypeError("Cannot read properties of undefined (reading 'start')");
      return engine.scoreReply(reply, scenario, turn, rubric);
    },
  };
});

const { runScore } = await import("../../src/commands/score.js");

const line = (fields: Record<string, unknown>) => `${JSON.stringify(fields)}\n`;

function memoryIo(input: string): { io: Io; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const stdin = new PassThrough();
  stdin.end(input);
  const io: Io = {
    stdout: {
      write: (text: string) => {
        out += text;
        return true;
      },
    },
    stderr: {
      write: (text: string) => {
        err += text;
        return true;
      },
    },
    stdin,
    env: {},
    cwd: process.cwd(),
    now: () => new Date("2026-01-01T00:00:00Z"),
    color: false,
  };
  return { io, out: () => out, err: () => err };
}

describe("coach score --replies", () => {
  it("turns a failure inside the engine on one line into that line's error object, keeping every other result", async () => {
    const lines = [
      line({ id: 1, scenario: "bike-shifter", reply: "I'll call you by 5." }),
      line({ id: 2, scenario: "bike-shifter", reply: "make the engine throw" }),
      line({ id: 3, scenario: "missed-bin", reply: "Sorry, I'll have it collected today by 4." }),
    ];
    // More lines than any buffer: the first result must not wait for them.
    for (let i = 4; i <= 600; i++) lines.push(line({ id: i, scenario: "bike-shifter", reply: "I'll call you by 5." }));
    const t = memoryIo(lines.join(""));
    const code = await runScore({ replies: "-", json: true }, t.io);
    const results = t
      .out()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(results).toHaveLength(600);
    expect(results.map((r) => r.id)).toEqual(Array.from({ length: 600 }, (_, i) => (i === 1 ? undefined : i + 1)));
    expect(results[0]).toMatchObject({ id: 1, scenario: "bike-shifter", score: expect.any(Number) });
    expect(results[1]).toMatchObject({
      line: 2,
      error: { code: "internal-error", message: expect.stringContaining("-:2: could not be scored") },
    });
    expect(results[2]).toMatchObject({ id: 3, scenario: "missed-bin" });
    expect(code).toBe(2);
    expect(t.err()).toContain("1 line of - could not be scored");
  });

  it("gives an unknown turn an error object in place, and scores a known one at that turn", async () => {
    const t = memoryIo(
      line({ scenario: "bike-shifter", reply: "I'll call you by 5.", turn: "no-such-turn" }) +
        line({ scenario: "bike-shifter", reply: "I'll call you by 5.", turn: "only-door" }),
    );
    await runScore({ replies: "-", json: true }, t.io);
    const [unknown, known] = t
      .out()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(unknown).toMatchObject({ line: 1, turn: "no-such-turn", error: { code: "unknown-turn" } });
    expect(known).toMatchObject({ scenario: "bike-shifter", turn: "only-door", score: expect.any(Number) });
  });
});

describe("coach score --replies from a pipe", () => {
  it("writes each result as soon as its line is scored, before the next line arrives", { timeout: 60_000 }, async () => {
    const score = startCli(["score", "--replies", "-", "--json"]);
    score.child.stdin?.write(line({ n: 1, scenario: "bike-shifter", reply: "I'll call you by 5." }));
    await score.waitFor(/"n":1.*\n/, "the result of the first line", 20_000);
    score.child.stdin?.write(line({ n: 2, scenario: "bike-shifter", reply: "Works here." }));
    await score.waitFor(/"n":2.*\n/, "the result of the second line", 20_000);
    score.child.stdin?.end();
    expect((await score.exited).code).toBe(0);
  });

  it("keeps the results in input order in the text form too", () => {
    const input = [1, 2, 3].map((n) => line({ scenario: "bike-shifter", reply: `Reply ${n}: I'll call you by ${n + 4}.` })).join("");
    const run = runCli(["score", "--replies", "-"], { input });
    expect(
      run.stdout
        .split("\n")
        .filter(Boolean)
        .map((l) => l.trim().split(/\s+/)[0]),
    ).toEqual(["1", "2", "3"]);
  });
});
