/**
 * What the trainee reads about a scored reply, fitted to the scenario: rule and flag feedback with
 * its placeholders filled from the scenario ({customer}, {want}, {wants}, {example}), the scenario's
 * own feedback where it overrides the rubric's, titles instead of rule ids, the one change this
 * reply lacks, and what the top level looks like in this turn's model answer.
 *
 * It reads the scorer only through its outputs (a ReplyScore) and the content: scoring is never
 * changed here. Pure, and cached per rubric, scenario and turn.
 */
import type { RubricSpec, RuleSpec, ScenarioSpec } from "../content/schema.js";
import { analyze } from "./analyze.js";
import { type CriterionScore, type Evidence, MAX_LEVEL, type MissingRule, modelFor, type ReplyScore, scoreWithModel } from "./score.js";

/** Evidence with the title the trainee reads ("A call-back with a time"); JSON keeps the rule id. */
export type TitledEvidence = Evidence & { title?: string };

export interface Tip {
  text: string;
  /** The criterion the tip would raise, or "flag". */
  criterion?: string;
  rule?: string;
}

export interface Exemplar {
  level: number;
  /** The words of the turn's model answer that earn it. */
  quote: string;
}

export interface Coach {
  /** What the trainee reads for a rule, a signal, a ruled-out promise or a flag. */
  title(id: string): string;
  /** A flag's feedback, fitted to the scenario. */
  flagFeedback(flag: string): string | undefined;
  /** A rule's feedback (hit or miss), fitted to the scenario. */
  ruleFeedback(rule: string, kind: "hit" | "miss"): string | undefined;
  /** The score with its feedback fitted to the scenario and titles on the evidence. */
  rewrite(score: ReplyScore): ReplyScore;
  /** A criterion's feedback as the scorer gave it, fitted to the scenario (what `rewrite` puts in `feedback`). */
  criterionFeedback(raw: string): string;
  /**
   * The next step up for a criterion that this reply lacks: for a rule that needs two things, the one
   * not done. `session` says what the trainee has already done and said in the session: a step earned
   * there, or whose example the trainee's own words already say, is not advice (the next one is).
   */
  nextStep(criterion: CriterionScore, fired: ReadonlySet<string>, session?: SessionSoFar): MissingRule | undefined;
  /** The one change worth most for this reply. */
  tip(score: ReplyScore, session?: SessionSoFar): Tip;
  /** What the best level of a criterion looks like in this turn's model answer. */
  exemplar(criterion: string): Exemplar | undefined;
}

/** What the trainee has done so far in a session, so the coach does not ask for it again. */
export interface SessionSoFar {
  /** Rules earned in the session's other replies (earnedIn). */
  done?: ReadonlySet<string>;
  /** The trainee's replies: this one and the others. */
  said?: readonly string[];
}

/** Built-in flags the engine raises whatever the rubric (score.ts's structure flags). */
const BUILT_IN_TITLES: Record<string, string> = { stuffing: "Keyword list", empty: "Empty reply" };

/** Every rule, signal, ruled-out promise and flag that fired in a reply, by id. */
export function firedIn(score: ReplyScore): Set<string> {
  const ids = new Set<string>(score.flags);
  for (const c of score.criteria) for (const e of c.evidence) ids.add(e.rule);
  for (const f of score.flagEvidence) ids.add(f.rule);
  ids.delete("structure");
  return ids;
}

/** The rules that gave a level in a reply (not the ones that cost it). */
export function earnedIn(score: ReplyScore): Set<string> {
  const ids = new Set<string>();
  for (const c of score.criteria) for (const e of c.evidence) if (e.effect === "earned") ids.add(e.rule);
  return ids;
}

const STOP_WORDS = new Set(
  "the and you your for with that this have has will can are was but not our all any its it's i'll i'm i've we'll we're we've they them their there here then than just been from into about would could should also very really".split(
    " ",
  ),
);

