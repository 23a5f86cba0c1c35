/**
 * Scores one reply against a compiled model: a level 0-3 per criterion, the overall score 0-100
 * and, for every decision, the quoted words and the rule that earned or cost the level.
 * Pure: text and content in, data out.
 */
import type { RubricSpec, ScenarioSpec } from "../content/schema.js";
import { type Actor, actorOf } from "./actor.js";
import { type Analysis, analyze, type Sentence, type Token } from "./analyze.js";
import { type CriterionWeights, type Features, featuresOf, type Weighting, weigh } from "./features.js";
import { type CompiledCriterion, type CompiledRule, compileModel, type ScoringModel } from "./model.js";
import { type Lexicon, matchIndexed, type PatternNode, spansIn, type WordView } from "./pattern.js";
import { clauseAround, clauseBreaks, type Stance, stanceOf } from "./stance.js";
import { findSalad } from "./structure.js";

export const MAX_LEVEL = 3;
/** Replies longer than this are scored on their beginning: no chat reply is longer. */
export const MAX_REPLY_CHARS = 20_000;

export interface Evidence {
  quote: string;
  rule: string;
  /** "earned": the rule gave a level; "lost": it capped the criterion (a violation). */
  effect: "earned" | "lost";
  level: number;
  /** Character offsets of the quote in the reply. */
  start: number;
  end: number;
}

export interface MissingRule {
  rule: string;
  gives: number;
  feedback: string;
}

export interface CriterionScore {
  id: string;
  title: string;
  level: number;
  max: number;
  weight: number;
  evidence: Evidence[];
  feedback: string;
  /** Rules that would have raised the level, most useful first. */
  missing: MissingRule[];
}

export interface FlagHit {
  id: string;
  rule: string;
  quote: string;
  start: number;
  end: number;
}

export interface ReplyScore {
  score: number;
  criteria: CriterionScore[];
  flags: string[];
  flagEvidence: FlagHit[];
  /** True when the reply was longer than MAX_REPLY_CHARS and only its beginning was scored. */
  truncated: boolean;
  question: boolean;
}

interface Hit {
  rule: CompiledRule;
  start: number;
  end: number;
  /** The most this hit may give: an offer made as a question is a weak commitment. */
  limit?: number;
}

/** A sentence prepared for matching: its words and the tokens. */
interface Prepared {
  analysis: Analysis;
  views: WordView[];
  /** Token index of each sentence's first token. */
  froms: number[];
  question: boolean[];
  stance: Stance;
  /** Sentences holding a promise the scenario's facts rule out. */
  /** Per token: 1 in a clause that promises what the facts rule out. */
  ruledOut: Uint8Array;
  /** Where in the conversation the reply is. */
  turn: { later: boolean; skip: boolean };
}

function prepare(text: string, analysis: Analysis = analyze(text)): Prepared {
  const views: WordView[] = [];
  const froms: number[] = [];
  const question: boolean[] = [];
  for (const sentence of analysis.sentences) {
    const words: number[] = [];
    for (let i = sentence.from; i < sentence.to; i++) {
      const type = (analysis.tokens[i] as Token).type;
      if (type !== "punctuation" && type !== "tabCRLF" && type !== "emoticon" && type !== "emoji") words.push(i);
    }
    // Every field the matcher fills in later, there from the start: views keep one layout.
    views.push({
      tokens: analysis.tokens,
      words,
      ids: undefined,
      memo: undefined,
      spans: undefined,
      indexed: undefined,
      complete: undefined,
      present: undefined,
    });
    froms.push(sentence.from);
    question.push(sentence.question);
  }
  return {
    analysis,
    views,
    froms,
    question,
    stance: stanceOf(analysis),
    ruledOut: new Uint8Array(analysis.tokens.length),
    turn: { later: false, skip: false },
  };
}

/**
 * After the index has matched the sentences: is a pattern matched in none of them, known without
 * looking at them one by one? Yes when the index matched it in every sentence and found it in none.
 * Most rules' own words are nowhere in a reply, and stop here.
 */
