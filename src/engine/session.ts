/**
 * The session state machine: which turn the customer is on, their mood, the replies and their
 * scores, the ledger of commitments and the story so far (what was said, offered, promised and
 * delivered, the turns visited, the story clock). Pure: the caller supplies replies and the time;
 * every step returns a new state.
 */

import { inRange, parseScoreRange } from "../content/expectations.js";
import type { ConditionSpec, Mood, PromiseKind, RubricSpec, ScenarioSpec, TurnSpec } from "../content/schema.js";
import { afterSkip, daysBetween, dueTime, type StoryClock, saidWhen, startClock } from "./clock.js";
import { coachFor, earnedIn, firedIn, type TitledEvidence } from "./coaching.js";
import {
  addToLedger,
  type Commitment,
  comeDue,
  extractCommitments,
  keptByReport,
  kindOf,
  objectSaidBefore,
  promiseState,
  toCustomerVoice,
} from "./ledger.js";
import { evidenceQuote } from "./quote.js";
import { type CriterionScore, MAX_LEVEL, modelFor, type ReplyScore, scoreWithModel, WEIGHTING_RULE, weightedScore } from "./score.js";

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
  /** Earlier attempts at this line (`/retry`), first first; the conversation went on from this one. */
  attempts?: Exchange[];
}

/** How far a thing of the story has come: offered < promised < delivered. */
export type ThingStage = "offered" | "promised" | "delivered";

export interface ThingState {
  stage: ThingStage;
  turn: string;
  /** The ledger promise that promised it: kept at a time skip, the thing is delivered. */
  promise?: string;
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
  /** The scenario's things (see `things:`) offered, promised or delivered so far. */
  things: Record<string, ThingState>;
  /** Rules, signals and flags fired in the replies so far, by id. */
  said: string[];
  /** The turns whose line the customer has said, in order. */
  visited: string[];
  clock: StoryClock;
  /** The turn of the latest time skip. */
  lastSkip?: string;
  /** The state before the last reply, for `/retry` (one step back). */
  undo?: SessionState;
  /** After `/retry`: the attempts the next reply to this line is made after. */
  retried?: Exchange[];
}

function turnById(scenario: ScenarioSpec, id: string): TurnSpec | undefined {
  return scenario.turns.find((t) => t.id === id);
}

function fill(template: string, values: Record<string, string>): string {
  // An empty {due} leaves no gap: "you said you'd {promise} {due}." -> "you said you'd look into it."
  return template
    .replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
    .replace(/ +([.,;:!?])/g, "$1")
    .replace(/ {2,}/g, " ");
}

/** A time skip to the next day: "The next day, 12:15", "The following morning". */
const NEXT_DAY = /\b(next|following) (day|morning|afternoon|evening)\b|\btomorrow\b/i;

/** A promise's time as the customer says it a day later: "first thing tomorrow" -> "first thing today". */
export function aDayLater(due: string): string {
  return due
    .replace(/\bthis (morning|afternoon|evening)\b/gi, "that $1")
    .replace(/\btomorrow (morning|afternoon|evening)\b/gi, "this $1")
    .replace(/\btonight\b/gi, "last night")
    .replace(/\btoday\b/gi, "yesterday")
    .replace(/\btomorrow\b/gi, "today")
    .replace(/\btoday (noon|midday|lunchtime)\b/gi, "$1 today");
}

/** A promise's time said back some days later ("tomorrow" two days on is "the next day"). */
export function saidLater(due: string, days: number): string {
  if (days <= 0) return due;
  if (days === 1) return aDayLater(due);
  return due
    .replace(/\btomorrow\b/gi, "the next day")
    .replace(/\btoday\b/gi, "that day")
    .replace(/\btonight\b/gi, "that night")
    .replace(/\bthis (morning|afternoon|evening|week)\b/gi, "that $1");
}

// ---------------------------------------------------------------------------------------------
// Conditions

