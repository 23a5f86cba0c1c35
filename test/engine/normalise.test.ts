/**
 * The normalised view the NLP reads: how trainees type, spelled out, every character mapped back to
 * the reply so evidence quotes the trainee's own words.
 */
import { describe, expect, it } from "vitest";
import { isKnownWord } from "../../src/engine/analyze.js";
import { normalise, type Vocabulary } from "../../src/engine/normalise.js";

const vocabulary: Vocabulary = {
  words: new Set([
    "tomorrow",
    "shifter",
    "producer",
    "refund",
    "sorry",
    "sort",
    "story",
    "call",
    "ring",
    "really",
    "attached",
    "process",
    "should",
  ]),
  known: isKnownWord,
};

describe("normalise", () => {
  it.each([
    ["ok ill ring u 2moro b4 10", "ok I'll ring you tomorrow before 10"],
    ["im sorry, i cant do it", "I'm sorry, i can't do it"],
    ["dont worry, youre right, it isnt fair", "don't worry, you're right, it isn't fair"],
    ["thx, pls hold", "thanks, please hold"],
    ["ill call at 830 tmrw", "I'll call at 8:30 tomorrow"],
    ["I ll call you", "I'll call you"],
    ["can;t do that", "can't do that"],
    ["sorry 4 the wait + thx", "sorry for the wait and thanks"],
    ["Kyles been waiting", "Kyle's been waiting"],
    ["so Ill refund it", "so I'll refund it"],
    ["il chase them 2moro", "I'll chase them tomorrow"],
    ["the lad should of looked", "the lad should have looked"],
    ["ill ring u fri", "I'll ring you Friday"],
    ["I could of course call", "I could of course call"],
    ["Il Forno called", "Il Forno called"],
    ["its not ur fault", "it's not your fault"],
    ["were sorting it now", "we're sorting it now"],
    ["well call you by 5", "we'll call you by 5"],
    ["I will call tomorow", "I will call tomorrow"],
    ["the shfiter is back", "the shifter is back"],
    ["let you no by 5", "let you know by 5"],
    // Of several words one edit away, the one with a letter doubled: "sory" is "sorry", not "sort" or "story".
    ["sory about the wait", "sorry about the wait"],
    ["ill call u by 4 this afternoon", "I'll call you by 4 this afternoon"],
    ["sorry 4 the wait", "sorry for the wait"],
    // "no." would read as the abbreviation of "number", and its negation run on into the next sentence.
    ["Not a promise no. Ill ring them", "Not a promise no . I'll ring them"],
    // After a noun that is numbered, "no." is "number": "the tracking no. in a sec".
    ["ill text u the tracking no. in a sec", "I'll text you the tracking no. in a sec"],
    ["it goes on tomorow's list", "it goes on tomorrow's list"],
    ["I shouldn't have", "I shouldn't have"],
    // The word after "Ill" is read as corrected: a typo of a verb still makes it "I'll".
    ["so Ill proceess the refund", "so I'll process the refund"],
    // Two dots typed for an ellipsis end the sentence as three do.
    ["ok let me check.. its there", "ok let me check... it's there"],
    ["wait... ok", "wait... ok"],
  ])("%j reads as %j", (typed, read) => {
    expect(normalise(typed, vocabulary).text).toBe(read);
  });

  it.each([
    ["I feel ill today", "I feel ill today"],
    ["your id please", "your id please"],
    ["we were told it works", "we were told it works"],
    ["Sander, Jess here", "Sander, Jess here"],
    ["it lets you choose", "it lets you choose"],
    ["well done", "well done"],
  ])("leaves real words alone: %j", (typed, read) => {
    expect(normalise(typed, vocabulary).text).toBe(read);
  });

  it("maps every character back to the trainee's own", () => {
    const typed = "ok ill ring u 2moro";
    const view = normalise(typed, vocabulary);
    const at = view.text.indexOf("tomorrow");
    expect(typed.slice(view.from[at] as number, view.to[at + "tomorrow".length - 1] as number)).toBe("2moro");
    const you = view.text.indexOf("you");
    expect(typed.slice(view.from[you] as number, view.to[you + 2] as number)).toBe("u");
  });

  it("is a pure function of the text and the vocabulary", () => {
    const a = normalise("ill ring the prodcuer tmrw", vocabulary).text;
    normalise("something else entirely, producr", vocabulary);
    expect(normalise("ill ring the prodcuer tmrw", vocabulary).text).toBe(a);
  });
});
