/**
 * The metamorphic suite (issue 8): pairs of replies whose scores must move one way, generated from
 * every scenario's model answers, example replies and the suite's own replies, at each scenario's
 * turns. Each family's violation rate is held under its entry in baseline.json, and printed: every
 * family is under 3% (2.9), as issue 8 asks. Lower a family's entry if it should hold tighter; never
 * raise one above 2.9.
 * `npm run metamorphic` prints the rates with two example violations per family.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seeded } from "../helpers/random.js";
import { bases } from "./bases.js";
import { FAMILIES } from "./families.js";
import { percent, ratesTable, runAll, runFamily } from "./run.js";
import {
  casual,
  findPromise,
  nonCommitment,
  othersPromise,
  promiseInThePast,
  sentences,
  swapSpelling,
  typo,
  withoutApostrophes,
  withoutTimes,
  wordSalad,
} from "./text.js";

const baseline = JSON.parse(readFileSync(new URL("./baseline.json", import.meta.url), "utf8")) as Record<string, number>;
const GOAL = 3;

describe("metamorphic families", () => {
  const started = performance.now();
  const results = runAll();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `metamorphic violation rates (goal ${GOAL}% each; ${seconds.toFixed(1)} s):\n${ratesTable(results, baseline)}\n` +
      `over the goal: ${
        results
          .filter((r) => r.rate * 100 > GOAL)
          .map((r) => `${r.id} ${percent(r.rate)}`)
          .join(", ") || "none"
      }`,
  );

  it("every family has a baseline, and every baseline a family", () => {
    expect(Object.keys(baseline).sort()).toEqual(FAMILIES.map((f) => f.id).sort());
    for (const value of Object.values(baseline)) expect(value >= 0 && value <= 100).toBe(true);
  });

  it.each(results.map((r) => [r.id, r] as const))("%s: several hundred pairs over all scenarios", (_id, r) => {
    expect(r.pairs).toBeGreaterThanOrEqual(250);
    expect(new Set(r.all.map((p) => p.scenario)).size).toBe(5);
  });

  it.each(results.map((r) => [r.id, r] as const))("%s: the violation rate is no higher than its baseline", (id, r) => {
    const rate = Math.round(r.rate * 1e6) / 1e4;
    const examples = r.violating.slice(0, 2).map((p) => `${p.source}: ${p.violation}\n  a: ${p.a}\n  b: ${p.b}`);
    expect(rate, `${id}: ${percent(r.rate)} over its baseline ${baseline[id]}%; for example\n${examples.join("\n")}`).toBeLessThanOrEqual(
      baseline[id] ?? GOAL,
    );
  });

  it("is deterministic: the same pairs on every run", () => {
    const all = bases();
    for (const id of ["casual", "shuffled", "blame-added"]) {
      const family = FAMILIES.find((f) => f.id === id);
      if (family === undefined) throw new Error(id);
      const again = runFamily(family, all, new Map());
      expect(again.all.map((p) => p.b)).toEqual(results.find((r) => r.id === id)?.all.map((p) => p.b));
    }
  });
});

describe("the transformations do what their family says", () => {
  it.each([
    [
      "I'll call you; I'm sure it isn't lost. You're right, we can't wait and won't.",
      "Ill call you; Im sure it isnt lost. Youre right, we cant wait and wont.",
    ],
    ["It’s the producer’s line.", "Its the producers line."],
  ])("without apostrophes: %j", (text, expected) => {
    expect(withoutApostrophes(text)).toBe(expected);
  });

  it("casual typing keeps every word, number and time, texts as people do, and slips a few keys", () => {
    const text =
      "I'm sorry, you've waited far too long for your shifter. I'll call the producer at 8:30 tomorrow, please bear with me, and I'll ring you before 10 with their answer. Thank you for your patience.";
    for (let seed = 1; seed <= 20; seed++) {
      const out = casual(text, seeded(seed));
      expect(out).not.toMatch(/['’]/);
      expect(out).toContain("8:30");
      // "Thank you" may become one word ("thx", "thanks"); every other word stays.
      expect(text.split(/\s+/).length - out.split(/\s+/).length).toBeOneOf([0, 1]);
      expect(out).toMatch(/\b(?:u|ur)\b/);
      const changed = out
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => !text.toLowerCase().replace(/['’]/g, "").split(/\s+/).includes(w));
      // Texting forms (u, ur, tmrw, 2moro, b4, pls, thx) and at most three typos.
      const typos = changed.filter((w) => !/^(?:u|ur|tmrw|2moro|tmr|b4|pls|plz|thx|thanks|2day|rly|ok)[,.]?$/.test(w));
      expect(typos.length).toBeLessThanOrEqual(3);
    }
    expect(casual(text, seeded(7))).toBe(casual(text, seeded(7)));
  });

  it.each(["producer", "tomorrow", "shifter", "refund"])("a typo in %j keeps its first letter and is one slip away", (word) => {
    for (let seed = 1; seed <= 30; seed++) {
      const slipped = typo(word, seeded(seed));
      expect(slipped[0]).toBe(word[0]);
      expect(Math.abs(slipped.length - word.length)).toBeLessThanOrEqual(1);
    }
  });

  it.each([
    ["I'll call the producer at 8:30 tomorrow and ring you by 10.", "I'll call the producer and ring you."],
    ["I'll ring the depot now and call you back within the hour.", "I'll ring the depot and call you back."],
    ["I'll fit our spare shifter today, and call you on Monday morning.", "I'll fit our spare shifter, and call you."],
    ["I'll ring you first thing tomorrow morning.", "I'll ring you."],
  ])("without times: %j", (text, expected) => {
    expect(withoutTimes(text)).toBe(expected);
  });

  it("finds a promise sentence and says it as sarcasm, a conditional or a counterfactual", () => {
    const list = sentences("I'm sorry. I'll call the producer at 8:30 tomorrow, and I'll ring you by 10. Thanks.");
    const promise = findPromise(list);
    expect(promise).toEqual({ index: 1, rest: "call the producer at 8:30 tomorrow, and ring you by 10" });
    const random = seeded(1);
    expect(nonCommitment("sarcasm", promise?.rest ?? "", random)).toMatch(
      /^(Oh sure|Right|Yeah).* I'll (?:just )?call the producer at 8:30 tomorrow, and ring you by 10/,
    );
    expect(nonCommitment("conditional", promise?.rest ?? "", random)).toMatch(/^I(?: would|'d| could) call the producer .* if /);
    expect(nonCommitment("counterfactual", promise?.rest ?? "", random)).toMatch(/ have called the producer, and rung you if /);
    expect(findPromise(sentences("I won't call them. I'll call you if they answer."))).toBeUndefined();
  });

  it.each([
    ["call the producer and ring you", "called the producer and rung you"],
    ["fit our spare shifter and send you the receipt", "fitted our spare shifter and sent you the receipt"],
    ["personally arrange a loan", "personally arranged a loan"],
    ["try the page together", "tried the page together"],
  ])("in the past: %j", (rest, past) => {
    expect(promiseInThePast(rest)).toBe(past);
  });

  it("hands every first-person commitment to someone else", () => {
    expect(othersPromise("Leave it with me: I'll call the depot now, and I will ring you by 12. I can fit it myself.", "my manager")).toBe(
      "Leave it with my manager: my manager will call the depot now, and my manager will ring you by 12. My manager can fit it themselves.",
    );
  });

  it("swaps British and American spellings both ways", () => {
    expect(swapSpelling("I apologise; I'll organise it, and the order was cancelled.")).toBe(
      "I apologize; I'll organize it, and the order was canceled.",
    );
    expect(swapSpelling("I apologize and realize it.", true)).toBe("I apologise and realize it.");
  });

  it("shuffles words without losing any, times and file names whole", () => {
    const text = "I'll call the producer at 8:30 tomorrow and send growth-guide.pdf today.";
    const salad = wordSalad(text, seeded(4));
    expect(salad.split(" ").sort()).toEqual(
      ["I'll", "call", "the", "producer", "at", "8:30", "tomorrow", "and", "send", "growth-guide.pdf", "today"].sort(),
    );
    expect(salad).not.toBe(text.replace(/\.$/, ""));
  });

  it.each([
    ["I'll fly out to B.C. myself. Then I'll call you.", ["I'll fly out to B.C. myself.", "Then I'll call you."]],
    ["At 8:30. I'll call. And then?", ["At 8:30.", "I'll call.", "And then?"]],
  ])("splits sentences: %j", (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });
});