/** What a condition is read against: the latest reply and the story so far. */
export interface StoryFacts {
  /** The latest reply's score; undefined before the first reply. */
  score?: ReplyScore;
  /** Rules, signals and flags fired in the latest reply. */
  fired: ReadonlySet<string>;
  /** ... and in the replies before it. */
  firedBefore: ReadonlySet<string>;
  ledger: readonly Commitment[];
  /** Every promise as it was made, in order, before the ledger kept each once (the first format's lines read these). */
  made?: readonly Commitment[];
  things: Readonly<Record<string, ThingState>>;
  visited: ReadonlySet<string>;
  lastSkip?: string;
}

export interface Evaluation {
  holds: boolean;
  /** The promise a ledger condition found: the one `{promise}` and `{due}` quote. */
  promise?: Commitment;
}

const listOf = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const STAGE_RANK: Record<ThingStage, number> = { offered: 1, promised: 2, delivered: 3 };

/** Facts with nothing said yet, or only a score and a ledger (the first format's conditions). */
export function storyFacts(partial: Partial<StoryFacts> = {}): StoryFacts {
  return {
    fired: partial.score === undefined ? new Set() : firedIn(partial.score),
    firedBefore: new Set(),
    ledger: [],
    things: {},
    visited: new Set(),
    ...partial,
  };
}

/** The promise of this kind and status a ledger condition asks about; the latest dated one first. */
function promiseFor(facts: StoryFacts, status: "open" | "due" | "kept" | "missed", kind: PromiseKind): Commitment | undefined {
  const matches = facts.ledger.filter(
    (c) =>
      c.status === status && (kind === "any" || (c.kind ?? kindOf(c.what)) === kind) && (status === "open" || c.cameDue === facts.lastSkip),
  );
  return [...matches].reverse().find((c) => !c.vague) ?? matches.at(-1);
}

export function evaluate(condition: ConditionSpec | undefined, facts: StoryFacts): Evaluation {
  if (condition === undefined) return { holds: true };
  const no: Evaluation = { holds: false };
  const { score } = facts;
  const levels = new Map(score?.criteria.map((c) => [c.id, c.level]) ?? []);
  if (condition.flag !== undefined && score?.flags.includes(condition.flag) !== true) return no;
  for (const [id, min] of Object.entries(condition.min ?? {})) if ((levels.get(id) ?? 0) < min) return no;
  for (const [id, max] of Object.entries(condition.max ?? {})) if ((levels.get(id) ?? 0) > max) return no;
  if (condition.score !== undefined) {
    const range = parseScoreRange(condition.score);
    if (range === undefined || score === undefined || !inRange(score.score, range)) return no;
  }
  if (condition.asked !== undefined && condition.asked !== asksThem(score)) return no;
  if (condition.promise !== undefined && condition.promise !== promiseState(facts.ledger)) return no;
  const said = listOf(condition.said);
  if (said.length > 0 && !said.some((id) => facts.fired.has(id))) return no;
  const before = listOf(condition["said-before"]);
  if (before.length > 0 && !before.some((id) => facts.firedBefore.has(id))) return no;
  for (const stage of ["offered", "promised", "delivered"] as const) {
    const things = listOf(condition[stage]);
    if (things.length === 0) continue;
    const reached = (name: string) => {
      const thing = facts.things[name];
      return thing !== undefined && STAGE_RANK[thing.stage] >= STAGE_RANK[stage];
    };
    if (!things.some(reached)) return no;
  }
  const visited = listOf(condition.visited);
  if (visited.length > 0 && !visited.some((id) => facts.visited.has(id))) return no;
  let promise: Commitment | undefined;
  for (const status of ["open", "due", "kept", "missed"] as const) {
    const kind = condition[status];
    if (kind === undefined) continue;
    const found = promiseFor(facts, status, kind);
    if (found === undefined) return no;
    promise ??= found;
  }
  for (const part of condition.all ?? []) {
    const result = evaluate(part, facts);
    if (!result.holds) return no;
    promise ??= result.promise;
  }
  if (condition.any !== undefined) {
    const result = condition.any.map((part) => evaluate(part, facts)).find((r) => r.holds);
    if (result === undefined) return no;
    promise ??= result.promise;
  }
  if (condition.not !== undefined && evaluate(condition.not, facts).holds) return no;
  return promise === undefined ? { holds: true } : { holds: true, promise };
}

