/**
 * The cost estimate behind `pattern-too-complex`: what matching could cost on the longest
 * sentence. The speed it stands for is measured in bench/pattern-cost.mjs, never here.
 */
import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/engine/model.js";
import { optimise, type PatternNode, parsePattern } from "../../src/engine/pattern.js";
import { costEstimator, MAX_PATTERN_COST, MAX_SENTENCE_WORDS } from "../../src/engine/pattern-cost.js";
import { MAX_REPLY_CHARS } from "../../src/engine/score.js";
import { rubric } from "../helpers/content.js";

function cost(pattern: string, lexicon: Record<string, string[]> = {}, words?: number): number {
  const lex = new Map<string, PatternNode>(
    Object.entries(lexicon).map(([name, phrases]) => [name, optimise({ kind: "alt", options: phrases.map((p) => parsePattern(p).node) })]),
  );
  const { node, errors } = parsePattern(pattern);
  expect(errors).toEqual([]);
  return costEstimator(lex, words).pattern(optimise(node)).cost;
}

const chain = (part: string, n: number, last = "a") => `${Array.from({ length: n }, () => part).join(" ")} ${last}`;

describe("the cost of a pattern on the longest sentence", () => {
  it("the longest sentence is the most one-letter words a reply can hold", () => {
    expect(MAX_SENTENCE_WORDS).toBe(MAX_REPLY_CHARS / 2);
  });

  it("words and alternatives of single words cost one step per word of the sentence", () => {
    expect(cost("call")).toBe(MAX_SENTENCE_WORDS);
    expect(cost("call/ring/phone")).toBe(MAX_SENTENCE_WORDS);
    expect(cost("will call you")).toBe(3 * MAX_SENTENCE_WORDS);
  });

  it("a gap from one position is cheap; a gap after a gap walks the sentence", () => {
    const one = cost("will ... call");
    const two = cost("will ... call ... back");
    expect(one).toBeLessThan(20 * MAX_SENTENCE_WORDS);
    expect(two).toBeGreaterThan(MAX_SENTENCE_WORDS * MAX_SENTENCE_WORDS);
  });

  it("grows with each gap that follows another, and far faster for `* ...` chains than for words", () => {
    const costs = [1, 2, 4, 8, 16].map((n) => cost(chain("* ...", n)));
    for (let i = 1; i < costs.length; i++) expect(costs[i] as number).toBeGreaterThan(costs[i - 1] as number);
    expect(cost(chain("* ...", 600))).toBeGreaterThan(50 * MAX_PATTERN_COST);
  });

  it("alternatives that start on different words are weighed one at a time", () => {
    // From one position, only the phrase its word starts can match: no merge, no walk of the sentence.
    expect(cost("[call you / ring you / phone you]")).toBeLessThan(10 * MAX_SENTENCE_WORDS);
    expect(cost("[call you / call them]")).toBeGreaterThan(MAX_SENTENCE_WORDS * MAX_SENTENCE_WORDS);
  });

  it("a lexicon entry is charged for the positions it takes and gives", () => {
    const lexicon = { time: ["today/tomorrow", "by {number}", "first thing"] };
    expect(cost("{time}", lexicon)).toBeLessThan(10 * MAX_SENTENCE_WORDS);
    expect(cost("will ... call ... {time}", lexicon)).toBeGreaterThan(cost("will ... call ... tomorrow"));
  });

  it("a shorter sentence costs less", () => {
    expect(cost(chain("* ...", 8), {}, 1000)).toBeLessThan(cost(chain("* ...", 8)) / 50);
  });
});

describe("pattern-too-complex from the estimate", () => {
  const base = rubric();
  const withMatch = (match: string | string[], lexicon?: Record<string, string[]>) => {
    const criteria = base.criteria.map((c, i) =>
      i === 0 ? { ...c, rules: [{ id: "probe", gives: 1, match, feedback: { hit: "h" } }, ...c.rules] } : c,
    );
    return compileModel({ ...base, criteria, lexicon: { ...base.lexicon, ...lexicon } }).problems;
  };

  it("the shipped rubric is within the limit", () => {
    expect(compileModel(base).problems).toEqual([]);
  });

  it("the 1,201-part `* ... * ... a` is refused, at the rule's match", () => {
    const problems = withMatch(chain("* ...", 600));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "pattern-too-complex", document: "rubric", path: ["criteria", 0, "rules", 0, "match"] });
    expect(problems[0]?.message).toMatch(
      /^this pattern could take \d+ billion steps to match a long reply \(a sentence of 10,000 words\); the limit is 0\.8 billion$/,
    );
  });

  it("in a list, the costly item is named", () => {
    const problems = withMatch(["will call", chain("* ...", 40)]);
    expect(problems.map((p) => [p.code, p.path])).toEqual([["pattern-too-complex", ["criteria", 0, "rules", 0, "match", 1]]]);
  });

  it("in a lexicon entry, at the costly phrase", () => {
    const problems = withMatch("{slow}", { slow: ["call", chain("* ...", 40)] });
    expect(problems.map((p) => [p.code, p.path])).toEqual([["pattern-too-complex", ["lexicon", "slow", 1]]]);
    expect(problems[0]?.message).toMatch(/^this pattern could take/);
  });

  it("a chain of four gaps passes, one of forty does not", () => {
    expect(withMatch(chain("* ...", 4))).toEqual([]);
    expect(withMatch(chain("* ...", 40)).map((p) => p.code)).toEqual(["pattern-too-complex"]);
  });
});
