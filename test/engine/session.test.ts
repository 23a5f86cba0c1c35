import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../../src/content/schema.js";
import { addToLedger, extractCommitments, promiseState, toCustomerVoice } from "../../src/engine/ledger.js";
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
    // Only the trainee's own commitments: not another person's, not sarcasm, not what they imagine.
    ["Your son will have to sort it out with them.", []],
    ["He will get back to you when he can.", []],
    ["The manager will get back to you when he can.", []],
    ["Right, and I suppose I'll fly out to B.C. myself as well?", []],
    ["Oh sure, I'll just drive to B.C. then.", []],
    ["I would ring them if we weren't so busy.", []],
    ["You were told we'd call you back.", []],
    ["I'm ringing the depot now, ok if I call you by 12?", [["self", "ring the depot", "now"]]],
    // Whole times, said back in the words the scorer read.
    ["I'll let you know by tomorrow noon.", [["self", "let you know", "by tomorrow noon"]]],
    ["I'll call the depot this morning.", [["self", "call the depot", "this morning"]]],
    ["I'll ring you by 4pm.", [["self", "ring you", "by 4pm"]]],
    ["I'll ring you on Friday afternoon.", [["self", "ring you", "on Friday afternoon"]]],
    ["I'll call you back by 12:30 at the latest.", [["self", "call you back", "by 12:30 at the latest"]]],
    ["ill ring u 2moro", [["self", "ring you", "tomorrow"]]],
    ["Tomorrow at 8:30 I'll call the producer.", [["self", "call the producer", "tomorrow at 8:30"]]],
    // Event times.
    ["I'll call you the day your new shifter arrives.", [["self", "call you", "the day your new shifter arrives"]]],
    ["I'll call you back once I hear from the depot.", [["self", "call you back", "once I hear from the depot"]]],
    ["I'll call you as soon as I can.", [["self", "call you", undefined]]],
    // A call-back after a comma is still a promise.
    [
      "I'll call the depot now, and ring you in 20 minutes.",
      [
        ["self", "call the depot", "now"],
        ["self", "ring you", "in 20 minutes"],
      ],
    ],
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

  it("tells a call-back to the customer from a step on the case, and an event from a clock time", () => {
    const [chase, back] = extractCommitments("I'll call the producer at 8:30 tomorrow and call you by 10.", "open", model());
    expect([chase?.kind, back?.kind]).toEqual(["step", "call-back"]);
    const [event] = extractCommitments("I'll call you the day your new shifter arrives.", "open", model());
    expect([event?.event, event?.vague]).toEqual([true, false]);
  });

  it("keeps each promise once: said again, it updates the open one", () => {
    const m = model();
    const first = extractCommitments("I'll call you by 10.", "open", m);
    const again = extractCommitments("I'll ring you by 11.", "riding", m);
    const ledger = addToLedger(addToLedger([], first), again);
    expect(ledger.map((c) => [c.what, c.due])).toEqual([["ring you", "by 11"]]);
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
