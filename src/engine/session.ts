/**
 * The session state machine: which turn the customer is on, their mood, the replies and their
 * scores, and the ledger of commitments. Pure: the caller supplies replies and the time; every
 * step returns a new state.
 */

import { inRange, parseScoreRange } from "../content/expectations.js";
import type { ConditionSpec, Mood, RubricSpec, ScenarioSpec, TurnSpec } from "../content/schema.js";
import { type Commitment, comeDue, extractCommitments, promiseState, toCustomerVoice } from "./ledger.js";
import { MAX_LEVEL, modelFor, type ReplyScore, scoreWithModel, weightedScore } from "./score.js";

export type Mode = "practice" | "assess";

/** Mood 0 (furious) to 10 (pleased); the named moods of the content format sit on this scale. */
export const MOOD_SCALE: Record<Mood, number> = { furious: 0, angry: 2, annoyed: 4, neutral: 5, calm: 7, pleased: 9 };

export function moodName(mood: number): Mood {
  let name: Mood = "furious";
  for (const [n, v] of Object.entries(MOOD_SCALE) as Array<[Mood, number]>) if (mood >= v) name = n;
  return name;
}

export interface CustomerLine {
  turn: string;
  /** A time skip shown before the line: "The next day, 12:15". */
  skip?: string;
  narration?: string;
  text: string;
}

export interface Exchange {
  turn: string;
  customer: CustomerLine;
  reply: string;
  score: ReplyScore;
  commitments: Commitment[];
  moodBefore: number;
  moodAfter: number;
  next: string;
}

export interface SessionState {
  scenario: string;
  rubric: string;
  mode: Mode;
  startedAt: string;
  /** The turn waiting for a reply, or "end". */
  turn: string;
  mood: number;
  /** What the customer is saying now (undefined once the session ended). */
  line: CustomerLine | undefined;
  exchanges: Exchange[];
  ledger: Commitment[];
  ended: boolean;
  ending?: string;
}