const AFFRONTS = new Set(["blame", "works-here", "deflection", "customer-burden"]);

/**
 * A reply that affronts the customer: it blamed someone, hid behind the process, pushed the work back
 * on them, or lost a criterion outright to a rule that caps it at 0 (dismissing their feelings, a
 * hostile line). The story reads it for the mood and for whether a question was really asked.
 */
export function affronts(score: ReplyScore | undefined): boolean {
  if (score === undefined) return false;
  if (score.flags.some((f) => AFFRONTS.has(f))) return true;
  return score.criteria.some((c) => c.evidence.some((e) => e.effect === "lost" && e.level === 0 && e.rule !== WEIGHTING_RULE));
}

/** Did the reply ask the customer something? "Are you deaf?" and "Do you think you're the only customer?" ask nothing. */
export function asksThem(score: ReplyScore | undefined): boolean {
  return (score?.question ?? false) && !affronts(score);
}

/** A condition on a reply and the ledger: the first format's branches read only these. */
export interface BranchFacts {
  score: ReplyScore;
  ledger: readonly Commitment[];
}

export function conditionHolds(condition: ConditionSpec | undefined, facts: BranchFacts | StoryFacts): boolean {
  return evaluate(condition, "fired" in facts ? facts : storyFacts(facts)).holds;
}

// ---------------------------------------------------------------------------------------------
// What the customer says

interface Spoken {
  line: CustomerLine;
  /** The promises the customer said back. */
  quoted: Commitment[];
}

/**
 * The promise `{promise}` quotes when the variant did not pick one: a call-back that came due at this
 * skip, else one with a time that came due, else the latest with a time (a call-back first), else the latest.
 */
function defaultPromise(facts: StoryFacts): Commitment | undefined {
  const isCallBack = (c: Commitment) => (c.kind ?? kindOf(c.what)) === "call-back";
  const came = facts.ledger.filter((c) => c.cameDue !== undefined && c.cameDue === facts.lastSkip && !c.vague);
  const dated = facts.ledger.filter((c) => !c.vague);
  return came.filter(isCallBack).at(-1) ?? came.at(-1) ?? dated.filter(isCallBack).at(-1) ?? dated.at(-1) ?? facts.ledger.at(-1);
}

function promiseValues(c: Commitment | undefined, days: number, clock?: StoryClock): Record<string, string> {
  if (c === undefined) return {};
  const values: Record<string, string> = {
    promise: toCustomerVoice(c.what),
    due: c.due === undefined ? "" : toCustomerVoice(saidLater(c.due, days)),
  };
  // {when}: when the promise fell due, from now ("this morning", "yesterday", "on Friday").
  const when = clock === undefined ? undefined : saidWhen(c.dueAt ?? c.madeAt, clock);
  if (when !== undefined) {
    values.when = when;
    values.When = when[0]?.toUpperCase() + when.slice(1);
  }
  return values;
}

/** Days passed since a promise, for saying its time back: by the story clock, else by the skip's words. */
function daysSince(c: Commitment | undefined, turn: TurnSpec, clock: StoryClock | undefined): number {
  const byClock = daysBetween(c?.madeAt, clock?.now);
  if (byClock !== undefined) return byClock;
  return turn.skip !== undefined && NEXT_DAY.test(turn.skip) ? 1 : 0;
}

type Variants = ReadonlyArray<{ if?: ConditionSpec; text: string }>;

