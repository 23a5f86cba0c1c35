/** The story so far: conditions on what was said, things offered and delivered, the ledger at a skip, endings, /retry. */
import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../../src/content/schema.js";
import { applyReply, retryLast, type SessionState, startSession, summarise } from "../../src/engine/session.js";
import { rubric, scenario } from "../helpers/content.js";

const NOW = new Date("2026-11-24T10:00:00Z");

/** A small scenario in the grown format, independent of the shipped content. */
const parcel: ScenarioSpec = {
  id: "story-parcel",
  title: "The lamp",
  difficulty: "easy",
  rubric: "complaint-handling",
  clock: "Monday 16:00",
  briefing: {
    role: "You answer the phone at a lighting shop.",
    situation: "Ana's lamp has been lost by the courier.",
    facts: ["You may send a replacement lamp today."],
  },
  customer: { name: "Ana Ruiz", persona: "Calm, but tired of waiting.", mood: "annoyed", wants: "Her lamp." },
  lexicon: { want: ["lamp"] },
  signals: {
    outcome: [
      {
        id: "replacement",
        gives: 2,
        match: "[send / post] (you) a (new/replacement) lamp",
        feedback: { hit: "A replacement is the lamp she wanted." },
      },
    ],
  },
  things: { lamp: { offered: ["replacement"] } },
  turns: [
    {
      id: "open",
      customer: "My lamp never came. Where is it?",
      model: "I'm sorry. I'll send you a replacement lamp today, and I'll ring you by 10 tomorrow to check it's on its way.",
      branches: [
        { if: { said: "replacement" }, mood: 2, next: "when" },
        { if: { flag: "blame" }, mood: -2, next: "again" },
        { next: "again" },
      ],
    },
    {
      id: "again",
      customer: [{ if: { said: "blame-third-party" }, text: "I don't care whose fault it is." }, { text: "So what now?" }],
      model: "I'll send you a replacement lamp today.",
      branches: [{ if: { not: { said: "replacement" } }, mood: -1, next: "when" }, { next: "when" }],
    },
    {
      id: "when",
      customer: [
        { if: { offered: "lamp" }, text: "A new one would be great. When?" },
        { if: { "said-before": "blame-third-party" }, text: "And no more about the courier, please. When?" },
        { text: "When will I have a lamp?" },
      ],
      model: "I'll post it tonight and ring you by 10 tomorrow.",
      branches: [{ next: "next-day" }],
    },
    {
      id: "next-day",
      skip: "The next day, 11:00",
      promises: { step: "kept", "call-back": "missed" },
      narration: [{ if: { delivered: "lamp" }, text: "The replacement went out last night." }, { text: "Nothing has been sent." }],
      customer: [
        { if: { delivered: "lamp", missed: "call-back" }, text: "The lamp's on its way, thanks. You said you'd {promise} {due}, though." },
        { if: { missed: "any" }, text: "You said you'd {promise} {due}." },
        { text: "It's Ana. Any news?" },
      ],
      model: "I'm sorry I didn't ring at 10. The lamp arrives today; I'll call you at 5 to check.",
      branches: [{ next: "end" }],
    },
  ],
  endings: [
    { if: { all: [{ delivered: "lamp" }, { visited: "again" }] }, text: "Ana has her lamp, after a wobble." },
    { if: { delivered: "lamp" }, text: "Ana has her lamp." },
    { mood: "calm", text: "Ana waits, calmer." },
    { text: "Ana hangs up." },
  ],
};

function play(replies: string[], scenario = parcel): SessionState {
  let state = startSession(scenario, rubric(), { mode: "practice", now: NOW });
  for (const reply of replies) state = applyReply(state, reply, scenario, rubric());
  return state;
}

describe("branches on what was said", () => {
  it("a named signal in this reply picks the branch", () => {
    const state = play(["I'm sorry. I'll send you a replacement lamp today."]);
    expect(state.turn).toBe("when");
    expect(state.line?.text).toBe("A new one would be great. When?");
  });

  it("a rule fired in the reply before picks the next line; one fired earlier still counts later", () => {
    const state = play(["The courier is responsible for the delay.", "Sorry."]);
    expect(state.exchanges[1]?.customer.text).toBe("I don't care whose fault it is.");
    expect(state.line?.text).toBe("And no more about the courier, please. When?");
  });

  it("`not` holds when its condition does not", () => {
    const state = play(["Hello.", "I'll look into it."]);
    expect(state.exchanges[1]?.moodAfter).toBe((state.exchanges[1]?.moodBefore ?? 0) - 1);
  });
});