function turnById(scenario: ScenarioSpec, id: string): TurnSpec | undefined {
  return scenario.turns.find((t) => t.id === id);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** A time skip to the next day: "The next day, 12:15", "The following morning". */
const NEXT_DAY = /\b(next|following) (day|morning|afternoon|evening)\b|\btomorrow\b/i;

/** A promise's time as the customer says it a day later: "first thing tomorrow" -> "first thing today". */
export function aDayLater(due: string): string {
  return due
    .replace(/\btomorrow (morning|afternoon|evening)\b/gi, "this $1")
    .replace(/\btonight\b/gi, "last night")
    .replace(/\btoday\b/gi, "yesterday")
    .replace(/\btomorrow\b/gi, "today");
}

/** What the customer says at a turn, given the promises made so far. */
export function customerLine(turn: TurnSpec, ledger: readonly Commitment[]): CustomerLine {
  const line: CustomerLine = { turn: turn.id, text: "" };
  if (turn.skip !== undefined) line.skip = turn.skip;
  if (turn.narration !== undefined) line.narration = turn.narration;
  if (typeof turn.customer === "string") {
    line.text = turn.customer;
    return line;
  }
  const state = promiseState(ledger);
  // The customer holds you to the main promise of the latest turn that made a dated one.
  const lastTimed = [...ledger].reverse().find((c) => !c.vague);
  const timed = lastTimed === undefined ? undefined : ledger.find((c) => !c.vague && c.turn === lastTimed.turn);
  const any = ledger.at(-1);
  if (state === "timed" && turn.customer.timed !== undefined && timed !== undefined) {
    const due = turn.skip !== undefined && NEXT_DAY.test(turn.skip) ? aDayLater(timed.due ?? "") : (timed.due ?? "");
    line.text = fill(turn.customer.timed, { promise: toCustomerVoice(timed.what), due });
  } else if (state !== "none" && turn.customer.vague !== undefined && any !== undefined) {
    line.text = fill(turn.customer.vague, { promise: toCustomerVoice(any.what), due: "" });
  } else line.text = turn.customer.none;
  return line;
}

export function startSession(scenario: ScenarioSpec, rubric: RubricSpec, options: { mode: Mode; now: Date }): SessionState {
  const first = scenario.turns[0];
  return {
    scenario: scenario.id,
    rubric: rubric.id,
    mode: options.mode,
    startedAt: options.now.toISOString(),
    turn: first?.id ?? "end",
    mood: MOOD_SCALE[scenario.customer.mood],
    line: first === undefined ? undefined : customerLine(first, []),
    exchanges: [],
    ledger: [],
    ended: first === undefined,
  };
}

export interface BranchFacts {
  score: ReplyScore;
  ledger: readonly Commitment[];
}

export function conditionHolds(condition: ConditionSpec | undefined, facts: BranchFacts): boolean {
  if (condition === undefined) return true;
  const levels = new Map(facts.score.criteria.map((c) => [c.id, c.level]));
  if (condition.flag !== undefined && !facts.score.flags.includes(condition.flag)) return false;
  for (const [id, min] of Object.entries(condition.min ?? {})) if ((levels.get(id) ?? 0) < min) return false;
  for (const [id, max] of Object.entries(condition.max ?? {})) if ((levels.get(id) ?? 0) > max) return false;
  if (condition.score !== undefined) {
    const range = parseScoreRange(condition.score);
    if (range === undefined || !inRange(facts.score.score, range)) return false;
  }
  if (condition.asked !== undefined && condition.asked !== facts.score.question) return false;
  if (condition.promise !== undefined && condition.promise !== promiseState(facts.ledger)) return false;
  return true;
}

/** When a branch does not say how the mood moves: blame angers, a good reply calms. */
function defaultMoodShift(score: ReplyScore): number {
  if (score.flags.some((f) => f === "blame" || f === "works-here" || f === "deflection")) return -2;
  if (score.score >= 67) return 1;
  if (score.score < 34) return -1;
  return 0;
}

const clampMood = (mood: number) => Math.max(0, Math.min(10, mood));

function endingFor(scenario: ScenarioSpec, mood: number): string {
  for (const ending of scenario.endings) if (ending.mood === undefined || mood >= MOOD_SCALE[ending.mood]) return ending.text;
  return scenario.endings.at(-1)?.text ?? "";
}

/** Scores a reply to the current turn, updates the ledger and the mood, and moves to the next turn. */
export function applyReply(state: SessionState, reply: string, scenario: ScenarioSpec, rubric: RubricSpec): SessionState {
  const turn = turnById(scenario, state.turn);
  if (state.ended || turn === undefined || state.line === undefined) return state;
  const model = modelFor(rubric, scenario, turn.id);
  const score = scoreWithModel(reply, model, { turn: turn.id });
  const commitments = extractCommitments(reply, turn.id, model);
  let ledger = [...state.ledger, ...commitments];
  const branch = turn.branches.find((b) => conditionHolds(b.if, { score, ledger }));
  const moodAfter = clampMood(state.mood + (branch?.mood ?? defaultMoodShift(score)));
  const next = branch?.next ?? "end";
  const exchange: Exchange = { turn: turn.id, customer: state.line, reply, score, commitments, moodBefore: state.mood, moodAfter, next };
  const nextTurn = next === "end" ? undefined : turnById(scenario, next);
  if (nextTurn?.skip !== undefined) ledger = comeDue(ledger);
  const updated: SessionState = {
    ...state,
    turn: nextTurn?.id ?? "end",
    mood: moodAfter,
    line: nextTurn === undefined ? undefined : customerLine(nextTurn, ledger),
    exchanges: [...state.exchanges, exchange],
    ledger,
    ended: nextTurn === undefined,
  };
  if (nextTurn === undefined) updated.ending = endingFor(scenario, moodAfter);
  return updated;
}

export interface Change {
  criterion: string;
  rule: string;
  feedback: string;
  /** How much fixing this would add, for ordering. */
  worth: number;
}

export interface SessionCriterion {
  id: string;
  title: string;
  /** Rounded mean of the turns' levels. */
  level: number;
  mean: number;
  max: number;
  weight: number;
}

export interface SessionResult {
  scenario: string;
  rubric: string;
  mode: Mode;
  partial: boolean;
  turns: number;
  score: number;
  criteria: SessionCriterion[];
  flags: string[];
  /** The three most useful changes, most useful first. */
  changes: Change[];
  /** The weakest turn, with the trainee's reply and the model answer. */
  weakest?: { turn: string; reply: string; model: string; score: number };
  ledger: Commitment[];
  ending?: string;
  finalMood: number;
}

/** The scorecard for a finished or partial session. */
export function summarise(state: SessionState, scenario: ScenarioSpec, rubric: RubricSpec): SessionResult {
  const exchanges = state.exchanges;
  const criteria: SessionCriterion[] = rubric.criteria.map((c) => {
    const levels = exchanges.map((e) => e.score.criteria.find((x) => x.id === c.id)?.level ?? 0);
    const mean = levels.length === 0 ? 0 : levels.reduce((a, b) => a + b, 0) / levels.length;
    return { id: c.id, title: c.title, level: Math.round(mean), mean, max: MAX_LEVEL, weight: c.weight };
  });
  const flags = [...new Set(exchanges.flatMap((e) => e.score.flags))];

  const changes = new Map<string, Change>();
  for (const flag of flags) {
    const feedback = rubric.flags?.[flag]?.feedback;
    if (feedback !== undefined) changes.set(`flag:${flag}`, { criterion: "flag", rule: flag, feedback, worth: 100 });
  }
  for (const exchange of exchanges) {
    for (const c of exchange.score.criteria) {
      const next = c.missing[0];
      if (next === undefined) continue;
      const worth = (c.weight * (next.gives - c.level)) / MAX_LEVEL;
      const prior = changes.get(next.rule);
      if (prior === undefined) changes.set(next.rule, { criterion: c.id, rule: next.rule, feedback: next.feedback, worth });
      else prior.worth += worth;
    }
  }
  for (const c of state.ledger) {
    if (c.status === "vague" && !changes.has("ledger:vague")) {
      changes.set("ledger:vague", {
        criterion: "process",
        rule: "vague-promise",
        feedback: `Your promise "${c.quote}" had no time, and the customer came back to it. Say by when.`,
        worth: 50,
      });
    }
  }
  const sortedChanges = [...changes.values()].sort((a, b) => b.worth - a.worth).slice(0, 3);

  let weakest: SessionResult["weakest"];
  for (const e of exchanges) {
    if (weakest === undefined || e.score.score < weakest.score) {
      weakest = { turn: e.turn, reply: e.reply, model: turnById(scenario, e.turn)?.model ?? "", score: e.score.score };
    }
  }
  const result: SessionResult = {
    scenario: state.scenario,
    rubric: state.rubric,
    mode: state.mode,
    partial: !state.ended,
    turns: exchanges.length,
    score: exchanges.length === 0 ? 0 : weightedScore(criteria.map((c) => ({ level: c.mean, weight: c.weight }))),
    criteria,
    flags,
    changes: sortedChanges,
    ledger: state.ledger,
    finalMood: state.mood,
  };
  if (weakest !== undefined) result.weakest = weakest;
  if (state.ending !== undefined) result.ending = state.ending;
  return result;
}