function pick(variants: Variants, facts: StoryFacts, turn: TurnSpec, clock: StoryClock | undefined): { text: string; quoted?: Commitment } {
  for (const variant of variants) {
    const result = evaluate(variant.if, facts);
    if (!result.holds) continue;
    const quoted = /\{(promise|due|when|When)\}/.test(variant.text) ? (result.promise ?? defaultPromise(facts)) : undefined;
    const text = fill(variant.text, promiseValues(quoted, daysSince(quoted, turn, clock), clock));
    return quoted === undefined ? { text } : { text, quoted };
  }
  return { text: variants.at(-1)?.text ?? "" };
}

function spoken(turn: TurnSpec, facts: StoryFacts, clock?: StoryClock): Spoken {
  const line: CustomerLine = { turn: turn.id, text: "" };
  const quoted: Commitment[] = [];
  if (turn.skip !== undefined) line.skip = turn.skip;
  if (typeof turn.narration === "string") line.narration = turn.narration;
  else if (turn.narration !== undefined) {
    const said = pick(turn.narration, facts, turn, clock);
    line.narration = said.text;
  }
  const customer = turn.customer;
  if (typeof customer === "string") line.text = customer;
  else if (Array.isArray(customer)) {
    const said = pick(customer, facts, turn, clock);
    line.text = said.text;
    if (said.quoted !== undefined) quoted.push(said.quoted);
  } else {
    // The first format: timed / vague / none, by the promises made so far.
    const legacy = customer as { timed?: string; vague?: string; none: string };
    const ledger = facts.made ?? facts.ledger;
    const state = promiseState(ledger);
    // The customer holds you to the main promise of the latest turn that made a dated one.
    const lastTimed = [...ledger].reverse().find((c) => !c.vague);
    const timed = lastTimed === undefined ? undefined : ledger.find((c) => !c.vague && c.turn === lastTimed.turn);
    const any = ledger.at(-1);
    if (state === "timed" && legacy.timed !== undefined && timed !== undefined) {
      const due = turn.skip !== undefined && NEXT_DAY.test(turn.skip) ? aDayLater(timed.due ?? "") : (timed.due ?? "");
      line.text = fill(legacy.timed, { promise: toCustomerVoice(timed.what), due: toCustomerVoice(due) });
      quoted.push(timed);
    } else if (state !== "none" && legacy.vague !== undefined && any !== undefined) {
      line.text = fill(legacy.vague, { promise: toCustomerVoice(any.what), due: "" });
      quoted.push(any);
    } else line.text = legacy.none;
  }
  return { line, quoted };
}

/** What the customer says at a turn, given the promises made so far (and, for variants, the story so far). */
export function customerLine(turn: TurnSpec, ledger: readonly Commitment[], facts?: StoryFacts, clock?: StoryClock): CustomerLine {
  return spoken(turn, facts ?? storyFacts({ ledger }), clock).line;
}

// ---------------------------------------------------------------------------------------------
// The session

export function startSession(scenario: ScenarioSpec, rubric: RubricSpec, options: { mode: Mode; now: Date }): SessionState {
  const first = scenario.turns[0];
  const clock = startClock(scenario.clock);
  return {
    scenario: scenario.id,
    rubric: rubric.id,
    mode: options.mode,
    startedAt: options.now.toISOString(),
    turn: first?.id ?? "end",
    mood: MOOD_SCALE[scenario.customer.mood],
    line: first === undefined ? undefined : spoken(first, storyFacts(), clock).line,
    exchanges: [],
    ledger: [],
    ended: first === undefined,
    things: {},
    said: [],
    visited: first === undefined ? [] : [first.id],
    clock,
  };
}

/** When a branch does not say how the mood moves: blame angers, a good reply calms. */
function defaultMoodShift(score: ReplyScore): number {
  if (affronts(score)) return -2;
  if (score.score >= 67) return 1;
  if (score.score < 34) return -1;
  return 0;
}

/**
 * How the mood moves after a reply: the branch's word, but never against the reply itself. A customer
 * who was blamed, brushed off or belittled does not calm down, whichever branch the words took; a good
 * reply (67 or more) that raised no flag angers nobody.
 */
