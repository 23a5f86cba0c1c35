import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../../src/content/schema.js";
import { extractCommitments, promiseState, toCustomerVoice } from "../../src/engine/ledger.js";
import { modelFor } from "../../src/engine/score.js";
import { aDayLater, applyReply, customerLine, MOOD_SCALE, moodName, startSession, summarise } from "../../src/engine/session.js";
import { rubric, scenario } from "../helpers/content.js";

const NOW = new Date("2026-11-24T10:00:00Z");

describe("the commitments ledger", () => {
  const model = () => modelFor(rubric(), scenario("bike-shifter"));
  it.each([
    [
      "I'll call the producer at 9 tomorrow and phone you by 11.",
      [
        ["self", "call the producer", "at 9 tomorrow"],
        ["self", "phone you", "by 11"],
      ],
    ],
    ["I'm refunding it now.", [["self", "refund it", "now"]]],
    [
      "I'll issue the refund right now and give you my direct line.",
      [
        ["self", "issue the refund", "right now"],
        ["self", "give you my direct line", "right now"],
      ],
    ],
    ["We'll look into it.", [["team", "look into it", undefined]]],
    [
      "Let me check with our mechanic this afternoon and I'll text you the plan by tonight.",
      [
        ["self", "check with our mechanic", "this afternoon"],
        ["self", "text you the plan", "by tonight"],
      ],
    ],
    ["I won't call them today.", []],
    ["Could you call the bank?", []],
    ["You need to call the producer yourself.", []],
  ])("%j -> who, what, by when", (reply, expected) => {
    const got = extractCommitments(reply, "open", model()).map((c) => [c.who, c.what, c.due]);
    expect(got).toEqual(expected);
  });

  it("marks promises without a time, or with a vague one, as vague", () => {
    const [noTime] = extractCommitments("We'll look into it.", "open", model());
    const [someday] = extractCommitments("I'll call them at some point.", "open", model());
    const [dated] = extractCommitments("I'll call them first thing tomorrow.", "open", model());
    expect([noTime?.vague, someday?.vague, dated?.vague]).toEqual([true, true, false]);
  });

  it("sums up the promises for branch conditions", () => {
    const m = model();
    expect(promiseState([])).toBe("none");
    expect(promiseState(extractCommitments("We'll look into it.", "open", m))).toBe("vague");
    expect(promiseState(extractCommitments("I'll ring you by 5.", "open", m))).toBe("timed");
  });

  it("turns the trainee's words into the customer's", () => {
    expect(toCustomerVoice("phone you about your shifter")).toBe("phone me about my shifter");
    expect(toCustomerVoice("check with our mechanic")).toBe("check with your mechanic");
  });
});

/** A small scenario to test the machine on, independent of the shipped content. */
const mini: ScenarioSpec = {
  id: "mini",
  title: "Mini",
  difficulty: "easy",
  rubric: "complaint-handling",
  briefing: { role: "You work at a shop.", situation: "A part is late." },
  customer: { name: "Sam", persona: "Busy.", mood: "annoyed", wants: "the part" },
  turns: [
    {
      id: "open",
      customer: "My part is three weeks late.",
      model: "I'm sorry. I'll call the supplier at 9 tomorrow and ring you by 11.",
      branches: [
        { if: { flag: "blame" }, mood: -2, next: "angry" },
        { if: { promise: "timed" }, mood: 2, next: "next-day" },
        { if: { asked: true }, mood: 1, next: "next-day" },
        { next: "next-day" },
      ],
    },
    { id: "angry", customer: "So it's nobody's fault?", model: "It's ours to sort out.", branches: [{ next: "end" }] },
    {
      id: "next-day",
      skip: "The next day, 12:15",
      narration: "The supplier answered.",
      customer: { timed: "You said you'd {promise} {due}.", vague: "You said you'd {promise}. Nothing happened.", none: "Still nothing." },
      model: "As promised...",
      branches: [{ mood: 1, next: "end" }],
    },
  ],
  endings: [{ mood: "calm", text: "Thanks, that's sorted." }, { text: "Fine. Bye." }],
};

