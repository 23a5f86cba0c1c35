import { describe, expect, it } from "vitest";
import { analyze } from "../../src/engine/analyze.js";
import { matchAll, matchesEmpty, type PatternNode, parsePattern, type WordView } from "../../src/engine/pattern.js";

function views(text: string): WordView[] {
  const a = analyze(text);
  return a.sentences.map((s) => {
    const words: number[] = [];
    for (let i = s.from; i < s.to; i++) if (a.tokens[i]?.type !== "punctuation") words.push(i);
    return { tokens: a.tokens, words };
  });
}

function matches(pattern: string, text: string, lexicon: Record<string, string> = {}): string[] {
  const { node, errors } = parsePattern(pattern);
  expect(errors).toEqual([]);
  const lex = new Map<string, PatternNode>(Object.entries(lexicon).map(([k, v]) => [k, parsePattern(v).node]));
  const out: string[] = [];
  for (const view of views(text)) {
    for (const span of matchAll(node, view, lex)) {
      const first = view.tokens[view.words[span.from] as number];
      const last = view.tokens[view.words[span.to - 1] as number];
      if (first && last) out.push(text.slice(first.start, last.end));
    }
  }
  return out;
}

describe("the rule notation", () => {
  it.each([
    ["a word matches every inflection", "call", "I called, I'm calling, she calls", ["called", "calling", "calls"]],
    ["irregular forms through lemmas", "ring", "I rang them", ["rang"]],
    ["contractions are expanded", "I will call", "I'll call you", ["I'll call"]],
    ["alternatives of single words", "call/ring/phone", "I'll phone you", ["phone"]],
    ["alternatives of several words", "[speak to / talk to]", "I'll talk to them", ["talk to"]],
    ["optional words", "(right) now", "I'll do it right now", ["right now", "now"]],
    ["exact form only", '"works"', "it works, it worked", ["works"]],
    ["a gap of up to four words", "I ... call", "I will personally call", ["I will personally call"]],
    ["a gap never swallows a negation", "I ... call", "I will not call", []],
    ["any one word", "call * back", "call you back", ["call you back"]],
    ["the built-in number class", "by {number}", "by 5, by five", ["by 5", "by five"]],
  ])("%s", (_name, pattern, text, expected) => {
    expect(matches(pattern, text)).toEqual(expected);
  });

  it("resolves lexicon entries", () => {
    expect(matches("{contact} you", "I'll ring you", { contact: "call/ring" })).toEqual(["ring you"]);
  });

  it.each([
    ["[call / ring", "pattern-syntax"],
    ["call)", "pattern-syntax"],
    ["", "pattern-empty"],
    ["/ call", "pattern-syntax"],
    ['"unclosed', "pattern-syntax"],
  ])("reports %j as %s", (pattern, code) => {
    expect(parsePattern(pattern).errors.map((e) => e.code)).toContain(code);
  });

  it("reports deep nesting as too complex instead of recursing without end", () => {
    const deep = `${"(".repeat(40)}call${")".repeat(40)}`;
    expect(parsePattern(deep).errors.map((e) => e.code)).toContain("pattern-too-complex");
  });

  it("knows which patterns match no words at all", () => {
    const resolve = () => undefined;
    expect(matchesEmpty(parsePattern("(sorry) ...").node, resolve)).toBe(true);
    expect(matchesEmpty(parsePattern("sorry ...").node, resolve)).toBe(false);
  });

  it("stays polynomial on patterns that would make a backtracking matcher explode", () => {
    const pattern = Array.from({ length: 30 }, () => "(a/a a)").join(" ");
    const text = `${"a ".repeat(60)}b`;
    const { node } = parsePattern(pattern);
    const [view] = views(text);
    // Completes at once: the matcher keeps sets of positions, never a stack of choices.
    expect([...matchAll(node, view as WordView, new Map())].length).toBeGreaterThan(0);
  });
});