export function moodShift(branchMood: number | undefined, score: ReplyScore): number {
  const shift = branchMood ?? defaultMoodShift(score);
  if (affronts(score)) return Math.min(shift, -1);
  if (score.score >= 67 && score.flags.length === 0) return Math.max(shift, 0);
  return shift;
}

const clampMood = (mood: number) => Math.max(0, Math.min(10, mood));

/** The first ending whose `if` holds and whose mood the customer reached; the last one otherwise. */
export function endingFor(scenario: ScenarioSpec, mood: number, facts: StoryFacts = storyFacts()): string {
  for (const ending of scenario.endings) {
    if (ending.mood !== undefined && mood < MOOD_SCALE[ending.mood]) continue;
    if (evaluate(ending.if, facts).holds) return ending.text;
  }
  return scenario.endings.at(-1)?.text ?? "";
}

/** Where each rule of the reply fired, for linking a thing to the promise it was said in. */
function spansOf(score: ReplyScore, rule: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  for (const c of score.criteria) for (const e of c.evidence) if (e.rule === rule) spans.push(e);
  for (const f of score.flagEvidence) if (f.rule === rule) spans.push(f);
  return spans;
}

/** The things this reply offered, promised or delivered, on top of the story so far. */
function updateThings(
  things: Readonly<Record<string, ThingState>>,
  scenario: ScenarioSpec,
  reply: string,
  score: ReplyScore,
  fired: ReadonlySet<string>,
  ledger: readonly Commitment[],
  turn: string,
): Record<string, ThingState> {
  const out = { ...things };
  const raise = (name: string, next: ThingState) => {
    const prior = out[name];
    if (prior === undefined || STAGE_RANK[next.stage] >= STAGE_RANK[prior.stage]) out[name] = next;
  };
  const madeHere = ledger.filter((c) => c.turn === turn && c.status === "open" && c.start !== undefined);
  for (const [name, spec] of Object.entries(scenario.things ?? {})) {
    for (const rule of listOf(spec.offered)) {
      if (!fired.has(rule)) continue;
      // Said as a commitment ("I can fit our spare shifter today"), an offer is a promise.
      const spans = spansOf(score, rule);
      const promise =
        madeHere.find((c) => spans.some((s) => s.start < (c.end ?? 0) && (c.start ?? 0) < s.end)) ??
        // "I've a used shifter in the workshop I can fit now": the act, later in the sentence, takes the thing as its object.
        madeHere.find(
          (c) => objectSaidBefore(c.what) && spans.some((s) => s.end <= (c.start ?? 0) && !/[.!?]/.test(reply.slice(s.end, c.start))),
        );
      raise(name, promise?.id === undefined ? { stage: "offered", turn } : { stage: "promised", turn, promise: promise.id });
    }
    for (const rule of listOf(spec.delivered)) if (fired.has(rule)) raise(name, { stage: "delivered", turn });
  }
  return out;
}

/** A thing whose promise was kept at a time skip has been delivered. */
function deliverKept(things: Readonly<Record<string, ThingState>>, ledger: readonly Commitment[]): Record<string, ThingState> {
  const out = { ...things };
  for (const [name, thing] of Object.entries(out)) {
    if (thing.stage !== "promised" || thing.promise === undefined) continue;
    if (ledger.find((c) => c.id === thing.promise)?.status === "kept") out[name] = { ...thing, stage: "delivered" };
  }
  return out;
}