function unsaidIn(views: WordView[]): (node: PatternNode) => boolean {
  const said = new Set<PatternNode>();
  // The index's sets of patterns the sentences were matched for (one for questions, one for the rest).
  const matched: Array<ReadonlySet<PatternNode>> = [];
  for (const view of views) {
    for (const node of view.spans?.keys() ?? []) said.add(node);
    if (view.indexed !== undefined && !matched.includes(view.indexed)) matched.push(view.indexed);
  }
  // A sentence the index did not match is looked at as before.
  if (views.some((view) => view.indexed === undefined)) return () => false;
  return (node) => {
    if (said.has(node)) return false;
    // Indexed, not for-of: asked once per rule of every reply, and one or two sets long.
    for (let k = 0; k < matched.length; k++) if (!(matched[k] as ReadonlySet<PatternNode>).has(node)) return false;
    return true;
  };
}

/** Does a rule read only the trainee's own assertions (commitments, done work, flags)? */
function isAsserted(rule: CompiledRule): boolean {
  return rule.spec.asserted ?? (rule.spec.actor !== undefined || rule.spec.flag !== undefined);
}

const NOMINATIVE = new Set(["i", "we", "you", "he", "she", "they"]);

function matchActor(tokens: Token[], view: WordView, from: number, to: number, sentenceFrom: number): Actor {
  const first = tokens[view.words[from] as number] as Token;
  if (NOMINATIVE.has(first.normal)) return actorOf(tokens, view.words[from] as number, sentenceFrom);
  let head = view.words[from] as number;
  for (let p = from; p < to; p++) {
    const t = tokens[view.words[p] as number] as Token;
    if (t.pos === "VERB" || t.pos === "AUX") {
      head = view.words[p] as number;
      break;
    }
  }
  return actorOf(tokens, head, sentenceFrom);
}

function actorAllowed(wanted: NonNullable<CompiledRule["spec"]["actor"]>, actor: Actor): boolean {
  if (wanted === "any") return true;
  if (wanted === "we") return actor === "self" || actor === "team";
  return wanted === actor;
}

function firstMatch(node: PatternNode, view: WordView, lexicon: Lexicon): { from: number; to: number } | undefined {
  return spansIn(node, view, lexicon)[0];
}

