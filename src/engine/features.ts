/**
 * What the learned weighting reads about a reply: the rules that fired (and how firmly), the flags,
 * the levels the rules gave, the turn, and the trainee's own words as lemmas with the rubric's
 * lexicon standing in for the story ("I will call <third-party> at <time>"), so what is learned on
 * one scenario carries to another. Quoted, reported and hypothetical words are left out: they are
 * not what the trainee says they will do.
 *
 * Every feature remembers where it is in the reply, so a level the weighting moved can quote the
 * words that moved it. Pure.
 */
import type { Analysis, Token } from "./analyze.js";
import type { CompiledRule, ScoringModel } from "./model.js";
import { type PatternNode, refTo, spansIn, type WordView } from "./pattern.js";
import type { Stance } from "./stance.js";

export interface FeatureHit {
  rule: CompiledRule;
  start: number;
  end: number;
  limit?: number;
}

export interface FeatureInput {
  analysis: Analysis;
  stance: Stance;
  views: WordView[];
  hits: Iterable<FeatureHit>;
  levels: ReadonlyMap<string, number>;
  flags: readonly string[];
  model: ScoringModel;
  /** The turn's position: the opening or later, and whether time passed before it. */
  turn?: { later: boolean; skip: boolean };
  /** false: the rules' verdicts only, not the words (a weighting learned on rules alone). */
  words?: boolean;
}

/** Feature name -> value, and where in the reply it was seen. */
export interface Features {
  values: Map<string, number>;
  spans: Map<string, { start: number; end: number }>;
}

/** Lexicon entries that stand in for the story's own words. */
const CLASSES = ["time", "want", "offer", "third-party", "gesture", "feeling", "contact", "deliver", "act"] as const;

/**
 * Words read as themselves: the small words that carry who does what and how firmly ("I will",
 * "can I", "my manager"), and the words of apology, thanks and stance. Every other word is read as
 * its part of speech, so small talk and the story's own nouns do not move a level.
 */
const OWN_WORDS = new Set(
  (
    "i you we they he she it me us them my your our their his her its the a an this that these those and or but so if then " +
    "because to of in on at by for with from about as until before after will would can could shall should may might must do " +
    "be have not no never just now today tomorrow again still already also please sorry apologise apologize apology thank " +
    "thanks understand appreciate hear know see imagine feel promise guarantee personally myself ourselves right wrong fair " +
    "fault mistake problem case note look try hope sure definitely probably maybe unfortunately honestly actually afraid " +
    "what when where who how which why there here let make get take give keep need want like able nothing anything " +
    "someone somebody anyone nobody everything all both one manager colleague team"
  ).split(" "),
);
const classRefs: Array<[string, PatternNode]> = CLASSES.map((name) => [name, refTo(name)]);

export function featuresOf(input: FeatureInput): Features {
  const values = new Map<string, number>();
  const spans = new Map<string, { start: number; end: number }>();
  const set = (name: string, value: number, span?: { start: number; end: number }) => {
    if ((values.get(name) ?? 0) < value) values.set(name, value);
    if (span !== undefined && !spans.has(name)) spans.set(name, span);
  };
  set("bias", 1);
  for (const hit of input.hits) {
    const { rule } = hit;
    // A scenario's own rules are named by what they give, so the weighting learned on one story applies to the next.
    const name = rule.source === "scenario" ? `sig:${rule.criterion}:${rule.spec.gives ?? rule.spec.caps ?? "f"}` : `r:${rule.id}`;
    set(name, hit.limit === undefined ? 1 : 0.5, { start: hit.start, end: hit.end });
  }
  for (const flag of input.flags) set(`f:${flag}`, 1);
  for (const [criterion, level] of input.levels) set(`lvl:${criterion}:${level}`, 1);
  if (input.turn !== undefined) {
    if (input.turn.later) set("turn:later", 1);
    if (input.turn.skip) set("turn:skip", 1);
  }
  if (input.words !== false) lexical(input, set);
  return { values, spans };
}