describe("story state and the time skip", () => {
  const promised = ["I'm sorry. I'll send you a replacement lamp today.", "I'll post it tonight and ring you by 10 tomorrow."];

  it("an offer said as a commitment is promised; kept at the skip, it is delivered", () => {
    const before = play(promised.slice(0, 1));
    expect(before.things.lamp?.stage).toBe("promised");
    const after = play(promised);
    expect(after.things.lamp?.stage).toBe("delivered");
    expect(after.line?.narration).toBe("The replacement went out last night.");
  });

  it("an act later in the sentence that takes the thing as its object promises it", () => {
    const bike = scenario("bike-shifter");
    const reply = "Meanwhile I've a used shifter in the workshop I can fit now, free, so you can ride tonight.";
    const state = applyReply(startSession(bike, rubric(), { mode: "practice", now: NOW }), reply, bike, rubric());
    // Fitted "now", it is promised and, by the next turn, delivered: not merely offered.
    expect(["promised", "delivered"]).toContain(state.things["spare-shifter"]?.stage);
    const offerOnly = applyReply(
      startSession(bike, rubric(), { mode: "practice", now: NOW }),
      "We have a used shifter in the workshop. I'll call you at 10.",
      bike,
      rubric(),
    );
    expect(["promised", "delivered"]).not.toContain(offerOnly.things["spare-shifter"]?.stage);
  });

  it("the customer quotes the call-back that came due, not the first step", () => {
    const state = play(promised);
    expect(state.line?.text).toBe("The lamp's on its way, thanks. You said you'd ring me by 10 today, though.");
    const back = state.ledger.find((c) => c.kind === "call-back");
    expect(back).toMatchObject({ status: "missed", cameDue: "next-day", calledOut: true });
    expect(state.ledger.filter((c) => c.kind === "step").every((c) => c.status === "kept" && c.calledOut !== true)).toBe(true);
  });

  it("a promise whose time has not come stays open at the skip", () => {
    const state = play(["I'm sorry. I'll post you a replacement lamp on Friday.", "Thanks."]);
    expect(state.ledger[0]).toMatchObject({ status: "open" });
    expect(state.line?.text).toBe("It's Ana. Any news?");
  });

  it("each promise once, however often it is said again", () => {
    const state = play(["I'll ring you by 10 tomorrow.", "I'll ring you by 10 tomorrow.", "I'll ring you by 10 tomorrow."]);
    expect(state.ledger.filter((c) => c.kind === "call-back")).toHaveLength(1);
  });
});

describe("endings that react to the path and the last reply", () => {
  it("the first ending whose `if` holds, on the path taken", () => {
    const straight = play(["I'm sorry. I'll send you a replacement lamp today.", "I'll post it tonight.", "Sorry about the call."]);
    expect(straight.ending).toBe("Ana has her lamp.");
    const wobble = play(["Hello.", "I'll send you a replacement lamp today.", "I'll post it tonight.", "Sorry."]);
    expect(wobble.ending).toBe("Ana has her lamp, after a wobble.");
    expect(play(["Hello.", "Hello.", "Hello.", "Hello."]).ending).toBe("Ana hangs up.");
  });
});

describe("/retry", () => {
  it("goes back to the line before the last reply, and keeps both attempts", () => {
    let state = play(["The courier lost it, not us."]);
    expect(state.turn).toBe("again");
    const back = retryLast(state) as SessionState;
    expect(back.turn).toBe("open");
    expect(back.line?.text).toBe("My lamp never came. Where is it?");
    state = applyReply(back, "I'm sorry. I'll send you a replacement lamp today.", parcel, rubric());
    expect(state.turn).toBe("when");
    expect(state.exchanges).toHaveLength(1);
    expect(state.exchanges[0]?.attempts?.map((a) => a.reply)).toEqual(["The courier lost it, not us."]);
    // The earlier blame is no longer part of the story.
    expect(state.said).not.toContain("blame");
  });

  it("the scorecard counts the better attempt and shows the first", () => {
    const good = "I'm sorry. I'll send you a replacement lamp today, and ring you by 10 tomorrow.";
    const first = play([good]);
    const worse = applyReply(retryLast(first) as SessionState, "Hello.", parcel, rubric());
    const result = summarise(worse, parcel, rubric());
    expect(result.retries?.[0]).toMatchObject({ reply: 1, first: { reply: good }, counted: { reply: good }, attempts: 2 });
    expect(result.score).toBe(summarise(first, parcel, rubric()).score);
  });

  it("has nothing to retry before the first reply", () => {
    expect(retryLast(startSession(parcel, rubric(), { mode: "practice", now: NOW }))).toBeUndefined();
  });
});

describe("an honest scorecard", () => {
  it("quotes what set the session's level, and shows a cost as a cost", () => {
    const state = play(["The courier is responsible, not us.", "I'll send you a replacement lamp today, and ring you by 10 tomorrow."]);
    const ownership = summarise(state, parcel, rubric()).criteria.find((c) => c.id === "ownership");
    expect(ownership?.shown?.cost).toBe(false);
    expect(ownership?.shown?.title).not.toMatch(/^[a-z-]+$/);
    expect(ownership?.cost).toMatchObject({ cost: true, reply: 1, title: "Blame-shifting" });
  });
});
