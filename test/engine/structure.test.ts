/** Sentences against shuffled words and lists of cue words, decided from grammar. */
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/engine/analyze.js";
import { findSalad } from "../../src/engine/structure.js";

describe("structure", () => {
  it.each([
    "sorry understand frustration call tomorrow producer shifter refund",
    "shifter - producer - warranty - call tomorrow 8:30 - loan part",
    "tomorrow the call I'll producer the and at you ring 9 by sorry shifter your",
    "It's been a busy week here. sorry understand frustration call tomorrow bin collection depot",
  ])("not sentences: %j", (text) => {
    expect(findSalad(analyze(text))).toBeDefined();
  });

  it.each([
    "ok thats way too long, sorry. theyre closed now but ill ring them at 830 tmrw and call u by 10.",
    "Tonight: loan shifter fitted, free, twenty minutes. Tomorrow 8:30: I call the warranty desk.",
    "Dear Mr Brooks, please find attached growth-guide.pdf as requested. Kind regards, Support Team",
    "thx, thats all i need. refunding now, 3-5 days to show. case no CS-29014 so no1 asks u again",
    "Yes I can do it. You don't need the bank. I make the refund now of $349 to your card.",
    "Has Kyle paid it already? Is $412 the final amount, or are there more charges coming?",
    "Three emails and a blank page. That missed the point. Attached are growth-guide.pdf and growth-checklist.pdf. And yes please to your offer: could you spare ten minutes tomorrow?",
  ])("real replies, however hurried: %j", (text) => {
    expect(findSalad(analyze(text))).toBeUndefined();
  });
});
