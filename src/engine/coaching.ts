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
  /** The next step up for a criterion that this reply lacks: for a rule that needs two things, the one not done. */
  nextStep(criterion: CriterionScore, fired: ReadonlySet<string>): MissingRule | undefined;
  /** The one change worth most for this reply. */
  tip(score: ReplyScore): Tip;
  /** What the best level of a criterion looks like in this turn's model answer. */
  exemplar(criterion: string): Exemplar | undefined;
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

  const fill = (template: string, rule: string | undefined): string => {
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

  const ruleFeedback = (rule: string, kind: "hit" | "miss"): string | undefined => {
    const spec = specs.get(rule);
    const template = overrides[rule]?.[kind] ?? (spec === undefined ? undefined : feedbackText(spec, kind));
    return template === undefined ? undefined : fill(template, rule);
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

  const nextStep = (criterion: CriterionScore, fired: ReadonlySet<string>): MissingRule | undefined => {
    const next = criterion.missing[0];
    if (next === undefined) return undefined;
    const requires = specs.get(next.rule)?.requires ?? [];
    // "Make it your case and put a time on it" after a reply that had the time: only the part it lacks.
    if (requires.some((r) => fired.has(r))) {
      for (const r of requires) {
        if (fired.has(r)) continue;
        const miss = specs.get(r)?.feedback?.miss ?? overrides[r]?.miss;
        if (miss !== undefined) return { rule: r, gives: next.gives, feedback: ruleFeedback(r, "miss") ?? miss };
      }
    }
    return { ...next, feedback: ruleFeedback(next.rule, "miss") ?? next.feedback };
  };

  return {
    title,
    flagFeedback,
    ruleFeedback,
    nextStep,
    exemplar: (criterion) => exemplars.get(criterion),
    rewrite(score) {
      const criteria = score.criteria.map((c) => ({
        ...c,
        feedback: byRawText.get(c.feedback) ?? fill(c.feedback, undefined),
        evidence: c.evidence.map((e): TitledEvidence => ({ ...e, title: evidenceTitle(e) })),
        missing: c.missing.map((m) => ({ ...m, feedback: ruleFeedback(m.rule, "miss") ?? m.feedback })),
      }));
      return { ...score, criteria };
    },
    tip(score) {
      for (const flag of score.flags) {
        const feedback = flagFeedback(flag);
        if (feedback !== undefined) return { text: feedback, criterion: "flag", rule: flag };
      }
      const fired = firedIn(score);
      let best: { worth: number; tip: Tip } | undefined;
      for (const c of score.criteria) {
        const next = nextStep(c, fired);
        if (next === undefined) continue;
        const worth = (c.weight * (next.gives - c.level)) / MAX_LEVEL;
        if (best === undefined || worth > best.worth) best = { worth, tip: { text: next.feedback, criterion: c.id, rule: next.rule } };
      }
      return best?.tip ?? { text: "Every criterion is at its best here. Keep doing exactly this." };
    },
  };
}