/** Scores a reply to the current turn, updates the ledger, the story and the mood, and moves to the next turn. */
export function applyReply(state: SessionState, reply: string, scenario: ScenarioSpec, rubric: RubricSpec): SessionState {
  const turn = turnById(scenario, state.turn);
  if (state.ended || turn === undefined || state.line === undefined) return state;
  const model = modelFor(rubric, scenario, turn.id);
  const score = coachFor(rubric, scenario, turn.id).rewrite(scoreWithModel(reply, model, { turn: turn.id }));
  const clock = state.clock ?? startClock(scenario.clock);
  const n = state.exchanges.length + 1;
  const commitments = extractCommitments(reply, turn.id, model).map((c, i): Commitment => {
    const found: Commitment = { ...c, id: `${turn.id}.${n}.${i + 1}` };
    if (clock.now !== undefined) {
      found.madeAt = clock.now;
      const at = c.due === undefined || c.event === true ? undefined : dueTime(c.due, clock.now, clock);
      if (at !== undefined) found.dueAt = at;
    }
    return found;
  });
  // Done since it was promised ("I've just processed the refund"): kept, not still open.
  let ledger = addToLedger(keptByReport(state.ledger, reply, turn.id, model), commitments);
  const fired = firedIn(score);
  const firedBefore = new Set(state.said ?? []);
  let things = updateThings(state.things ?? {}, scenario, reply, score, fired, ledger, turn.id);
  const visited = [...(state.visited ?? [turn.id])];
  const made = [...state.exchanges.flatMap((e) => e.commitments), ...commitments];
  const facts: StoryFacts = { score, fired, firedBefore, ledger, made, things, visited: new Set(visited) };
  if (state.lastSkip !== undefined) facts.lastSkip = state.lastSkip;
  const branch = turn.branches.find((b) => evaluate(b.if, facts).holds);
  const moodAfter = clampMood(state.mood + moodShift(branch?.mood, score));
  const next = branch?.next ?? "end";
  const exchange: Exchange = { turn: turn.id, customer: state.line, reply, score, commitments, moodBefore: state.mood, moodAfter, next };
  if (state.retried !== undefined && state.retried.length > 0) exchange.attempts = state.retried;
  const nextTurn = next === "end" ? undefined : turnById(scenario, next);
  let nextClock = clock;
  let lastSkip = state.lastSkip;
  if (nextTurn?.skip !== undefined) {
    const at = afterSkip(nextTurn.skip, clock);
    const skip: Parameters<typeof comeDue>[1] = { turn: nextTurn.id, at };
    if (nextTurn.promises !== undefined) skip.outcomes = nextTurn.promises;
    ledger = comeDue(ledger, skip);
    nextClock = { ...clock, now: at };
    lastSkip = nextTurn.id;
    things = deliverKept(things, ledger);
  }
  const said = [...new Set([...firedBefore, ...fired])];
  const after: StoryFacts = { ...facts, ledger, things };
  if (lastSkip !== undefined) after.lastSkip = lastSkip;
  let line: CustomerLine | undefined;
  if (nextTurn !== undefined) {
    const words = spoken(nextTurn, after, nextClock);
    line = words.line;
    // "Called out" only when the customer did: the promises this line says back.
    const quoted = new Set(words.quoted.map((c) => c.id ?? c.quote));
    if (quoted.size > 0) ledger = ledger.map((c) => (quoted.has(c.id ?? c.quote) ? { ...c, calledOut: true } : c));
    visited.push(nextTurn.id);
  }
  const { undo: _undo, ...before } = state;
  const updated: SessionState = {
    ...before,
    turn: nextTurn?.id ?? "end",
    mood: moodAfter,
    line,
    exchanges: [...state.exchanges, exchange],
    ledger,
    ended: nextTurn === undefined,
    things,
    said,
    visited,
    clock: nextClock,
    undo: before,
  };
  delete updated.retried;
  if (lastSkip !== undefined) updated.lastSkip = lastSkip;
  if (nextTurn === undefined) updated.ending = endingFor(scenario, moodAfter, { ...after, ledger, visited: new Set(visited) });
  return updated;
}

/**
 * `/retry`: back to the line before the last reply, as if it had not been given; the reply is kept
 * as an attempt of the exchange that the next reply makes. Undefined when there is nothing to retry.
 */
