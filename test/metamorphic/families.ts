/**
 * The metamorphic families: each turns a base reply into pairs whose scores must relate in a known
 * way (the same reply typed casually stays within a level; a sarcastic promise earns nothing; a blame
 * sentence costs ownership...), and says when a pair violates that. The pair is (a, b): `a` the
 * reference, usually the base reply itself, `b` the changed one.
 */
import type { ReplyScore } from "../../src/engine/score.js";
import { pick, type Random } from "../helpers/random.js";
import type { Base, Story } from "./bases.js";
import {
  capitalise,
  casual,
  findPromise,
  hasOtherOwnership,
  hasSpellingVariant,
  hasTime,
  joinSentences,
  type NonCommitment,
  nonCommitment,
  othersPromise,
  reordered,
  sentences,
  swapSpelling,
  withoutApostrophes,
  withoutFeelings,
  withoutTimes,
  wordSalad,
} from "./text.js";

export interface Variant {
  /** A sub-kind, for the report: "sarcasm", "hedged"... */
  kind?: string;
  a: string;
  b: string;
}

/** What the family needs to know about the base's own score to decide whether it applies. */
export type Scorer = (text: string) => ReplyScore;

export interface Family {
  id: string;
  /** The expectation in words, as the report prints it. */
  expectation: string;
  /** True for the families today's engine already passes and must keep passing. */
  robust?: boolean;
  variants(base: Base, story: Story, random: Random, score: Scorer): Variant[];
  /** Why the pair breaks the expectation, or undefined when it holds. */
  violation(a: ReplyScore, b: ReplyScore): string | undefined;
}

const level = (r: ReplyScore, id: string): number => r.criteria.find((c) => c.id === id)?.level ?? 0;

function levelsText(r: ReplyScore): string {
  return r.criteria.map((c) => `${c.id} ${c.level}`).join(", ");
}

function sameLevels(a: ReplyScore, b: ReplyScore): string | undefined {
  const changed = a.criteria.filter((c) => level(b, c.id) !== c.level);
  return changed.length === 0 ? undefined : changed.map((c) => `${c.id} ${c.level} -> ${level(b, c.id)}`).join(", ");
}

/** Puts a sentence at the start or the end of a reply. */
function insert(reply: string, sentence: string, random: Random): string {
  const list = sentences(reply);
  if (random() < 0.5) return joinSentences([sentence, ...list]);
  return joinSentences([...list, sentence]);
}

const BLAME_HEDGED = [
  "To be fair, it isn't really down to us.",
  "Honestly, that one's on {who}.",
  "Between us, {who} dropped the ball on this one.",
  "That's really {who}'s mistake, not ours.",
];
const BLAME_INDIRECT = ["{Who} ought to have {oughtTo}.", "If {who} had done their job, you wouldn't be here."];
const BLAME_COLLEAGUE = [
  "My colleague shouldn't have told you that; that was his mistake, not mine.",
  "Whoever you spoke to last time got it wrong, not me.",
];

const OWNING_GENERIC = ["We got this wrong, and I'm sorry.", "That was our mistake, not yours."];

const STOCK_EMPATHY = "I understand your frustration.";

// Small talk that names nothing of any story (no car, bike, bin or money), with and without a feeling word.
const SMALL_TALK = [
  "Dreadful weather this week, eh.",
  "It's been a busy week here.",
  "Quiet in here this morning, for once.",
  "Lovely sunny morning, at least.",
];