/** The words that carry a sentence, roughly stemmed: "I'll call you by 10" -> call, 10. */
function contentWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/’/g, "'")
      .match(/[a-z0-9:'$]+/g) ?? []
  )
    .map((w) => w.replace(/'s$/, "").replace(/(ing|ed|es|s)$/, ""))
    .filter((w) => (w.length > 2 || /\d/.test(w)) && !STOP_WORDS.has(w));
}

/**
 * True when the trainee's reply already says most of what an example says (three in five of its
 * words): showing it as "what to say" would tell them to say what they said. When the scorer did not
 * credit such a reply, the coach keeps quiet about it rather than quote it back.
 */
export function echoes(example: string, reply: string): boolean {
  const wanted = [...new Set(contentWords(example))];
  if (wanted.length < 3) return false;
  const said = new Set(contentWords(reply));
  return wanted.filter((w) => said.has(w)).length / wanted.length >= 0.6;
}

/** The example quoted in a tip: 'Put a time on it: "I'll call you by 10."' -> "I'll call you by 10." */
export function quotedExample(text: string): string | undefined {
  return /["“]([^"”]{8,})["”]/.exec(text)?.[1];
}

/** The first name: "Jess Morgan" -> "Jess". */
function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** The thing the customer wants, in a word or two: the first plain phrase of the scenario's {want}. */
function wantOf(scenario: ScenarioSpec | undefined): string {
  const plain = scenario?.lexicon?.want?.find((w) => /^[a-z][a-z -]*$/i.test(w));
  return plain ?? "what they came for";
}

function wantsOf(scenario: ScenarioSpec | undefined): string {
  const wants = scenario?.customer.wants.trim().replace(/[.!]+$/, "");
  if (wants === undefined || wants === "") return "what they came for";
  return wants[0]?.toLowerCase() + wants.slice(1);
}

/** {example}, {example:rule}, and either with a fallback: {example|I'll call them at 9 tomorrow.} */
const EXAMPLE = /\{example(?::([a-z0-9-]+))?(?:\|([^}]*))?\}/g;
/** An unfilled {example} without a fallback goes with the quote marks and the lead-in before it: 'Put a time on it: "{example}"' -> 'Put a time on it.' */
const EXAMPLE_WITH_LEAD =
  /\s*(?:[:,;–—-]\s*)?(?:(?:for example|e\.g\.|such as|like|as in)\s*:?\s*)?["“'‘(]?\{example(?::[a-z0-9-]+)?\}["”'’)]?/gi;

function feedbackText(spec: RuleSpec, kind: "hit" | "miss"): string {
  return spec.feedback?.[kind] ?? spec.description ?? spec.id;
}

const cache = new WeakMap<RubricSpec, WeakMap<ScenarioSpec | RubricSpec, Map<string, Coach>>>();

export function coachFor(rubric: RubricSpec, scenario?: ScenarioSpec, turn?: string): Coach {
  let byScenario = cache.get(rubric);
  if (byScenario === undefined) {
    byScenario = new WeakMap();
    cache.set(rubric, byScenario);
  }
  const key = scenario ?? rubric;
  let byTurn = byScenario.get(key);
  if (byTurn === undefined) {
    byTurn = new Map();
    byScenario.set(key, byTurn);
  }
  let coach = byTurn.get(turn ?? "");
  if (coach === undefined) {
    coach = makeCoach(rubric, scenario, turn);
    byTurn.set(turn ?? "", coach);
  }
  return coach;
}

function makeCoach(rubric: RubricSpec, scenario: ScenarioSpec | undefined, turn: string | undefined): Coach {
  const model = modelFor(rubric, scenario, turn);
  const specs = new Map<string, RuleSpec>();
  for (const c of model.criteria) for (const r of c.rules) specs.set(r.id, r.spec);
  for (const r of model.ruledOut) if (!specs.has(r.id)) specs.set(r.id, r.spec);
  const flags = rubric.flags ?? {};
  const overrides = scenario?.feedback ?? {};

  // The turn's model answer, scored with the same model: its words for each rule, and its levels.
  const modelAnswer = scenario?.turns.find((t) => t.id === turn)?.model;
  const examples = new Map<string, string>();
  const exemplars = new Map<string, Exemplar>();
  if (modelAnswer !== undefined && modelAnswer.trim() !== "") {
    const scored = scoreWithModel(modelAnswer, model);
    const { sentences, tokens } = analyze(modelAnswer, model.vocabulary);
    const sentenceAt = (offset: number): string => {
      for (const s of sentences) {
        const start = tokens[s.from]?.start ?? 0;
        const end = tokens[s.to - 1]?.end ?? modelAnswer.length;
        if (offset >= start && offset < end) return modelAnswer.slice(start, end).trim();
      }
      return modelAnswer.trim();
    };
    for (const c of scored.criteria) {
      for (const e of c.evidence) if (e.effect === "earned" && !examples.has(e.rule)) examples.set(e.rule, sentenceAt(e.start));
      const best = c.evidence.filter((e) => e.effect === "earned" && e.level === c.level).sort((a, b) => b.level - a.level)[0];
      if (best !== undefined && c.level > 0) exemplars.set(c.id, { level: c.level, quote: sentenceAt(best.start) });
    }
  }

  // A template's text depends only on the template, the rule and this coach's content: filled once.
  const filled = new Map<string | undefined, Map<string, string>>();
  const fill = (template: string, rule: string | undefined): string => {
    let byTemplate = filled.get(rule);
    if (byTemplate === undefined) {
      byTemplate = new Map();
      filled.set(rule, byTemplate);
    }
    let text = byTemplate.get(template);
    if (text === undefined) {
      text = fillTemplate(template, rule);
      byTemplate.set(template, text);
    }
    return text;
  };
  const fillTemplate = (template: string, rule: string | undefined): string => {
    let text = template
      .replace(/\{customer\}/g, scenario === undefined ? "the customer" : firstName(scenario.customer.name))
      .replace(/\{wants\}/g, wantsOf(scenario))
      .replace(/\{want\}/g, wantOf(scenario));
    const exampleFor = (id: string | undefined) => (id === undefined ? undefined : examples.get(id));
    // Fill what can be filled; what cannot goes with its lead-in.
    let unfilled = false;
    text = text.replace(EXAMPLE, (whole, named: string | undefined, fallback: string | undefined) => {
      const found = exampleFor(named ?? rule) ?? fallback;
      if (found === undefined) unfilled = true;
      return found === undefined ? whole : found.replace(/\{/g, "(").replace(/\}/g, ")");
    });
    if (unfilled) {
      text = text.replace(EXAMPLE_WITH_LEAD, "").trim();
      if (!/[.!?]$/.test(text)) text += ".";
    }
    return text;
  };

  // A rule's feedback is fixed for this coach: worked out once per rule and kind.
  const feedbackOf = { hit: new Map<string, string | undefined>(), miss: new Map<string, string | undefined>() };
  const ruleFeedback = (rule: string, kind: "hit" | "miss"): string | undefined => {
    const known = feedbackOf[kind];
    if (known.has(rule)) return known.get(rule);
    const spec = specs.get(rule);
    const template = overrides[rule]?.[kind] ?? (spec === undefined ? undefined : feedbackText(spec, kind));
    const text = template === undefined ? undefined : fill(template, rule);
    known.set(rule, text);
    return text;
  };
  const flagFeedback = (flag: string): string | undefined => {
    const template = overrides[flag]?.hit ?? flags[flag]?.feedback;
    return template === undefined ? undefined : fill(template, undefined);
  };

  // The scorer picks a criterion's feedback by its own precedence and returns only the text: the
  // raw texts map back to what they stand for.
  const byRawText = new Map<string, string>();
  for (const [id, spec] of specs)
    for (const kind of ["hit", "miss"] as const) {
      const raw = feedbackText(spec, kind);
      if (!byRawText.has(raw)) byRawText.set(raw, ruleFeedback(id, kind) ?? raw);
    }
  for (const flag of Object.keys(flags)) {
    const raw = flags[flag]?.feedback;
    if (raw !== undefined && !byRawText.has(raw)) byRawText.set(raw, flagFeedback(flag) ?? raw);
  }

  const title = (id: string): string => {
    const spec = specs.get(id);
    return spec?.title ?? flags[id]?.title ?? spec?.description ?? BUILT_IN_TITLES[id] ?? id;
  };
  /** A cost shows the flag it raised ("Blame-shifting"), not the rule that raised it. */
  const evidenceTitle = (e: Evidence): string => {
    const flag = specs.get(e.rule)?.flag;
    if (e.effect === "lost" && flag !== undefined) return flags[flag]?.title ?? title(e.rule);
    return title(e.rule);
  };

  const saidAlready = (feedback: string, session: SessionSoFar | undefined): boolean => {
    const example = quotedExample(feedback);
    return example !== undefined && (session?.said ?? []).some((reply) => echoes(example, reply));
  };

  const nextStep = (criterion: CriterionScore, fired: ReadonlySet<string>, session?: SessionSoFar): MissingRule | undefined => {
    const done = session?.done ?? new Set<string>();
    const has = (id: string) => fired.has(id) || done.has(id);
    for (const [i, next] of criterion.missing.entries()) {
      // Done in another reply of the session: the trainee knows how; the next step is the advice.
      if (done.has(next.rule)) continue;
      // A step further down is advice only where this turn's model answer shows it (a loan fits a bike shop, not a refund).
      if (i > 0 && !examples.has(next.rule)) continue;
      const requires = specs.get(next.rule)?.requires ?? [];
      let step: MissingRule | undefined;
      // "Make it your case and put a time on it" after a reply that had the time: only the part it lacks.
      if (requires.some(has)) {
        const lacking = requires.filter((r) => !has(r));
        // Every part done somewhere in the session ("deliver, and add a surprise" after the surprise came earlier).
        if (lacking.length === 0 && requires.some((r) => !fired.has(r))) continue;
        for (const r of lacking) {
          const miss = specs.get(r)?.feedback?.miss ?? overrides[r]?.miss;
          if (miss !== undefined) {
            step = { rule: r, gives: next.gives, feedback: ruleFeedback(r, "miss") ?? miss };
            break;
          }
        }
      }
      step ??= { ...next, feedback: ruleFeedback(next.rule, "miss") ?? next.feedback };
      if (saidAlready(step.feedback, session)) continue;
      return step;
    }
    return undefined;
  };

  const criterionFeedback = (raw: string): string => byRawText.get(raw) ?? fill(raw, undefined);

  return {
    title,
    criterionFeedback,
    flagFeedback,
    ruleFeedback,
    nextStep,
    exemplar: (criterion) => exemplars.get(criterion),
    rewrite(score) {
      const criteria = score.criteria.map((c) => ({
        ...c,
        feedback: criterionFeedback(c.feedback),
        evidence: c.evidence.map((e): TitledEvidence => ({ ...e, title: evidenceTitle(e) })),
        missing: c.missing.map((m) => ({ ...m, feedback: ruleFeedback(m.rule, "miss") ?? m.feedback })),
      }));
      return { ...score, criteria };
    },
    tip(score, session) {
      for (const flag of score.flags) {
        const feedback = flagFeedback(flag);
        if (feedback !== undefined) return { text: feedback, criterion: "flag", rule: flag };
      }
      const fired = firedIn(score);
      const bestTip = (so: SessionSoFar | undefined): Tip | undefined => {
        let best: { worth: number; tip: Tip } | undefined;
        for (const c of score.criteria) {
          const next = nextStep(c, fired, so);
          if (next === undefined) continue;
          const worth = (c.weight * (next.gives - c.level)) / MAX_LEVEL;
          if (best === undefined || worth > best.worth) best = { worth, tip: { text: next.feedback, criterion: c.id, rule: next.rule } };
        }
        return best?.tip;
      };
      const found = bestTip(session);
      if (found !== undefined) return found;
      // Every step up was done in another reply, or is in the trainee's words already: say that, not that all is at its best.
      const short = [...score.criteria]
        .filter((c) => c.level < c.max)
        .sort((a, b) => b.weight * (b.max - b.level) - a.weight * (a.max - a.level))[0];
      if (short !== undefined) {
        const earlier = short.missing.some((m) => session?.done?.has(m.rule));
        return {
          text: earlier
            ? `${short.title} is ${short.level}/${short.max} in this reply; an earlier reply of yours shows how to do it: do it again here.`
            : `${short.title} is ${short.level}/${short.max} in this reply, and its usual tip is in your own words already: nothing new to add.`,
          criterion: short.id,
        };
      }
      return { text: "Every criterion is at its best here. Keep doing exactly this." };
    },
  };
}
