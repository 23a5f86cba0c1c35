/** The session loop, driven from tables of scripted input: branches, mood, the ledger, time skips, commands. */
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/authoring/checked-catalog.js";
import { discoverContent } from "../../src/content/files.js";
import type { RubricSpec, ScenarioSpec } from "../../src/content/schema.js";
import { applyReply, type Mode, startSession } from "../../src/engine/session.js";
import { type InputEvent, type ReplyInput, scriptedInput } from "../../src/play/input.js";
import { commandOf, playSession } from "../../src/play/loop.js";
import { makeStyle } from "../../src/report/style.js";
import { repoRoot } from "../helpers/cli.js";

const catalog = loadCatalog(discoverContent({ content: ["test/play/fixtures/content"], cwd: repoRoot }));

function content(id: string): { scenario: ScenarioSpec; rubric: RubricSpec } {
  const scenario = catalog.scenarios.get(id)?.data;
  if (scenario === undefined) throw new Error(`no scenario ${id}: ${JSON.stringify(catalog.diagnostics.slice(0, 3))}`);
  const rubric = catalog.rubrics.get(scenario.rubric)?.data;
  if (rubric === undefined) throw new Error(`no rubric ${scenario.rubric}`);
  return { scenario, rubric };
}

async function play(id: string, replies: string[] | ReplyInput, mode: Mode = "practice") {
  const { scenario, rubric } = content(id);
  let screen = "";
  const input = Array.isArray(replies) ? scriptedInput(replies) : replies;
  const result = await playSession(scenario, rubric, {
    mode,
    input,
    write: (text) => {
      screen += text;
    },
    style: makeStyle(false),
    width: 88,
    now: () => new Date("2026-11-24T17:40:00Z"),
  });
  return { ...result, screen, turns: result.state.exchanges.map((e) => e.turn) };
}

const BLAME = "The producer is responsible for the delay, not us. We just send the parts.";
const TIMED =
  "Three and a half weeks without your bike is too long, and I'd be annoyed too. I'll call the producer at 8:30 tomorrow and call you by 10 with their answer. Meanwhile I can fit our spare shifter today so you can ride.";
const QUESTION = "How often do you normally ride? And what would be a satisfying solution for you?";

describe("branches and mood (bike-shifter)", () => {
  it.each([
    ["blame goes to the escalation and angers him", [BLAME], "only-door", "down"],
    ["a question about him opens him up", [QUESTION], "riding", "up"],
    ["a timed promise with the spare promised skips to the next day, riding on it", [TIMED], "on-the-spare", "up"],
  ] as const)("%s", async (_name, replies, next, direction) => {
    const { state, outcome, screen } = await play("bike-shifter", [...replies]);
    expect(outcome).toBe("eof");
    expect(state.turn).toBe(next);
    const exchange = state.exchanges[0];
    expect(exchange?.next).toBe(next);
    if (direction === "down") expect(state.mood).toBeLessThan(exchange?.moodBefore ?? 0);
    else expect(state.mood).toBeGreaterThan(exchange?.moodBefore ?? 10);
    expect(screen).toContain(direction === "down" ? "(angrier)" : "(calmer)");
  });

  it("plays the model answers to the end, turn by turn as the branches pick them", async () => {
    const { scenario, rubric } = content("bike-shifter");
    let state = startSession(scenario, rubric, { mode: "practice", now: new Date(0) });
    const replies: string[] = [];
    while (!state.ended && replies.length < 20) {
      const model = scenario.turns.find((t) => t.id === state.turn)?.model ?? "";
      replies.push(model);
      state = applyReply(state, model, scenario, rubric);
    }
    const played = await play("bike-shifter", replies);
    expect(played.outcome).toBe("finished");
    expect(played.state.ended).toBe(true);
    expect(played.turns).toEqual(state.exchanges.map((e) => e.turn));
    expect(played.state.mood).toBeGreaterThan(played.state.exchanges[0]?.moodBefore ?? 10);
  });
});

describe("the ledger and the time skip (parcel-promise)", () => {
  it.each([
    [
      "a timed promise is quoted back with its time",
      "I will call the courier at 8 tomorrow.",
      "timed",
      ["Promise noted: call the courier (at 8 tomorrow).", "The customer will hold you to your promise: call the courier (at 8 tomorrow)."],
      // The next day, "tomorrow" is today.
      "Ana: It's Ana. You said you'd call the courier at 8 today. What did they say?",
    ],
    [
      "a vague promise is called out",
      "We will look into it.",
      "vague",
      ["Promise noted, with no clear time: look into it. Say by when.", 'Your promise "We will look into it" had no time'],
      "Ana: It's Ana. You said you'd look into it. Nobody called me.",
    ],
    ["no promise, no quote", "That is the courier, not us.", "none", [], "Ana: It's Ana. Nobody told me anything. Is there any news?"],
  ] as const)("%s", async (_name, reply, status, feedback, line) => {
    const { state, screen } = await play("parcel-promise", [reply]);
    expect(state.turn).toBe("later");
    expect(state.line?.skip).toBe("The next day, 11:00");
    expect(screen).toContain("— The next day, 11:00 —\nThe courier found the lamp in a depot.");
    expect(screen).toContain(line);
    // Feedback lines wrap at the screen width: compare with the line breaks taken out.
    for (const text of feedback) expect(screen.replace(/\s+/g, " ")).toContain(text);
    if (status === "none") expect(state.ledger).toEqual([]);
    else expect(state.ledger.map((c) => [c.status, c.vague])).toEqual([["due", status === "vague"]]);
  });

  it("says nothing about promises in assessment mode, but the customer still holds you to them", async () => {
    const { screen, state } = await play("parcel-promise", ["We will look into it.", "It arrives on Friday."], "assess");
    expect(screen).not.toContain("Feedback");
    expect(screen).not.toContain("Promise noted");
    expect(screen).toContain("You said you'd look into it. Nobody called me.");
    expect(state.ended).toBe(true);
  });

  it("shows feedback after every reply in practice mode: bars, the marked reply, one tip", async () => {
    const { screen } = await play("parcel-promise", ["I'm sorry. I will call the courier at 8 tomorrow."]);
    expect(screen).toMatch(/Feedback {2}\d+\/100\n {2}Ownership +[█░]{3} \d\/3/);
    expect(screen).toContain("Your words: I'm [sorry].");
    expect(screen).toMatch(/\n {2}Tip: \S/);
  });
});

