/**
 * What matching a pattern can cost, estimated when it compiles, so that a pattern that would make
 * scoring slow is refused (`pattern-too-complex`) before any reply meets it.
 *
 * The matcher (`pattern.ts`) follows every alternative at once over sets of word positions, from
 * each start position of a sentence. Its work per start is the positions it carries through each
 * part, and every part that merges several positions (a gap, an optional part, alternatives or a
 * lexicon entry reached from more than one position) also walks a mark per word of the sentence.
 * A pattern such as `* ... * ... a` widens its set by four at every gap, so on a long sentence it
 * takes words x gaps x (words + width) steps: minutes for 1,201 parts.
 *
 * The estimate follows the same steps on the worst sentence: the longest a reply can hold, every
 * word a start, every part matching. It never runs the matcher and never changes what a pattern
 * matches; it only bounds it.
 */
import { firstWords, type Lexicon, type PatternNode } from "./pattern.js";

/** The most words one sentence can have: a reply is cut at 20,000 characters, and a word and a space take two. */
export const MAX_SENTENCE_WORDS = 10_000;

/**
 * The most steps one pattern may take on the longest sentence: under a second of matching at the
 * worst (bench/pattern-cost.mjs measures the costliest `* ...` chain accepted). Replies people
 * write come nowhere near an estimate (sets die at the first word that does not fit); the shipped
 * rubric's costliest pattern is estimated at 0.5 billion, its usual `{commit} ... call ... {time}` at 0.4.
 */
export const MAX_PATTERN_COST = 800_000_000;

/** What a part does to the positions it is given. */
interface Flow {
  /** Steps taken. */
  work: number;
  /** Positions out (at most span + 1, and at most the sentence's words + 1). */
  width: number;
  /** The most words matched so far from one start. */
  span: number;
}

/** A lexicon entry's own flow from one position. */
interface EntryCost {
  perStart: number;
  width: number;
  span: number;
}

export interface CostEstimate {
  /** Steps on the longest sentence, every word a start. */
  cost: number;
  /** The most words one match can span. */
  span: number;
}

const MAX_DEPTH = 16;

/** Estimates for the patterns of one lexicon: each entry is estimated once, however often it is used. */
export interface CostEstimator {
  /**
   * The cost of matching a pattern over the longest sentence. Lexicon entries are charged where
   * they are used for the positions they take and give back; an entry's own work is memoised per
   * start and shared by every pattern that uses it, and each of its phrases is weighed as a
   * pattern of its own.
   */
  pattern(node: PatternNode): CostEstimate;
}

export function costEstimator(lexicon: Lexicon, words = MAX_SENTENCE_WORDS): CostEstimator {
  const estimator = new Estimator(lexicon, words);
  return {
    pattern(node) {
      const flow = estimator.flow(node, { work: 0, width: 1, span: 0 }, 0);
      return { cost: flow.work * words, span: flow.span };
    },
  };
}

class Estimator {
  private readonly entries = new Map<string, EntryCost>();
  private readonly marks: number;

  constructor(
    private readonly lexicon: Lexicon,
    private readonly words: number,
  ) {
    // Merging sets walks one mark per word of the sentence.
    this.marks = words + 1;
  }

  private out(work: number, width: number, span: number): Flow {
    return { work, width: Math.max(1, Math.min(width, span + 1, this.words + 1)), span: Math.min(span, this.words) };
  }

  /**
   * The options of an alternative that one word can start, for each word (options that can start
   * on any word belong to every group).
   */
  private startGroups(node: Extract<PatternNode, { kind: "alt" }>): number[][] {
    const byWord = new Map<string, number[]>();
    const anywhere: number[] = [];
    node.options.forEach((option, i) => {
      const words = firstWords(option, this.lexicon);
      if (words === undefined) {
        anywhere.push(i);
        return;
      }
      for (const word of words) {
        const group = byWord.get(word);
        if (group === undefined) byWord.set(word, [i]);
        else if (group.at(-1) !== i) group.push(i);
      }
    });
    if (byWord.size === 0) return [anywhere];
    return [...byWord.values()].map((group) => [...group, ...anywhere]);
  }

  entry(name: string, depth: number): EntryCost {
    const known = this.entries.get(name);
    if (known !== undefined) return known;
    const target = this.lexicon.get(name);
    // An unknown entry or a cycle is reported on its own, and the matcher stops there.
    if (target === undefined || depth > MAX_DEPTH) return { perStart: 0, width: 1, span: 0 };
    const flow = this.flow(target, { work: 0, width: 1, span: 0 }, depth + 1);
    const cost = { perStart: flow.work, width: flow.width, span: flow.span };
    this.entries.set(name, cost);
    return cost;
  }

  flow(node: PatternNode, input: Flow, depth: number): Flow {
    const { width: w, span } = input;
    switch (node.kind) {
      case "word":
      case "exact":
      case "set":
      case "any":
        return this.out(input.work + w, w, span + 1);
      case "gap": {
        const work = w === 1 ? node.max + 1 : w * node.max + this.marks;
        return this.out(input.work + work, w + node.max, span + node.max);
      }
      case "seq": {
        let current = input;
        for (const item of node.items) current = this.flow(item, current, depth);
        return current;
      }
      case "alt": {
        if (node.options.length === 1) return this.flow(node.options[0] as PatternNode, input, depth);
        const outs = node.options.map((option) => this.flow(option, { work: 0, width: w, span }, depth));
        const longest = Math.max(span, ...outs.map((o) => o.span));
        const sum = (group: number[], of: "work" | "width") => group.reduce((total, i) => total + (outs[i] as Flow)[of], 0);
        const all = outs.map((_, i) => i);
        // From one position, only the options that can start on its word are tried (when the
        // matcher indexes them by first word) and can match: the costliest such group. From
        // several positions, or without the index, every option.
        const groups = w === 1 ? this.startGroups(node) : [all];
        let work = 0;
        let width = 0;
        let merges = false;
        for (const group of groups) {
          work = Math.max(work, sum(node.byFirst === undefined ? all : group, "work"));
          width = Math.max(width, sum(group, "width"));
          // Two options that match are merged into marks.
          if (group.length > 1) merges = true;
        }
        return this.out(input.work + work + (merges ? this.marks : 0), width, longest);
      }
      case "opt": {
        const inner = this.flow(node.node, { work: 0, width: w, span }, depth);
        return this.out(input.work + inner.work + this.marks, w + inner.width, inner.span);
      }
      case "ref": {
        if (node.name === "number") return this.out(input.work + w, w, span + 1);
        const entry = this.entry(node.name, depth);
        // From one position the memo answers; from several, each answer is merged into marks.
        const work = w === 1 ? 1 + entry.width : w * (1 + entry.width) + this.marks;
        return this.out(input.work + work, w * entry.width, span + entry.span);
      }
    }
  }
}
