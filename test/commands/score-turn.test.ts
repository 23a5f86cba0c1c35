/**
 * `coach score` hands the turn to the engine: a batch line's `turn` and `--reply` with `--turn` are
 * scored by scoreReply at that turn (the engine is spied on, since today's rules do not depend on
 * it); an unknown turn is an error object in place, naming the known turns, and the batch goes on.
 */
import { describe, expect, it, vi } from "vitest";
import { runScore } from "../../src/commands/score.js";
import * as engine from "../../src/engine/score.js";
import { memoryIo } from "../helpers/io.js";

vi.mock("../../src/engine/score.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/engine/score.js")>();
  return { ...real, scoreReply: vi.fn(real.scoreReply) };
});

const scoreReply = vi.mocked(engine.scoreReply);
const turnsAsked = () => scoreReply.mock.calls.map((call) => call[2]);

const lines = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown> & { error?: { code: string; message: string } });

describe("coach score --replies with turns", () => {
  it("scores each line at its turn and echoes the turn", async () => {
    scoreReply.mockClear();
    const input = [
      { id: 1, scenario: "bike-shifter", reply: "I'll call the producer at 8:30 tomorrow." },
      { id: 2, scenario: "bike-shifter", turn: "next-day", reply: "I rang them: a new shifter comes in 10 days." },
      { id: 3, scenario: "missed-bin", turn: "open", reply: "Sorry, I'll send a crew today." },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const { io, stdout } = memoryIo({ input });
    expect(await runScore({ replies: "-", json: true }, io)).toBe(0);
    expect(turnsAsked()).toEqual([undefined, "next-day", "open"]);
    const out = lines(stdout());
    expect(out.map((l) => [l.id, l.turn])).toEqual([
      [1, undefined],
      [2, "next-day"],
      [3, "open"],
    ]);
  });

  it("makes an unknown turn an error object naming the known turns, and goes on (exit 2)", async () => {
    scoreReply.mockClear();
    const input = [
      { id: "a", scenario: "bike-shifter", turn: "tomorow", reply: "I'll call at 9." },
      { id: "b", scenario: "bike-shifter", turn: 3, reply: "I'll call at 9." },
      { id: "c", scenario: "bike-shifter", turn: "next-day", reply: "I'll call at 9." },
    ]
      .map((l) => JSON.stringify(l))
      .join("\n");
    const { io, stdout, stderr } = memoryIo({ input });
    expect(await runScore({ replies: "-", json: true }, io)).toBe(2);
    const [a, b, c] = lines(stdout());
    expect(a?.error?.code).toBe("unknown-turn");
    expect(a?.error?.message).toBe(
      "-:1: scenario `bike-shifter` has no turn `tomorow` (turns: open, only-door, heard-that, riding, what-now, next-day, on-the-spare, who-calls, ten-days)",
    );
    expect(a?.id).toBe("a");
    expect(a?.turn).toBe("tomorow");
    expect(b?.error?.code).toBe("unknown-turn");
    expect(c?.score).toEqual(expect.any(Number));
    expect(turnsAsked()).toEqual(["next-day"]);
    expect(stderr()).toContain("2 lines of - could not be scored");
  });

  it("shows the turn in the text form", async () => {
    const input = JSON.stringify({ scenario: "bike-shifter", turn: "next-day", reply: "I'll call you at 5." });
    const { io, stdout } = memoryIo({ input });
    expect(await runScore({ replies: "-" }, io)).toBe(0);
    expect(stdout()).toContain("bike-shifter@next-day");
  });
});

describe("coach score --reply --turn", () => {
  it("scores the reply at that turn", async () => {
    scoreReply.mockClear();
    const { io, stdout } = memoryIo();
    expect(await runScore({ scenario: "bike-shifter", reply: "I'll fit the spare today.", turn: "ten-days", json: true }, io)).toBe(0);
    expect(turnsAsked()).toEqual(["ten-days"]);
    expect(JSON.parse(stdout()).turn).toBe("ten-days");
  });

  it("refuses an unknown turn, naming the known ones", async () => {
    const { io } = memoryIo();
    await expect(runScore({ scenario: "bike-shifter", reply: "hi", turn: "later" }, io)).rejects.toMatchObject({
      exitCode: 2,
      hint: "turns: open, only-door, heard-that, riding, what-now, next-day, on-the-spare, who-calls, ten-days",
    });
  });
});
