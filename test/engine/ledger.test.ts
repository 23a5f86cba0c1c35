import { describe, expect, it } from "vitest";
import { afterSkip, dueTime, saidWhen, startClock, timeOfDay } from "../../src/engine/clock.js";
import { addToLedger, type Commitment, extractCommitments, keptByReport, samePromise } from "../../src/engine/ledger.js";
import { modelFor } from "../../src/engine/score.js";
import { rubric, scenario } from "../helpers/content.js";

// Regression tests for what the play-throughs found in the promise ledger: times not read, promise
// text cut short, words that are no promise of the trainee's, work done listed as still open, and
// the same promise twice.
const model = (id = "out-of-town-repair") => modelFor(rubric(), scenario(id));
const found = (reply: string, id?: string) => extractCommitments(reply, "t", model(id)).map((c) => [c.what, c.due]);

describe("the ledger reads the time the trainee gave", () => {
  it.each([
    // After a comma or colon, the time still belongs to the promise.
    ["I'm going to refund the duplicate charge myself, right now at this desk.", [["refund the duplicate charge myself", "right now"]]],
    ["I'll refund the $349 myself, now, while you're at the desk.", [["refund the $349 myself", "now"]]],
    [
      "For thank you, I send you also our printed workbook free by post, today.",
      [["send you also our printed workbook free by post", "today"]],
    ],
    // A list of acts after commas is a list of promises: the call-back at its end is not lost.
    [
      "I'll attach it to your claim now, move it to the priority queue, and ring you back by Thursday.",
      [
        ["attach it to your claim", "now"],
        ["move it to the priority queue", "now"],
        ["ring you back", "by Thursday"],
      ],
    ],
    // Past a short aside between commas, and the whole time in the order it is said.
    ["Meanwhile we'll fit our spare shifter on loan, free, right now.", [["fit our spare shifter on loan", "right now"]]],
    ["I'll call you by 4 this afternoon.", [["call you", "by 4 this afternoon"]]],
    // A clock time before the day, without "at".
    ["I'll call them 8:30 tomorrow.", [["call them", "8:30 tomorrow"]]],
    // The time nearest the promise, in its own clause.
    ["The producer is closed now, but tomorrow 8:30 I call them myself.", [["call them myself", "tomorrow 8:30"]]],
    // "it" takes the time of what it points back to; "do it now" is the time of the promise before.
    [
      "Also I give you gift card of 50 dollars for the trouble, I send it today by post.",
      [
        ["give you gift card of 50 dollars for the trouble", "today"],
        ["send it", "today"],
      ],
    ],
    ["I can refund the duplicate myself: I'm doing it now, while you're here.", [["refund the duplicate myself", "now"]]],
    // A call-back said without "I'll".
    [
      "I'll call them 8:30 tomorrow. Call you by 10.",
      [
        ["call them", "8:30 tomorrow"],
        ["call you", "by 10"],
      ],
    ],
    [
      "Checking now, call back by 11.",
      [
        ["check", "now"],
        ["call back", "by 11"],
      ],
    ],
  ])("%j", (reply, expected) => {
    expect(found(reply, "double-charge")).toEqual(expected);
  });

  it("a call with nobody named is a call-back to the customer", () => {
    expect(extractCommitments("Done. Receipt. I'll call Monday at 10.", "t", model("double-charge")).map((c) => [c.what, c.kind])).toEqual([
      ["call", "call-back"],
    ]);
  });

  it("an amount is no time: $412 stays $412", () => {
    expect(found("I'll pay the B.C. dealership the $412 today.")).toEqual([["pay the B.C. dealership the $412", "today"]]);
    expect(timeOfDay("the $412 today")).toBeUndefined();
  });

  it("reads the clock words trainees type", () => {
    expect(timeOfDay("at 3 o'clock this afternoon")).toBe(15 * 60);
    expect(timeOfDay("at half past 12")).toBe(12 * 60 + 30);
    expect(timeOfDay("quarter to 5")).toBe(16 * 60 + 45);
    expect(timeOfDay("tonight at 8")).toBe(20 * 60);
    expect(timeOfDay("at 7 in the morning")).toBe(7 * 60);
  });

  it("a call at 3 this afternoon has not come due twenty minutes later", () => {
    const clock = startClock("Tuesday 9:00");
    const now = clock.now as number;
    const due = dueTime("at 3 o'clock this afternoon", now, clock) as number;
    expect(due).toBe(15 * 60);
    expect(due).toBeGreaterThan(afterSkip("Twenty minutes later", clock) as number);
  });
});

describe("the ledger says the promise back whole", () => {
  it.each([
    // "bc" read as "because" is no clause break inside "the bc dealer".
    ["ill ring the bc dealer myself rigth now", [["ring the bc dealer myself", "right now"]]],
    // An aside between commas, and what follows it, stay in the promise.
    [
      "I'll have Raj, who has worked on this RAV4 for years, ready to speak to their technician.",
      [["have Raj, who has worked on this RAV4 for years, ready to speak to their technician", undefined]],
    ],
    [
      "I'll phone the B.C. dealership myself in the next ten minutes and put Raj, our senior technician, on with their technician.",
      [
        ["phone the B.C. dealership myself", "in the next ten minutes"],
        ["put Raj, our senior technician, on with their technician", "in the next ten minutes"],
      ],
    ],
    // Words after a time in mid-clause are still what was promised.
    [
      "I'll have the web team find out today why the button fails for you.",
      [["have the web team find out why the button fails for you", "today"]],
    ],
    ["I make now the priority flag for the food bin.", [["make the priority flag for the food bin", "now"]]],
    // A time after "the" names a thing.
    ["We can keep the 10 o'clock call short.", [["keep the 10 o'clock call short", undefined]]],
    // An event time is kept whole, and a new "I'll" is a new clause.
    ["I'll give you a free service when we fit the new one.", [["give you a free service", "when we fit the new one"]]],
  ])("%j", (reply, expected) => {
    expect(found(reply)).toEqual(expected);
  });
});