export function retryLast(state: SessionState): SessionState | undefined {
  const last = state.exchanges.at(-1);
  if (state.undo === undefined || last === undefined) return undefined;
  const { attempts, ...first } = last;
  return { ...state.undo, retried: [...(attempts ?? []), first] };
}

// ---------------------------------------------------------------------------------------------
// The scorecard

export interface Change {
  criterion: string;
  rule: string;
  feedback: string;
  /** How much fixing this would add, for ordering. */
  worth: number;
}

/** The words that set a level, or cost it, with the reply they came from. */
export interface ShownEvidence {
  quote: string;
  rule: string;
  /** What the trainee reads for the rule. */
  title: string;
  turn: string;
  /** The reply's number in the session, from 1. */
  reply: number;
  /** The level that reply got for the criterion. */
  level: number;
  /** True when the words cost the level (a cap or a flag), not earned it. */
  cost: boolean;
}

export interface SessionCriterion {
  id: string;
  title: string;
  /** Rounded mean of the turns' levels. */
  level: number;
  mean: number;
  max: number;
  weight: number;
  /** Each reply's level, in order (the better attempt where a line was retried). */
  levels?: number[];
  /** The quote that set the session's level: from a reply at that level where there is one. */
  shown?: ShownEvidence;
  /** A cost elsewhere in the session, when it is not what `shown` quotes. */
  cost?: ShownEvidence;
}

export interface Retry {
  turn: string;
  reply: number;
  first: { reply: string; score: number };
  /** The attempt the scorecard counts: the better one. */
  counted: { reply: string; score: number };
  attempts: number;
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
  /** What the trainee reads for each flag ("Blame-shifting"). */
  flagTitles?: Record<string, string>;
  /** The three most useful changes, most useful first. */
  changes: Change[];
  /** The weakest turn, with the trainee's reply and the model answer. */
  weakest?: { turn: string; reply: string; model: string; score: number; n?: number };
  /** Lines tried again with `/retry`. */
  retries?: Retry[];
  ledger: Commitment[];
  ending?: string;
  finalMood: number;
}

/** The attempt a retried line counts with: the better score, the later on a tie. */
export function counted(exchange: Exchange): Exchange {
  let best = exchange;
  for (const a of exchange.attempts ?? []) if (a.score.score > best.score.score) best = a;
  return best;
}

/** The words that set a reply's level for a criterion: the cap that held it, else what earned it. */
function setter(c: CriterionScore): { evidence: TitledEvidence; cost: boolean } | undefined {
  const earnedAbove = c.evidence.some((e) => e.effect === "earned" && e.level > c.level);
  const cap = c.evidence.find((e) => e.effect === "lost" && e.level === c.level);
  if (cap !== undefined && earnedAbove) return { evidence: cap, cost: true };
  const earned = c.evidence.filter((e) => e.effect === "earned" && e.level === c.level)[0];
  if (earned !== undefined) return { evidence: earned, cost: false };
  if (cap !== undefined) return { evidence: cap, cost: true };
  return undefined;
}

function shownFrom(e: TitledEvidence, cost: boolean, exchange: Exchange, reply: number, level: number): ShownEvidence {
  // Enough of the sentence to say something: a match of a word or two ("Is", "RAV4") alone does not.
  const quote = exchange.reply.slice(e.start, e.end) === e.quote ? evidenceQuote(exchange.reply, e.start, e.end, e.quote) : e.quote;
  return { quote, rule: e.rule, title: e.title ?? e.rule, turn: exchange.turn, reply, level, cost };
}

