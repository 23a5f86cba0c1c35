/**
 * The learned weighting (features.ts) is held by the rules: one step from the rules' level at most,
 * up only as far as a rule that fired supports, and never past a flag's cap. No weights ship today;
 * these hold the frame for when they do (scripts/train-weights.mjs).
 */
import { describe, expect, it } from "vitest";
import type { Weighting } from "../../src/engine/features.js";
import { scoreReply } from "../../src/engine/score.js";
import { rubric, scenario } from "../helpers/content.js";

const CRITERIA = ["ownership", "empathy", "process", "outcome"];
const pushing = (bias: number): Weighting => ({
  rubric: "complaint-handling",
  reads: "rules",
  trainedOn: "test",
  criteria: Object.fromEntries(CRITERIA.map((c) => [c, { atLeast1: { bias }, atLeast2: { bias } }])),
});

const good =
  "Three and a half weeks without your bike is too long, and I'd be annoyed too. I'll call the producer at 8:30 tomorrow and call you by 10. Meanwhile I can fit our spare shifter today so you can ride.";
const weak = "Sorry for the inconvenience.";

function levels(reply: string, weights?: Weighting) {
  const result = scoreReply(reply, scenario("bike-shifter"), "open", rubric(), weights === undefined ? { weighting: false } : { weights });
  return Object.fromEntries(result.criteria.map((c) => [c.id, c.level]));
}

describe("weighting", () => {
  it("lowers a level one step at most, and quotes what lowered it", () => {
    const rules = levels(good);
    const down = levels(good, pushing(-20));
    for (const c of CRITERIA) expect(down[c]).toBeGreaterThanOrEqual(Math.min(rules[c] as number, 2) - 1);
    const result = scoreReply(good, scenario("bike-shifter"), "open", rubric(), { weights: pushing(-20) });
    expect(result.criteria.some((c) => c.evidence.some((e) => e.rule === "weighting"))).toBe(false); // a bias has no words
  });

  it("raises a level only as far as a fired rule supports", () => {
    const rules = levels(weak);
    const up = levels(weak, pushing(20));
    expect(up.ownership).toBe(rules.ownership); // no ownership rule fired
    expect(up.empathy).toBeLessThanOrEqual(Math.max(rules.empathy as number, 1));
  });

  it("never lowers a reply shorter than its lowersFrom: a short reply that does what the rules ask is complete", () => {
    const short = "ill change the DD back to 85 now";
    const rules = levels(short);
    expect(levels(short, pushing(-20))).not.toEqual(rules);
    expect(levels(short, { ...pushing(-20), lowersFrom: 15 })).toEqual(rules);
    expect(levels(good, { ...pushing(-20), lowersFrom: 15 })).toEqual(levels(good, pushing(-20)));
  });

  it("keeps a flag's cap", () => {
    const blame = "The producer is responsible for the delay, not us. We just send the parts.";
    expect(levels(blame, pushing(20)).ownership).toBe(0);
  });
});