/** The first place in the reply (or in sentence `only`) where the rule and all its conditions hold. */
function findHit(rule: CompiledRule, prepared: Prepared, model: ScoringModel, only?: number): Hit | undefined {
  const { spec } = rule;
  const { lexicon } = model;
  const tokens = prepared.analysis.tokens;
  const { stance } = prepared;
  const asserted = isAsserted(rule);
  const flag = spec.flag === undefined ? undefined : model.flags[spec.flag];
  if (spec.at === "opening" && prepared.turn.later) return undefined;
  if (spec.at === "later" && !prepared.turn.later) return undefined;
  if (spec.at === "after-skip" && !prepared.turn.skip) return undefined;
  if (spec.at === "no-skip" && prepared.turn.skip) return undefined;
  let weak: Hit | undefined;
  for (let s = only ?? 0; s < (only === undefined ? prepared.views.length : only + 1); s++) {
    const view = prepared.views[s] as WordView;
    if (view.words.length === 0) continue;
    if (spec.question !== undefined && spec.question !== prepared.question[s]) continue;
    // Words the trainee reports, imagines or judges wrong are not what they say they will do.
    if (asserted && spec.flag === undefined && stance.hypothetical[s] === true) continue;
    const unlessDisowned = flag?.["unless-disowned"] === true && stance.disowned[s] === true;
    // The rule's own words first: most sentences stop here, before its conditions are looked for.
    const spans = spansIn(rule.match, view, lexicon);
    if (spans.length === 0) continue;
    if (rule.without !== undefined && firstMatch(rule.without, view, lexicon) !== undefined) continue;
    let extra: { from: number; to: number } | undefined;
    if (rule.with !== undefined) {
      // What a commitment is said with is the trainee's own word too: not the "first thing" they quote.
      extra = spansIn(rule.with, view, lexicon).find(
        (w) =>
          !asserted ||
          !(
            touches(stance.reported, view, w.from, w.to) ||
            touches(stance.imagined, view, w.from, w.to) ||
            touches(prepared.ruledOut, view, w.from, w.to)
          ),
      );
      if (extra === undefined) continue;
    }
    for (const span of spans) {
      if (asserted && touches(stance.reported, view, span.from, span.to)) continue;
      if (unlessDisowned && touches(stance.disownedWords, view, span.from, span.to)) continue;
      if (asserted && spec.flag === undefined && touches(stance.imagined, view, span.from, span.to)) continue;
      const firstToken = view.words[span.from] as number;
      const negated = span.to > span.from && hasOuterNegation(tokens, view, span.from, span.to, firstToken);
      const wantNegated = spec.negated ?? false;
      if (wantNegated !== "any" && wantNegated !== negated) continue;
      if (spec.actor !== undefined && spec.actor !== "any") {
        const actor = matchActor(tokens, view, span.from, span.to, prepared.froms[s] as number);
        if (!actorAllowed(spec.actor, actor)) continue;
      }
      const from = Math.min(span.from, extra?.from ?? span.from);
      const to = Math.max(span.to, extra?.to ?? span.to);
      // Quote the subject with its verb: "I'll get", not "'ll get".
      let startIndex = view.words[from] as number;
      const before = tokens[startIndex - 1];
      if (
        before !== undefined &&
        before.sentence === (tokens[startIndex] as Token).sentence &&
        before.pos === "PRON" &&
        /^(AUX|VERB|PART)$/.test((tokens[startIndex] as Token).pos)
      )
        startIndex--;
      const startToken = tokens[startIndex] as Token;
      const endToken = tokens[view.words[to - 1] as number] as Token;
      const hit: Hit = { rule, start: startToken.start, end: endToken.end };
      // A commitment asked as a question is an offer: it counts, as a weak one, if nothing firmer does.
      if (spec.offer !== undefined && spec.question !== true && touches(stance.asked, view, span.from, span.to)) {
        weak ??= { ...hit, limit: spec.offer };
        continue;
      }
      // A promise the facts rule out earns nothing beyond a weak commitment; the rest counts as usual.
      if (asserted && spec.flag === undefined && touches(prepared.ruledOut, view, span.from, span.to)) {
        weak ??= { ...hit, limit: 1 };
        continue;
      }
      return hit;
    }
  }
  return weak;
}

/**
 * Marks the clause of sentence `s` a ruled-out promise sits in: "I'll refund it right now and I
 * guarantee it's back tomorrow" rules out the guarantee, not the refund. False when already marked.
 */
function markRuledOut(prepared: Prepared, s: number, hit: Hit): boolean {
  const { tokens, sentences } = prepared.analysis;
  const sentence = sentences[s] as Sentence;
  let at = sentence.from;
  while (at + 1 < sentence.to && (tokens[at] as Token).end <= hit.start) at++;
  if (prepared.ruledOut[at] === 1) return false;
  const breaks = clauseBreaks(tokens, sentence.from, sentence.to, true, true);
  const clause = clauseAround(breaks, sentence.from, sentence.to, at);
  // "..., I guarantee it", "..., you have my word": a short clause vouches for the one before it.
  if (wordsIn(tokens, clause.from, clause.to) <= 4 && clause.from > sentence.from)
    clause.from = clauseAround(breaks, sentence.from, sentence.to, clause.from - 1).from;
  // "you'll have it by Wednesday, I'll make sure of it": a short clause after it vouches for it too.
  if (clause.to < sentence.to) {
    const next = clauseAround(breaks, sentence.from, sentence.to, clause.to);
    if (wordsIn(tokens, next.from, next.to) <= 7 && tokens.slice(next.from, next.to).some((t) => VOUCHING.has(t.normal)))
      clause.to = next.to;
  }
  prepared.ruledOut.fill(1, clause.from, clause.to);
  return true;
}

const VOUCHING = new Set(["sure", "promise", "guarantee", "word", "percent", "definitely", "deffo"]);