describe("the ledger takes only the trainee's own promises", () => {
  it.each([
    // The briefing read aloud: a passive says what may happen.
    ["The producer has been asked to assess under warranty whether it can be repaired or must be replaced."],
    // A prohibition.
    ["Happy now? Stop calling us."],
    ["Stop emailing me. I told you already, it's not my problem."],
    // The thing, not the trainee.
    ["It says down to be collected on my screen so it'll get done."],
    // The customer's doing, with "your" typed for "you're".
    ["when your looking for a new car"],
    // A past frame: what the trainee thought happened.
    ["Did I not call you this morning? I was sure I call you before 10."],
    // What the trainee perceives, after "can".
    ["I can see both $349 charges on the till.", "double-charge"],
    ["I can hear how fed up you are."],
    // An earlier promise kept, said as it is kept.
    ["Hi David, ringing as I promised: the crew is on today's list.", "missed-bin"],
    ["Hi, calling back like I said I would. The refund went through.", "double-charge"],
    ["Morning David, yes its today - as I promised yesterday I checked with the depot.", "missed-bin"],
  ])("%j", (reply, id = "bike-shifter") => {
    expect(found(reply, id)).toEqual([]);
  });
});

describe("a promise done later is kept, and each promise is listed once", () => {
  const m = () => model("double-charge");
  const made = (reply: string, turn: string, madeAt?: number): Commitment[] =>
    extractCommitments(reply, turn, m()).map((c, i) => ({ ...c, id: `${turn}.${i}`, ...(madeAt === undefined ? {} : { madeAt }) }));

  it("a refund promised, then reported done, is kept at that reply", () => {
    const ledger = addToLedger([], made("I can refund the duplicate myself.", "open"));
    const after = keptByReport(ledger, "I've just processed the $349 refund here at the desk, and here is the receipt.", "how-long", m());
    expect(after.map((c) => [c.what, c.status, c.cameDue])).toEqual([["refund the duplicate myself", "kept", "how-long"]]);
  });

  it("what may still happen is not done", () => {
    const ledger = addToLedger([], made("We'll get it sorted soon.", "open"));
    const after = keptByReport(ledger, "It should be sorted soon, just give it a few more days.", "monday", m());
    expect(after.map((c) => c.status)).toEqual(["open"]);
  });

  it("the same promise in other words, in a later reply, is one promise", () => {
    expect(samePromise("chase the bank myself same day", "chase the bank myself")).toBe(true);
    expect(samePromise("call the B.C. dealership's service desk myself", "call their service desk")).toBe(true);
    expect(samePromise("call the producer", "call you back")).toBe(false);
    const ledger = addToLedger(
      addToLedger([], made("I'll chase the bank myself on Wednesday.", "open")),
      made("ill chase the bank myself", "monday"),
    );
    expect(ledger).toHaveLength(1);
  });

  it("a call-back for Monday, made on Wednesday, is not replaced by Monday's new one", () => {
    const wednesday = made("I'll call you on Monday at 10 to check it has arrived.", "open", 660);
    const monday = made("I'll call you back by 12 today.", "monday", 7780);
    const ledger = addToLedger(addToLedger([], wednesday), monday);
    expect(ledger.map((c) => c.due)).toEqual(["on Monday at 10", "by 12 today"]);
  });
});

describe("a promise kept is told at the right distance in time", () => {
  // Day 0 is a Wednesday; the skip lands on the following Monday, 9:40.
  const wednesday = startClock("Wednesday 11:00");
  const monday = { ...wednesday, now: afterSkip("The following Monday, 9:40", wednesday) };
  it.each([
    ["a call due on Monday at 9, told at 9:40", dueTime("on Monday at 9", 660, wednesday), "this morning"],
    ["a call due on Friday at 2", dueTime("on Friday at 2", 660, wednesday), "on Friday"],
    ["a call due the Sunday before", dueTime("on Sunday", 660, wednesday), "yesterday"],
  ])("%s", (_what, at, said) => {
    expect(saidWhen(at, monday)).toBe(said);
  });
  it("a week and more is last week", () => {
    expect(saidWhen(0, { ...wednesday, now: 8 * 1440 })).toBe("last week");
  });
});

describe("an offer the trainee makes with a time is held to like a promise", () => {
  it.each([
    [
      "I'm flagging it now. Can I call you back by 12 noon today with that day?",
      [
        ["flagging it", "now"],
        ["call you back", "by 12 noon today"],
      ],
    ],
    ["Could I ring you at 5 today?", [["ring you", "at 5 today"]]],
  ])("%j", (reply, expected) => {
    expect(found(reply, "missed-bin")).toEqual(expected);
  });

  it.each(["Shall I chase them?", "Can I call you back?", "Can you tell me your postcode?"])("%j promises nothing yet", (reply) => {
    expect(found(reply, "missed-bin")).toEqual([]);
  });
});

it('"give me five minutes" after a comma is no second promise', () => {
  expect(found("I'll call you back, give me five minutes.").map(([what]) => what)).toEqual(["call you back"]);
});

it("a question word keeps its clause in the promise: 'see what I can do', not 'see what'", () => {
  expect(found("I'll see what I can do and it should be sorted soon.", "double-charge")).toEqual([["see what I can do", undefined]]);
});