describe("a day later", () => {
  it.each([
    ["first thing tomorrow", "first thing today"],
    ["tomorrow morning", "this morning"],
    ["by 5 today", "by 5 yesterday"],
    ["tonight", "last night"],
    ["within the hour", "within the hour"],
  ])("%j becomes %j", (due, said) => {
    expect(aDayLater(due)).toBe(said);
  });
});

describe("the session state machine", () => {
  it.each([
    ["blame angers and takes the angry branch", "The supplier is responsible, not us.", "angry", -2],
    ["a dated promise calms", "I'll call the supplier at 9 tomorrow and ring you by 11.", "next-day", 2],
    ["a question about their needs opens up", "When do you need the part by?", "next-day", 1],
  ])("%s", (_name, reply, next, shift) => {
    const state = applyReply(startSession(mini, rubric(), { mode: "practice", now: NOW }), reply, mini, rubric());
    expect(state.turn).toBe(next);
    expect(state.mood).toBe(MOOD_SCALE.annoyed + shift);
    expect(state.exchanges).toHaveLength(1);
  });

  it("a time skip holds the trainee to a dated promise, in the customer's words", () => {
    const state = applyReply(
      startSession(mini, rubric(), { mode: "practice", now: NOW }),
      "I'll call the supplier at 9 tomorrow and ring you by 11.",
      mini,
      rubric(),
    );
    expect(state.line?.skip).toBe("The next day, 12:15");
    // "The next day": the customer says the promise's time as it is now.
    expect(state.line?.text).toBe("You said you'd call the supplier at 9 today.");
    expect(state.ledger.map((c) => c.status)).toEqual(["due", "due"]);
  });

  it("a vague promise is called out at the time skip, and in the scorecard", () => {
    let state = startSession(mini, rubric(), { mode: "practice", now: NOW });
    state = applyReply(state, "We'll look into it.", mini, rubric());
    expect(state.line?.text).toBe("You said you'd look into it. Nothing happened.");
    state = applyReply(state, "Sorry about that.", mini, rubric());
    const result = summarise(state, mini, rubric());
    expect(state.ended).toBe(true);
    expect(result.changes.some((c) => c.rule === "vague-promise")).toBe(true);
  });

  it("with no promise the customer says so", () => {
    const state = applyReply(startSession(mini, rubric(), { mode: "practice", now: NOW }), "Sorry.", mini, rubric());
    expect(customerLine(mini.turns[2] as ScenarioSpec["turns"][number], state.ledger).text).toBe("Still nothing.");
  });

  it("ends by mood, and a session cut short is partial", () => {
    let state = startSession(mini, rubric(), { mode: "assess", now: NOW });
    const partial = summarise(state, mini, rubric());
    expect(partial.partial).toBe(true);
    expect(partial.score).toBe(0);
    state = applyReply(state, "I'll call the supplier at 9 tomorrow and ring you by 11.", mini, rubric());
    state = applyReply(state, "I rang the supplier at 9: it ships today, and I'll call you when it lands.", mini, rubric());
    const done = summarise(state, mini, rubric());
    expect(done.partial).toBe(false);
    expect(state.ending).toBe("Thanks, that's sorted.");
    expect(moodName(state.mood)).toBe("calm");
    expect(done.weakest?.model.length).toBeGreaterThan(0);
    expect(done.changes.length).toBeLessThanOrEqual(3);
  });

  it("plays every shipped scenario to the end with its model answers", () => {
    for (const id of ["bike-shifter", "double-charge", "failed-download", "out-of-town-repair", "missed-bin"]) {
      const s = scenario(id);
      let state = startSession(s, rubric(), { mode: "practice", now: NOW });
      for (let i = 0; i < 12 && !state.ended; i++) {
        const turn = s.turns.find((t) => t.id === state.turn);
        state = applyReply(state, turn?.model ?? "", s, rubric());
      }
      expect(state.ended, id).toBe(true);
      expect(summarise(state, s, rubric()).score, id).toBeGreaterThanOrEqual(50);
    }
  });
});