export const FAMILIES: Family[] = [
  {
    id: "casual",
    expectation:
      "the same reply typed casually (no apostrophes, u, ur, pls, tmrw/2moro, b4, thx, a few typos): every criterion within 1 level",
    variants: (base, _story, random) =>
      [
        { a: base.reply, b: casual(base.reply, random) },
        { a: base.reply, b: casual(base.reply, random) },
      ].filter((v, i, all) => v.b !== v.a && all.findIndex((w) => w.b === v.b) === i),
    violation: (a, b) => {
      const far = a.criteria.filter((c) => Math.abs(level(b, c.id) - c.level) > 1);
      return far.length === 0 ? undefined : far.map((c) => `${c.id} ${c.level} -> ${level(b, c.id)}`).join(", ");
    },
  },
  {
    id: "apostrophes",
    expectation: "the same reply without apostrophes (Ill, Im, cant, dont, wont, youre, isnt): identical levels",
    variants: (base) => (/['’]/.test(base.reply) ? [{ a: base.reply, b: withoutApostrophes(base.reply) }] : []),
    violation: sameLevels,
  },
  {
    id: "non-commitment",
    expectation:
      "a promise sentence said as sarcasm, a conditional or a counterfactual: ownership and process no higher than the reply without that sentence",
    variants: (base, _story, random) => {
      const list = sentences(base.reply);
      const promise = findPromise(list);
      if (promise === undefined) return [];
      const without = joinSentences(list.filter((_, i) => i !== promise.index));
      return (["sarcasm", "conditional", "counterfactual"] as NonCommitment[]).map((kind) => ({
        kind,
        a: without,
        b: joinSentences(list.map((s, i) => (i === promise.index ? nonCommitment(kind, promise.rest, random) : s))),
      }));
    },
    violation: (a, b) => {
      const higher = ["ownership", "process"].filter((id) => level(b, id) > level(a, id));
      return higher.length === 0 ? undefined : higher.map((id) => `${id} ${level(a, id)} -> ${level(b, id)}`).join(", ");
    },
  },
  {
    id: "blame-added",
    expectation: "a blame sentence added (hedged, indirect, blaming a colleague or the customer): ownership strictly lower",
    variants: (base, story, random, score) => {
      if (level(score(base.reply), "ownership") === 0) return [];
      const third = pick(story.thirdParties, random);
      const fill = (t: string) =>
        capitalise(t.replace("{who}", third.who).replace("{Who}", capitalise(third.who)).replace("{oughtTo}", third.oughtTo));
      const kinds: Array<[string, string]> = [
        ["hedged", fill(pick(BLAME_HEDGED, random))],
        ["indirect", fill(pick(BLAME_INDIRECT, random))],
        ["colleague", pick(BLAME_COLLEAGUE, random)],
        ["customer", pick(story.customerBlame, random)],
      ];
      // Two of the four, so every kind is well represented over all bases.
      const chosen = [kinds[Math.floor(random() * 2)] as [string, string], kinds[2 + Math.floor(random() * 2)] as [string, string]];
      return chosen.map(([kind, sentence]) => ({ kind, a: base.reply, b: insert(base.reply, sentence, random) }));
    },
    violation: (a, b) =>
      level(b, "ownership") < level(a, "ownership") ? undefined : `ownership ${level(a, "ownership")} -> ${level(b, "ownership")}`,
  },
  {
    id: "shuffled",
    expectation: "the words of a good reply (score 50 or more) shuffled, small words kept: score under 20",
    variants: (base, _story, random, score) => {
      if (score(base.reply).score < 50) return [];
      return [
        { a: base.reply, b: wordSalad(base.reply, random) },
        { a: base.reply, b: wordSalad(base.reply, random) },
      ];
    },
    violation: (_a, b) =>
      b.score < 20 ? undefined : `scores ${b.score} (${levelsText(b)})${b.flags.length > 0 ? ` [${b.flags.join(", ")}]` : ""}`,
  },
  {
    id: "owning-quoting",
    expectation:
      'owning an earlier failure or quoting what the customer was told ("the answer you got, that it works here, was wrong"): no new flag',
    variants: (base, story, random) => {
      const sentence = pick([...story.owning, ...story.owning, ...OWNING_GENERIC], random);
      return [{ a: base.reply, b: insert(base.reply, sentence, random) }];
    },
    violation: (a, b) => {
      const added = b.flags.filter((f) => !a.flags.includes(f));
      return added.length === 0 ? undefined : `raises ${added.join(", ")}`;
    },
  },
  {
    id: "specific-acknowledgement",
    expectation: `naming the situation without a stock feeling word scores empathy at least as high as "${STOCK_EMPATHY}" in its place`,
    variants: (base, story, random) => {
      const rest = joinSentences(withoutFeelings(sentences(base.reply)));
      const acknowledgement = pick(story.acknowledgements, random);
      return [{ a: joinSentences([STOCK_EMPATHY, rest]), b: joinSentences([acknowledgement, rest]) }];
    },
    violation: (a, b) =>
      level(b, "empathy") >= level(a, "empathy") ? undefined : `empathy ${level(a, "empathy")} (stock) > ${level(b, "empathy")} (specific)`,
  },
  {
    id: "others-promise",
    expectation: '"I\'ll X" rewritten as "the depot / my manager will X": score and ownership strictly lower',
    variants: (base, story, random, score) => {
      if (!/\b(?:I'll|I’ll|I will)\b/.test(base.reply) || hasOtherOwnership(base.reply)) return [];
      if (level(score(base.reply), "ownership") === 0) return [];
      const other = pick([...story.others, "my manager", "the depot"], random);
      return [{ a: base.reply, b: othersPromise(base.reply, other) }];
    },
    violation: (a, b) =>
      b.score < a.score && level(b, "ownership") < level(a, "ownership")
        ? undefined
        : `score ${a.score} -> ${b.score}, ownership ${level(a, "ownership")} -> ${level(b, "ownership")}`,
  },
  // The families today's engine passes: they must stay that way.
  {
    id: "lowercase",
    robust: true,
    expectation: "the same reply in lower case: identical levels",
    variants: (base) => (base.reply.toLowerCase() === base.reply ? [] : [{ a: base.reply, b: base.reply.toLowerCase() }]),
    violation: sameLevels,
  },
  {
    id: "spelling",
    robust: true,
    expectation: "British and American spelling (apologise / apologize, organise, cancelled): identical levels",
    variants: (base) => {
      if (!hasSpellingVariant(base.reply)) return [];
      const all = swapSpelling(base.reply);
      const first = swapSpelling(base.reply, true);
      return [{ a: base.reply, b: all }, ...(first !== all ? [{ a: base.reply, b: first }] : [])];
    },
    violation: sameLevels,
  },
  {
    id: "sentence-order",
    robust: true,
    expectation: "the same sentences in another order: identical levels",
    variants: (base, _story, random) => {
      const list = sentences(base.reply);
      return list.length < 2 ? [] : [{ a: base.reply, b: joinSentences(reordered(list, random)) }];
    },
    violation: sameLevels,
  },
  {
    id: "repetition",
    robust: true,
    expectation: "a sentence said twice: identical levels",
    variants: (base, _story, random) => {
      const list = sentences(base.reply);
      if (list.length === 0) return [];
      const i = Math.floor(random() * list.length);
      return [{ a: base.reply, b: joinSentences([...list.slice(0, i + 1), list[i] as string, ...list.slice(i + 1)]) }];
    },
    violation: sameLevels,
  },
  {
    id: "time-removed",
    robust: true,
    expectation: "every time expression taken out: process no higher",
    variants: (base) => (hasTime(base.reply) ? [{ a: base.reply, b: withoutTimes(base.reply) }] : []),
    violation: (a, b) =>
      level(b, "process") <= level(a, "process") ? undefined : `process ${level(a, "process")} -> ${level(b, "process")}`,
  },
  {
    id: "diagnostic-question",
    robust: true,
    expectation: 'a diagnostic question added ("Which browser are you using?"): no criterion lower',
    variants: (base, story, random) => [{ a: base.reply, b: insert(base.reply, pick(story.diagnostics, random), random) }],
    violation: (a, b) => {
      const lower = a.criteria.filter((c) => level(b, c.id) < c.level);
      return lower.length === 0 ? undefined : lower.map((c) => `${c.id} ${c.level} -> ${level(b, c.id)}`).join(", ");
    },
  },
  {
    id: "small-talk",
    robust: true,
    expectation: 'padded with small talk ("Dreadful weather this week, eh."): identical levels',
    variants: (base, _story, random) => [{ a: base.reply, b: insert(base.reply, pick(SMALL_TALK, random), random) }],
    violation: sameLevels,
  },
];