function lexical(input: FeatureInput, set: (name: string, value: number, span?: { start: number; end: number }) => void): void {
  const { analysis, stance, views, model } = input;
  const { tokens } = analysis;
  // Only sentences where some rule fired are read for their words: small talk around a reply moves nothing.
  const live = new Set<number>();
  for (const hit of input.hits) {
    const at = tokens.findIndex((t) => t.start >= hit.start && t.start < Math.max(hit.end, hit.start + 1));
    if (at >= 0) live.add((tokens[at] as Token).sentence);
  }
  let words = 0;
  let questions = 0;
  views.forEach((view, s) => {
    if (view.words.length === 0) return;
    const sentence = analysis.sentences[s];
    if (sentence?.question === true) questions++;
    words += view.words.length;
    if (stance.hypothetical[s] === true || !live.has(s)) return;
    // Each word as its lemma, or as the lexicon entry it belongs to.
    const classes: Array<string | undefined> = view.words.map((w) => {
      const t = tokens[w] as Token;
      if (stance.reported[w] === 1) return undefined;
      if (t.type === "number" || t.pos === "NUM") return "<num>";
      // Capitals change the part of speech wink sees ("Producer" a name): read both as a noun.
      return OWN_WORDS.has(t.lemma) ? t.lemma : OWN_WORDS.has(t.normal) ? t.normal : t.pos === "PROPN" ? "NOUN" : t.pos;
    });
    for (const [name, node] of classRefs) {
      if (!model.lexicon.has(name)) continue;
      for (const span of spansIn(node, view, model.lexicon)) {
        for (let p = span.from; p < span.to; p++) if (classes[p] !== undefined) classes[p] = `<${name}>`;
      }
    }
    let previous = "<s>";
    let previousStart = (tokens[view.words[0] as number] as Token).start;
    for (let p = 0; p < classes.length; p++) {
      const c = classes[p];
      const t = tokens[view.words[p] as number] as Token;
      if (c === undefined) {
        previous = "<gap>";
        continue;
      }
      // A run of one class ("first thing tomorrow morning") is one <time>.
      if (c.startsWith("<") && c === previous) continue;
      set(`w:${c}`, 1, { start: t.start, end: t.end });
      if (previous !== "<gap>") set(`b:${previous} ${c}`, 1, { start: previousStart, end: t.end });
      previous = c;
      previousStart = t.start;
    }
    if (sentence?.question === true && previous !== "<gap>") set(`b:${previous} ?`, 1);
  });
  if (words < 8) set("len:short", 1);
  if (questions > 0) set("question", 1);
}

/** The weights learned for one criterion: two thresholds of the 0-2 label scale. */
export interface CriterionWeights {
  /** Logistic weights for "label at least 1" and "label at least 2". */
  atLeast1: Record<string, number>;
  atLeast2: Record<string, number>;
}

export interface Weighting {
  rubric: string;
  /** What the weights read: the rules' verdicts, or those and the trainee's words. */
  reads: "rules" | "rules and words";
  criteria: Record<string, CriterionWeights>;
  /** How the weights were learned, for the record. */
  trainedOn: string;
  /**
   * The fewest words a reply needs before the weighting may lower a level. A short reply that does
   * what the rules ask is complete ("ill change the DD back to 85 now"); what the weighting learns to
   * lower is the longer reply whose rules fired on a part of it.
   */
  lowersFrom?: number;
}

export interface Weighed {
  /** The level on the 0-2 label scale. */
  level: number;
  /** The expected label, 0-2: the probability of at least 1 plus that of at least 2. */
  expected: number;
  /** The present feature that pushed hardest towards this level, with its weight. */
  strongest?: { name: string; weight: number };
}

function logistic(weights: Record<string, number>, values: Map<string, number>): { p: number; contributions: Array<[string, number]> } {
  let z = 0;
  const contributions: Array<[string, number]> = [];
  for (const [name, value] of values) {
    const w = weights[name];
    if (w === undefined) continue;
    z += w * value;
    contributions.push([name, w * value]);
  }
  return { p: 1 / (1 + Math.exp(-z)), contributions };
}

/**
 * The level the weights give, and, when it differs from the rules' level, the present feature that
 * moved it most in that direction (its words are quoted as the evidence).
 */
export function weigh(weights: CriterionWeights, features: Features, ruleLevel: number): Weighed {
  const one = logistic(weights.atLeast1, features.values);
  const two = logistic(weights.atLeast2, features.values);
  const level = one.p < 0.5 ? 0 : two.p >= 0.5 ? 2 : 1;
  const result: Weighed = { level, expected: one.p + two.p };
  const direction = Math.sign(level - Math.min(ruleLevel, 2));
  if (direction === 0) return result;
  // Raised to 2 by "at least 2", to 1 by "at least 1"; lowered to 1 by "at least 2", to 0 by "at least 1".
  const pool = (direction > 0 ? level === 2 : level === 1) ? two.contributions : one.contributions;
  for (const [name, c] of pool) {
    if (name === "bias" || !features.spans.has(name) || Math.sign(c) !== direction) continue;
    if (result.strongest === undefined || Math.abs(c) > Math.abs(result.strongest.weight)) result.strongest = { name, weight: c };
  }
  return result;
}