function wordsIn(tokens: Token[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if ((tokens[i] as Token).type === "word" && !/^(and|but|however)$/.test((tokens[i] as Token).normal)) n++;
  return n;
}

/** Does any word of the span carry the mark? */
function touches(marks: Uint8Array, view: WordView, from: number, to: number): boolean {
  for (let p = from; p < to; p++) if (marks[view.words[p] as number] === 1) return true;
  return false;
}

/** Is a word of the match negated by a word before the match ("I won't call", "not our fault")? */
function hasOuterNegation(tokens: Token[], view: WordView, from: number, to: number, firstToken: number): boolean {
  for (let p = from; p < to; p++) {
    const negator = (tokens[view.words[p] as number] as Token).negator;
    if (negator >= 0 && negator < firstToken) return true;
  }
  return false;
}

/**
 * Repeating a cue is not saying more: a sentence of six or more words that is mostly the same few
 * words again ("sorry sorry sorry, call call call") is flagged like a list, and so is a string of
 * one- and two-word exclamations.
 */
function findRepeats(prepared: Prepared): { start: number; end: number } | undefined {
  const tokens = prepared.analysis.tokens;
  // "Sorry! Attached! Within the hour!": a string of one- or two-word exclamations is a list too.
  const fragments = prepared.views.filter((v) => v.words.length > 0 && v.words.length <= 2);
  if (fragments.length >= 4 && fragments.length / prepared.views.length >= 0.5) {
    const all = prepared.views.flatMap((v) => v.words);
    return { start: (tokens[all[0] as number] as Token).start, end: (tokens[all[all.length - 1] as number] as Token).end };
  }
  for (const view of prepared.views) {
    if (view.words.length < 6) continue;
    const seen = new Map<string, number>();
    let repeats = 0;
    const n = view.words.length;
    for (let i = 0; i < n; i++) {
      const t = tokens[view.words[i] as number] as Token;
      const count = (seen.get(t.lemma) ?? 0) + 1;
      seen.set(t.lemma, count);
      if (count > 1) repeats++;
      // Once even every word left repeating could not make half of them repeats, the rest is not read.
      if ((repeats + (n - 1 - i)) / n <= 0.5) break;
    }
    if (repeats / view.words.length > 0.5) {
      const first = tokens[view.words[0] as number] as Token;
      const last = tokens[view.words[view.words.length - 1] as number] as Token;
      return { start: first.start, end: last.end };
    }
  }
  return undefined;
}

/** A raised flag and the limits it puts on criteria. */
interface FlagCap {
  id: string;
  rule: string;
  quote: string;
  start: number;
  end: number;
  caps: Record<string, number>;
  /** A level at least this high, earned in the same reply, survives the cap. */
  spares: Record<string, number>;
  feedback: string;
}

const STRUCTURE_FLAGS: Record<string, { title: string; feedback: string; level: number }> = {
  stuffing: {
    title: "Keyword list",
    feedback: "Write to the customer in sentences: a list of the right words is not a reply, and it earns nothing more.",
    level: 0,
  },
  empty: { title: "Empty reply", feedback: "Say something to the customer: an empty reply scores nothing.", level: 0 },
};

function feedbackText(rule: CompiledRule, kind: "hit" | "miss"): string {
  return rule.spec.feedback?.[kind] ?? rule.spec.description ?? rule.id;
}

function scoreCriterion(criterion: CompiledCriterion, hits: Map<string, Hit>, text: string, flagCaps: FlagCap[]): CriterionScore {
  // A rule counts when it matched and every rule it requires counts too (a cycle counts as not).
  const memo = new Map<string, boolean>();
  // A required rule counts only when it fired in full (not as an offer).
  const firm = (id: string): boolean => hits.has(id) && hits.get(id)?.limit === undefined;
  const fired = (rule: CompiledRule): boolean => {
    if (!hits.has(rule.id)) return false;
    const requires = rule.spec.requires;
    if (requires === undefined || requires.length === 0) return true;
    const known = memo.get(rule.id);
    if (known !== undefined) return known;
    memo.set(rule.id, false);
    const result = requires.every((id) => {
      const required = criterion.byId.get(id);
      return required === undefined ? firm(id) : fired(required) && firm(id);
    });
    memo.set(rule.id, result);
    return result;
  };
  let level = 0;
  let best: CompiledRule | undefined;
  let cap = MAX_LEVEL;
  let capRule: CompiledRule | undefined;
  const evidence: Evidence[] = [];
  for (const rule of criterion.rules) {
    if (!fired(rule)) continue;
    const hit = hits.get(rule.id) as Hit;
    const quote = text.slice(hit.start, hit.end);
    if (rule.spec.gives !== undefined) {
      const gives = Math.min(rule.spec.gives, hit.limit ?? MAX_LEVEL);
      evidence.push({ quote, rule: rule.id, effect: "earned", level: gives, start: hit.start, end: hit.end });
      if (gives > level || (gives === level && best === undefined)) {
        level = gives;
        best = rule;
      }
    }
    if (rule.spec.caps !== undefined) {
      evidence.push({ quote, rule: rule.id, effect: "lost", level: rule.spec.caps, start: hit.start, end: hit.end });
      if (rule.spec.caps < cap) {
        cap = rule.spec.caps;
        capRule = rule;
      }
    }
  }
  let capFlag: FlagCap | undefined;
  for (const flagCap of flagCaps) {
    const limit = flagCap.caps[criterion.id];
    if (limit === undefined) continue;
    // "Blame costs ownership; a refund actually done in the same reply still counts for outcome."
    const spared = flagCap.spares[criterion.id];
    if (spared !== undefined && level >= spared) continue;
    // A raised flag costs this criterion whatever else was said: show the words that cost it.
    evidence.push({ quote: flagCap.quote, rule: flagCap.rule, effect: "lost", level: limit, start: flagCap.start, end: flagCap.end });
    if (limit < cap) {
      cap = limit;
      capRule = undefined;
      capFlag = flagCap;
    }
  }
  const capped = level > cap;
  if (capped) level = cap;

  const missing: MissingRule[] = [];
  for (const r of criterion.raising) {
    if ((r.spec.gives as number) > level && !fired(r))
      missing.push({ rule: r.id, gives: r.spec.gives as number, feedback: feedbackText(r, "miss") });
  }

  let feedback: string;
  if (capFlag !== undefined) feedback = capFlag.feedback;
  else if (capRule !== undefined && (capped || level <= cap)) feedback = feedbackText(capRule, "hit");
  else if (level < MAX_LEVEL && missing[0] !== undefined) feedback = missing[0].feedback;
  else if (best !== undefined) feedback = feedbackText(best, "hit");
  else feedback = criterion.levels[String(level) as "0"];

  return { id: criterion.id, title: criterion.title, level, max: MAX_LEVEL, weight: criterion.weight, evidence, feedback, missing };
}

/**
 * The learned weighting's level for a criterion, within what the flags allow. Level 3 stays the
 * rules' own (exemplary: the rule that requires the others); a level the weighting moved quotes the
 * words that moved it most.
 */
function reweigh(
  score: CriterionScore,
  weights: CriterionWeights | undefined,
  features: Features,
  flagCaps: FlagCap[],
  text: string,
  support: number,
  mayLower: boolean,
): void {
  if (weights === undefined) return;
  const verdict = weigh(weights, features, score.level);
  // One step either way at most, and up only as far as a fired rule supports: the rules stay the frame.
  const ruleLevel = Math.min(score.level, 2);
  const stepped = Math.max(mayLower ? ruleLevel - 1 : ruleLevel, Math.min(verdict.level, ruleLevel + 1));
  let level = verdict.level === 2 && score.level === MAX_LEVEL ? MAX_LEVEL : Math.min(stepped, Math.max(support, ruleLevel));
  for (const flagCap of flagCaps) {
    const limit = flagCap.caps[score.id];
    if (limit === undefined) continue;
    const spared = flagCap.spares[score.id];
    if (spared !== undefined && level >= spared) continue;
    level = Math.min(level, limit);
  }
  if (level === score.level) return;
  // Raised: the rule that gives the new level is already in the evidence. Lowered: quote what lowered it.
  const moved = level > score.level || verdict.strongest === undefined ? undefined : features.spans.get(verdict.strongest.name);
  if (moved !== undefined) {
    score.evidence.push({
      quote: text.slice(moved.start, moved.end),
      rule: WEIGHTING_RULE,
      effect: level > score.level ? "earned" : "lost",
      level,
      start: moved.start,
      end: moved.end,
    });
  }
  score.level = level;
  score.missing = score.missing.filter((m) => m.gives > level);
}

/** The rule id that evidence from the learned weighting carries. */
export const WEIGHTING_RULE = "weighting";

/** The overall score 0-100 from levels and weights. */
export function weightedScore(criteria: ReadonlyArray<{ level: number; weight: number }>): number {
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  if (total === 0) return 0;
  const earned = criteria.reduce((sum, c) => sum + (c.weight * c.level) / MAX_LEVEL, 0);
  return Math.round((100 * earned) / total);
}

/** Scores a reply with a compiled model. */
export interface ScoreOptions {
  /** The turn the reply answers: the opening or a later one, after a time skip or not. */
  turn?: string | undefined;
  /** false: the rules' levels only, without the learned weighting (for training and ablation). */
  weighting?: boolean;
  /** Weights to use instead of the model's own (cross-validation). */
  weights?: Weighting;
}

/** Scores a reply with a compiled model. */
export function scoreWithModel(reply: string, model: ScoringModel, options: ScoreOptions = {}): ReplyScore {
  const truncated = reply.length > MAX_REPLY_CHARS;
  const text = truncated ? reply.slice(0, MAX_REPLY_CHARS) : reply;
  return scoreAnalysis(text, analyze(text, model.vocabulary), model, truncated, options);
}

/** What the learned weighting reads of a reply (for training it): the rules' verdict and the words. */
export function replyFeatures(reply: string, model: ScoringModel, turn?: string, words = true): Features {
  let features: Features | undefined;
  const probe: Weighting = { rubric: model.rubricId, reads: words ? "rules and words" : "rules", criteria: {}, trainedOn: "" };
  scoreAnalysis(reply, analyze(reply, model.vocabulary), model, false, { turn, weights: probe }, (f) => {
    features = f;
  });
  return features as Features;
}

/** Scores an analysed reply (the analysis can be shared, e.g. with the commitments ledger). */
export function scoreAnalysis(
  text: string,
  analysis: Analysis,
  model: ScoringModel,
  truncated = false,
  options: ScoreOptions = {},
  onFeatures?: (features: Features) => void,
): ReplyScore {
  const prepared = prepare(text, analysis);
  const turnInfo = options.turn === undefined ? undefined : model.turns.get(options.turn);
  if (turnInfo !== undefined) prepared.turn = turnInfo;
  prepared.views.forEach((view, s) => {
    matchIndexed(model.index, view, model.lexicon, prepared.question[s]);
  });
  const overPromises: Hit[] = [];
  for (const rule of model.ruledOut) {
    for (let s = 0; s < prepared.views.length; s++) {
      const hit = findHit(rule, prepared, model, s);
      if (hit === undefined || !markRuledOut(prepared, s, hit)) continue;
      overPromises.push(hit);
    }
  }
  const hits = new Map<string, Hit>();
  const unsaid = unsaidIn(prepared.views);
  for (const criterion of model.criteria) {
    for (const rule of criterion.rules) {
      if (unsaid(rule.match)) continue;
      const hit = findHit(rule, prepared, model);
      if (hit !== undefined) hits.set(rule.id, hit);
    }
  }
  for (const hit of overPromises) hits.set(`ruled-out:${hit.rule.id}`, hit);
  // A rule with `unless` stops counting when one of those rules fired anywhere in the reply.
  for (const [id, hit] of hits) if (hit.rule.spec.unless?.some((other) => other !== id && hits.has(other)) === true) hits.delete(id);
  const stuffing = findRepeats(prepared) ?? findSalad(analysis);
  const flagEvidence: FlagHit[] = [];
  for (const hit of hits.values()) {
    const flag = hit.rule.spec.flag;
    if (flag === undefined || flagEvidence.some((f) => f.id === flag)) continue;
    flagEvidence.push({ id: flag, rule: hit.rule.id, quote: text.slice(hit.start, hit.end), start: hit.start, end: hit.end });
  }
  if (stuffing !== undefined) {
    flagEvidence.push({
      id: "stuffing",
      rule: "structure",
      quote: text.slice(stuffing.start, stuffing.end),
      start: stuffing.start,
      end: stuffing.end,
    });
  }
  if (text.trim() === "") flagEvidence.push({ id: "empty", rule: "structure", quote: "", start: 0, end: 0 });

  const flagCaps: FlagCap[] = flagEvidence.map((f) => {
    const defined = model.flags[f.id];
    const builtIn = STRUCTURE_FLAGS[f.id];
    const caps: Record<string, number> = { ...(defined?.caps ?? {}) };
    if (builtIn !== undefined && defined?.caps === undefined) for (const c of model.criteria) caps[c.id] = builtIn.level;
    return {
      id: f.id,
      rule: f.rule,
      quote: f.quote,
      start: f.start,
      end: f.end,
      caps,
      spares: defined?.spares ?? {},
      feedback: defined?.feedback ?? builtIn?.feedback ?? f.id,
    };
  });
  const criteria = model.criteria.map((c) => scoreCriterion(c, hits, text, flagCaps));
  const weighting = options.weighting === false ? undefined : (options.weights ?? model.weighting);
  if (weighting !== undefined || onFeatures !== undefined) {
    const turn = turnInfo;
    const features = featuresOf({
      analysis,
      stance: prepared.stance,
      views: prepared.views,
      hits: hits.values(),
      levels: new Map(criteria.map((c) => [c.id, c.level])),
      flags: flagEvidence.map((f) => f.id),
      model,
      ...(turn === undefined ? {} : { turn }),
      words: weighting === undefined || weighting.reads !== "rules",
    });
    onFeatures?.(features);
    if (weighting !== undefined) {
      const words = prepared.views.reduce((n, view) => n + view.words.length, 0);
      const mayLower = words >= (weighting.lowersFrom ?? 0);
      for (const c of criteria) {
        // The weighting may raise a level only as far as a rule that fired in the criterion gives:
        // that rule's words are the evidence, and no reply gets credit the rules never saw.
        let support = c.level;
        for (const rule of model.criteria.find((k) => k.id === c.id)?.rules ?? []) {
          const gives = rule.spec.gives;
          if (gives !== undefined && gives > support && hits.has(rule.id)) support = gives;
        }
        reweigh(c, weighting.criteria[c.id], features, flagCaps, text, support, mayLower);
      }
    }
  }
  return {
    score: weightedScore(criteria),
    criteria,
    flags: flagEvidence.map((f) => f.id),
    flagEvidence,
    truncated,
    question: prepared.question.some(Boolean),
  };
}

const modelCache = new WeakMap<RubricSpec, WeakMap<ScenarioSpec | RubricSpec, Map<string, ScoringModel>>>();

/**
 * The compiled model for a rubric, a scenario and one of its turns, compiled once per set of content
 * objects. A turn without signals of its own shares the scenario's model.
 */
export function modelFor(rubric: RubricSpec, scenario?: ScenarioSpec, turn?: string): ScoringModel {
  let byScenario = modelCache.get(rubric);
  if (byScenario === undefined) {
    byScenario = new WeakMap();
    modelCache.set(rubric, byScenario);
  }
  const key = scenario ?? rubric;
  let byTurn = byScenario.get(key);
  if (byTurn === undefined) {
    byTurn = new Map();
    byScenario.set(key, byTurn);
  }
  // A turn has a model of its own when it has signals, or when some ruled-out promise is limited to certain turns.
  const special =
    turn !== undefined &&
    (scenario?.turns.find((t) => t.id === turn)?.signals !== undefined ||
      (scenario?.["ruled-out"] ?? []).some((r) => r.turns !== undefined));
  const own = special ? (turn as string) : "";
  let model = byTurn.get(own);
  if (model === undefined) {
    model = compileModel(rubric, scenario, own === "" ? undefined : own).model;
    byTurn.set(own, model);
  }
  return model;
}

/** Scores a trainee's reply to a scenario, at one of its turns (the turn's own signals apply), with a rubric. */
export function scoreReply(
  reply: string,
  scenario: ScenarioSpec | undefined,
  turn: string | undefined,
  rubric: RubricSpec,
  options: Omit<ScoreOptions, "turn"> = {},
): ReplyScore {
  return scoreWithModel(reply, modelFor(rubric, scenario, turn), { ...options, turn });
}