describe("commands and endings", () => {
  it("/hint shows the turn's hint and the next step for the weakest criterion, without using a turn", async () => {
    const { screen, state } = await play("parcel-promise", ["/hint"]);
    expect(screen).toContain("Hint\n  Say what you will do yourself, and by when.");
    expect(screen).toMatch(/Hint\n.*\n {2}[A-Z][a-z ]+: \S/);
    expect(state.exchanges).toHaveLength(0);
    expect(state.turn).toBe("open");
  });

  it("/quit leaves with what was said: a partial session", async () => {
    const { outcome, state, screen } = await play("parcel-promise", ["I will call the courier at 8 tomorrow.", "/quit", "never read"]);
    expect(outcome).toBe("quit");
    expect(state.ended).toBe(false);
    expect(state.exchanges).toHaveLength(1);
    expect(screen).not.toContain("never read");
  });

  it("ends at the end of input", async () => {
    const { outcome, state } = await play("parcel-promise", []);
    expect(outcome).toBe("eof");
    expect(state.exchanges).toHaveLength(0);
  });

  it("ends on an interrupt with its exit code", async () => {
    const events: InputEvent[] = [
      { kind: "reply", text: "I will call the courier at 8 tomorrow." },
      { kind: "interrupt", code: 130 },
    ];
    const input: ReplyInput = { echoes: true, read: async () => events.shift() ?? { kind: "eof" }, leftover: () => 0, close: () => {} };
    const { outcome, exitCode, state, screen } = await play("parcel-promise", input);
    expect(outcome).toBe("interrupted");
    expect(exitCode).toBe(130);
    expect(state.exchanges).toHaveLength(1);
    // The terminal shows what was typed; the loop does not echo it again.
    expect(screen).not.toContain("You › I will call");
  });

  it("answers an unknown command with the help, without using a turn", async () => {
    const { screen, state } = await play("parcel-promise", ["/hlep"]);
    expect(screen).toContain("Unknown command /hlep.");
    expect(screen).toContain("/hint, /retry, /briefing, /quit, /help");
    expect(state.exchanges).toHaveLength(0);
  });

  it("/retry: the customer says the line again, and both attempts stay in the record", async () => {
    const { screen, state } = await play("bike-shifter", [BLAME, "/retry", TIMED]);
    expect(screen).toContain("Trying again");
    // The opening line twice: once at the start, once again after /retry.
    expect(screen.split("What is going on?").length - 1).toBe(2);
    expect(state.exchanges).toHaveLength(1);
    expect(state.turn).toBe("on-the-spare");
    expect(state.exchanges[0]?.attempts?.map((a) => a.reply)).toEqual([BLAME]);
  });

  it("/retry with nothing to retry, or in an assessment, says why and uses no turn", async () => {
    expect((await play("bike-shifter", ["/retry"])).screen).toContain("There is no reply to try again yet.");
    const assessed = await play("bike-shifter", [BLAME, "/retry"], "assess");
    expect(assessed.screen).toContain("/retry is for practice mode");
    expect(assessed.state.exchanges).toHaveLength(1);
  });

  it("/briefing shows the briefing again", async () => {
    const { screen, state } = await play("bike-shifter", ["/briefing"]);
    expect(screen.split("What has happened:").length - 1).toBe(2);
    expect(state.exchanges).toHaveLength(0);
  });

  it.each([
    ["/hint", "/hint"],
    ["  /QUIT ", "/quit"],
    ["/hint me", undefined],
    ["I'll call at 9 / 10", undefined],
    ["//", undefined],
  ])("%j is command %j", (reply, command) => {
    expect(commandOf(reply)).toBe(command);
  });
});

describe("the pager at a small terminal", () => {
  it("never pauses inside a customer's line that fits on a screen of its own", async () => {
    const { scenario, rubric } = content("bike-shifter");
    let screen = "";
    const base = scriptedInput([TIMED, TIMED, TIMED, TIMED, TIMED, TIMED]);
    const input: ReplyInput = {
      ...base,
      pause: async () => {
        screen += "<PAUSE>\n";
        return undefined;
      },
    };
    await playSession(scenario, rubric, {
      mode: "practice",
      input,
      write: (text) => {
        screen += text;
      },
      style: makeStyle(false),
      width: 60,
      rows: 12,
      now: () => new Date("2026-11-24T17:40:00Z"),
    });
    expect(screen).toContain("<PAUSE>");
    // A customer's line is "Name:" and its indented continuation lines: no pause comes between them.
    const name = scenario.customer.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    expect(screen).not.toMatch(new RegExp(`${name}:[^\\n]*(\\n {2}\\S[^\\n]*)*\\n<PAUSE>\\n {2}\\S`));
  });
});
