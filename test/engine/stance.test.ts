/** Whose words and said how: quoted, reported, disowned, hypothetical, asked. */
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/engine/analyze.js";
import { stanceOf } from "../../src/engine/stance.js";

function marks(text: string) {
  const analysis = analyze(text);
  const stance = stanceOf(analysis);
  const reported = analysis.tokens.filter((_, i) => stance.reported[i] === 1).map((t) => t.text);
  const imagined = analysis.tokens.filter((_, i) => stance.imagined[i] === 1).map((t) => t.normal);
  return { reported, imagined, disowned: stance.disowned, hypothetical: stance.hypothetical };
}

describe("stance", () => {
  it.each([
    ["You were told it works on our side.", ["it", "works", "on", "our", "side"]],
    ["The message said 'collected tomorrow', and I'm sorry.", ["'", "collected", "tomorrow", "'"]],
    ["I'm not going to tell you it works here.", ["you", "it", "works", "here"]],
    ["I did say I'd call you back by noon, and I didn't.", ["call", "back", "noon"]],
    ["I offered to call you back by noon and didn't.", ["call", "back", "noon"]],
    ["It only meant it works on my machine.", ["it", "works", "on", "my", "machine"]],
    ["Three emails and an answer that it works on our side.", ["it", "works", "on", "our", "side"]],
  ])("reported words in %j", (text, expected) => {
    for (const word of expected) expect(marks(text).reported).toContain(word);
  });

  it.each(["like i said its with them, nothing i can do till they reply.", "As I said, I called them at 8:30."])(
    "says again, in the trainee's own voice: %j",
    (text) => {
      expect(marks(text).reported).toEqual([]);
    },
  );

  it.each([
    "The answer you got last time, that it works on our side, was wrong.",
    "Those tomorrow texts should never have gone out, I apologise.",
    "It works here was no answer.",
  ])("disowns %j", (text) => {
    expect(marks(text).disowned).toContain(true);
  });

  it.each([
    "I would ring them if we weren't so short-staffed.",
    "We might have sorted it last month if the form had been right.",
    "Right, and I suppose I'll fly out to B.C. myself as well?",
    "Yeah, because I'll fit it myself, won't I?",
    "I could chase them first thing tomorrow if the system let me.",
  ])("hypothetical: %j", (text) => {
    expect(marks(text).hypothetical).toEqual([true]);
  });

  it.each([
    "I'll call the producer at 9 and ring you by 11.",
    "I'd be annoyed in your place too.",
    "I could fit the spare today if you like.",
    "If it isn't in your account by Monday, call me.",
  ])("a plain commitment or feeling is not hypothetical: %j", (text) => {
    expect(marks(text).hypothetical.every((h) => h === false)).toBe(true);
  });

  it.each([
    ["I shouldn't have said first thing, but the crew will collect it before noon.", "collect", "said"],
    ["We should have collected it, and I'll ring the depot now.", "ring", "collected"],
    ["I would ring them if we weren't so busy; I'm ringing them now.", "now", "busy"],
  ])("only the imagined clause of %j is imagined", (text, said, imagined) => {
    const { hypothetical, imagined: words } = marks(text);
    expect(hypothetical).toEqual([false]);
    expect(words).toContain(imagined);
    expect(words).not.toContain(said);
  });

  it("a sentence imagined in every clause is imagined whole", () => {
    expect(marks("We should have called you, but we would have had to wait anyway.").hypothetical).toEqual([true]);
  });
});

describe("what is asked", () => {
  const asked = (text: string) => {
    const analysis = analyze(text);
    const stance = stanceOf(analysis);
    return analysis.tokens.filter((_, i) => stance.asked[i] === 1).map((t) => t.normal);
  };

  it("the last clause of a question is asked", () => {
    expect(asked("I'm ringing the depot now, ok if I call you by 12?")).toEqual(["ok", "if", "i", "call", "you", "by", "12", "?"]);
  });

  it("an earlier clause with its verb before its subject is asked too", () => {
    expect(asked("Hello, can I take your order number please, and what's the issue today?")).toContain("take");
  });

  it("an earlier clause said as a statement is not", () => {
    expect(asked("I'll call them at 9, is that ok?")).not.toContain("call");
  });
});

describe("what is judged wrong is judged per clause", () => {
  const disowned = (text: string) => {
    const analysis = analyze(text);
    const stance = stanceOf(analysis);
    return analysis.tokens.filter((_, i) => stance.disownedWords[i] === 1).map((t) => t.normal);
  };

  it("an apology does not cover the excuse after it", () => {
    const words = disowned("Sorry about that, it's just an automated message.");
    expect(words).toContain("sorry");
    expect(words).not.toContain("automated");
  });

  it("the words judged wrong are covered", () => {
    expect(disowned("Those tomorrow texts were just automated messages and they should never have gone out.")).toContain("automated");
  });
});