/** The scorecard for a finished or partial session. */
export function summarise(state: SessionState, scenario: ScenarioSpec, rubric: RubricSpec): SessionResult {
  const exchanges = state.exchanges.map(counted);
  const criteria: SessionCriterion[] = rubric.criteria.map((c) => {
    const scores = exchanges.map((e) => e.score.criteria.find((x) => x.id === c.id));
    const levels = scores.map((s) => s?.level ?? 0);
    const mean = levels.length === 0 ? 0 : levels.reduce((a, b) => a + b, 0) / levels.length;
    const level = Math.round(mean);
    const criterion: SessionCriterion = { id: c.id, title: c.title, level, mean, max: MAX_LEVEL, weight: c.weight, levels };
    // The latest reply at the session's level sets the quote; without one, the nearest level (higher first).
    const order = exchanges.map((_, i) => i).reverse();
    const rank = (i: number) => Math.abs((levels[i] as number) - level) * 2 + ((levels[i] as number) < level ? 1 : 0);
    const candidates = order.filter((i) => setterOf(i) !== undefined).sort((a, b) => rank(a) - rank(b));
    function setterOf(i: number) {
      const s = scores[i];
      return s === undefined ? undefined : setter(s);
    }
    const at = candidates[0];
    if (at !== undefined) {
      const set = setterOf(at) as { evidence: TitledEvidence; cost: boolean };
      criterion.shown = shownFrom(set.evidence, set.cost, exchanges[at] as Exchange, at + 1, levels[at] as number);
    }
    // A cost is shown as a cost, whatever set the level.
    for (const [i, s] of scores.entries()) {
      const lost = s?.evidence.find((e) => e.effect === "lost");
      if (lost === undefined || (criterion.shown?.cost === true && criterion.shown.reply === i + 1)) continue;
      criterion.cost = shownFrom(lost, true, exchanges[i] as Exchange, i + 1, levels[i] as number);
      break;
    }
    return criterion;
  });
  const flags = [...new Set(exchanges.flatMap((e) => e.score.flags))];

  const changes = new Map<string, Change>();
  // Nothing the trainee did or said anywhere in the session comes back as a change to make.
  const done = new Set(exchanges.flatMap((e) => [...earnedIn(e.score)]));
  const session = { done, said: exchanges.map((e) => e.reply) };
  for (const exchange of exchanges) {
    const coach = coachFor(rubric, scenario, exchange.turn);
    for (const flag of exchange.score.flags) {
      const feedback = coach.flagFeedback(flag);
      if (feedback !== undefined && !changes.has(`flag:${flag}`))
        changes.set(`flag:${flag}`, { criterion: "flag", rule: flag, feedback, worth: 100 });
    }
    const fired = firedIn(exchange.score);
    for (const c of exchange.score.criteria) {
      const next = coach.nextStep(c, fired, session);
      if (next === undefined) continue;
      const worth = (c.weight * (next.gives - c.level)) / MAX_LEVEL;
      const prior = changes.get(next.rule);
      if (prior === undefined) changes.set(next.rule, { criterion: c.id, rule: next.rule, feedback: next.feedback, worth });
      else prior.worth += worth;
    }
  }
  for (const c of state.ledger) {
    const calledOut = c.status === "vague" || (c.vague && c.calledOut === true && c.status !== "kept");
    if (calledOut && !changes.has("ledger:vague")) {
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
  exchanges.forEach((e, i) => {
    if (weakest === undefined || e.score.score < weakest.score) {
      weakest = { turn: e.turn, reply: e.reply, model: turnById(scenario, e.turn)?.model ?? "", score: e.score.score, n: i + 1 };
    }
  });
  const retries: Retry[] = [];
  state.exchanges.forEach((e, i) => {
    const first = e.attempts?.[0];
    if (first === undefined) return;
    const best = exchanges[i] as Exchange;
    retries.push({
      turn: e.turn,
      reply: i + 1,
      first: { reply: first.reply, score: first.score.score },
      counted: { reply: best.reply, score: best.score.score },
      attempts: (e.attempts?.length ?? 0) + 1,
    });
  });
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
  if (flags.length > 0) {
    const coach = coachFor(rubric, scenario);
    result.flagTitles = Object.fromEntries(flags.map((f) => [f, coach.title(f)]));
  }
  if (weakest !== undefined) result.weakest = weakest;
  if (retries.length > 0) result.retries = retries;
  if (state.ending !== undefined) result.ending = state.ending;
  return result;
}
