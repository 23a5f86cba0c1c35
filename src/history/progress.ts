/**
 * Progress over sessions: the trend per criterion, the best and latest score per scenario, and the one
 * behaviour to work on next. Pure, and linear in the number of sessions: the trends walk the
 * summaries once; only the few recent sessions behind "work on next" are read in full.
 *
 * It tells the truth: a session left part-way (one reply, then Ctrl-C) is no score of a conversation,
 * so partial sessions stay out of the trends and the bests (they are counted, and a scenario's latest
 * session is shown marked when it was one). A direction compares two numbers that are shown beside
 * it: the mean of the last `window` sessions against the mean of the `window` sessions before them.
 */
import type { SessionRecord } from "./record.js";
import { byStart, type SessionSummary } from "./summary.js";

/** Sessions that count as "recent" for the weakest criterion and what to work on. */
export const RECENT = 10;
/** Points in a trend line; a longer history is grouped into this many equal runs of sessions. */
export const POINTS = 40;

export type Direction = "up" | "down" | "steady" | "new";

export interface Trend {
  id: string;
  title: string;
  max: number;
  /** Oldest to newest; one point per session, or per run of `perPoint` sessions; null where a run has no value. */
  points: Array<number | null>;
  perPoint: number;
  /** Sessions with a value. */
  sessions: number;
  first: number;
  latest: number;
  best: number;
  /** Mean over the last RECENT sessions. */
  recent: number;
  /** Sessions on each side of the comparison behind `direction` (0: too few to compare). */
  window: number;
  /** The mean of the last `window` sessions, and of the `window` before them: what `direction` compares. */
  now: number;
  before?: number;
  direction: Direction;
}

export interface ScenarioProgress {
  id: string;
  title: string;
  /** Finished sessions. */
  sessions: number;
  /** Sessions left part-way, not in `sessions` nor in the best. */
  partial: number;
  /** The best finished session; absent while every session was left part-way. */
  best?: number;
  bestId?: string;
  bestAt?: string;
  latest: number;
  latestId: string;
  latestAt: string;
  latestPartial: boolean;
}

export interface NextBehaviour {
  criterion: string;
  title: string;
  /** The criterion's mean level over the recent sessions. */
  mean: number;
  max: number;
  /** The rule most often missing or broken; absent when only its feedback text is known. */
  rule?: string;
  feedback: string;
  /** Replies where this rule held the criterion back. */
  count: number;
  /** Replies in the recent sessions where the criterion was below its best. */
  shortfalls: number;
  /** Recent sessions looked at. */
  sessions: number;
}

export interface Progress {
  /** Every valid session in the history. */
  sessions: number;
  /** Finished sessions with at least one reply (the ones the trends and bests are made of). */
  counted: number;
  /** Sessions with replies that were left part-way: not in the trends and bests. */
  partial: number;
  from?: string;
  to?: string;
  criteria: Trend[];
  overall?: Trend;
  scenarios: ScenarioProgress[];
  next?: NextBehaviour;
}

const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);

/** Finished sessions with replies, oldest first: what the trends and bests are made of. */
export function countedSessions(summaries: readonly SessionSummary[]): SessionSummary[] {
  return summaries.filter((s) => s.replies > 0 && !s.partial).sort(byStart);
}

/** The last `n` counted sessions, oldest first: the ones to read in full for "work on next". */
export function recentSessions(summaries: readonly SessionSummary[], n = RECENT): SessionSummary[] {
  return countedSessions(summaries).slice(-n);
}

/** Groups values (oldest first, null where missing) into at most `points` runs of equal length. */
export function downsample(values: ReadonlyArray<number | null>, points = POINTS): { points: Array<number | null>; perPoint: number } {
  if (values.length <= points) return { points: [...values], perPoint: 1 };
  const out: Array<number | null> = [];
  for (let i = 0; i < points; i++) {
    const from = Math.floor((i * values.length) / points);
    const to = Math.floor(((i + 1) * values.length) / points);
    let sum = 0;
    let n = 0;
    for (let j = from; j < to; j++) {
      const v = values[j];
      if (v !== null && v !== undefined) {
        sum += v;
        n++;
      }
    }
    out.push(n === 0 ? null : sum / n);
  }
  return { points: out, perPoint: values.length / points };
}

/**
 * The last `window` values against the `window` before them (`window` at most RECENT, and at most
 * half the values): up or down when they differ by a twelfth of the scale. The two means are
 * returned, so what is shown beside the direction is what it was decided from.
 */
export function compare(
  values: readonly number[],
  max: number,
  most = RECENT,
): { direction: Direction; window: number; now: number; before?: number } {
  const k = Math.min(most, Math.floor(values.length / 2));
  if (k === 0) return { direction: "new", window: 0, now: values.at(-1) ?? 0 };
  const now = mean(values.slice(-k));
  const before = mean(values.slice(-2 * k, -k));
  const delta = now - before;
  const direction: Direction = delta >= max / 12 ? "up" : delta <= -max / 12 ? "down" : "steady";
  return { direction, window: k, now, before };
}

export function direction(values: readonly number[], max: number, window = RECENT): Direction {
  return compare(values, max, window).direction;
}

function trend(id: string, title: string, max: number, series: ReadonlyArray<number | null>): Trend {
  const values = series.filter((v): v is number => v !== null);
  const { points, perPoint } = downsample(series);
  const compared = compare(values, max);
  const t: Trend = {
    id,
    title,
    max,
    points,
    perPoint,
    sessions: values.length,
    first: values[0] ?? 0,
    latest: values.at(-1) ?? 0,
    best: values.reduce((a, b) => Math.max(a, b), 0),
    recent: mean(values.slice(-RECENT)),
    window: compared.window,
    now: compared.now,
    direction: compared.direction,
  };
  if (compared.before !== undefined) t.before = compared.before;
  return t;
}

/** The trends per criterion (in the order of the latest session's rubric) and of the overall score. */
export function trends(counted: readonly SessionSummary[]): { criteria: Trend[]; overall?: Trend } {
  const known = new Map<string, { title: string; max: number }>();
  const shapes = new Set<SessionSummary["criteria"]>();
  for (let i = counted.length - 1; i >= 0; i--) {
    const shape = (counted[i] as SessionSummary).criteria;
    if (shapes.has(shape)) continue;
    shapes.add(shape);
    for (const c of shape) if (!known.has(c.id)) known.set(c.id, { title: c.title, max: c.max });
  }
  const ids = [...known.keys()];
  const series: Array<Array<number | null>> = ids.map(() => new Array<number | null>(counted.length).fill(null));
  // Where each shape's criteria go among the series, worked out once per shape, not per session.
  const slots = new Map<SessionSummary["criteria"], number[]>();
  counted.forEach((s, i) => {
    let slot = slots.get(s.criteria);
    if (slot === undefined) {
      slot = s.criteria.map((c) => ids.indexOf(c.id));
      slots.set(s.criteria, slot);
    }
    for (let k = 0; k < slot.length; k++) {
      const values = series[slot[k] as number];
      if (values !== undefined) values[i] = s.means[k] ?? null;
    }
  });
  const criteria = ids.map((id, k) => {
    const { title, max } = known.get(id) as { title: string; max: number };
    return trend(id, title, max, series[k] ?? []);
  });
  if (counted.length === 0) return { criteria };
  return {
    criteria,
    overall: trend(
      "score",
      "Overall score",
      100,
      counted.map((s) => s.score),
    ),
  };
}

/**
 * Best and latest score per scenario, the most recently played first, from sessions with replies
 * (oldest first). The best is of finished sessions only; the latest is the latest, marked when it
 * was left part-way.
 */
export function scenarioProgress(played: readonly SessionSummary[]): ScenarioProgress[] {
  const byScenario = new Map<string, ScenarioProgress>();
  for (const s of played) {
    let row = byScenario.get(s.scenario);
    if (row === undefined) {
      row = {
        id: s.scenario,
        title: s.scenarioTitle ?? s.scenario,
        sessions: 0,
        partial: 0,
        latest: s.score,
        latestId: s.id,
        latestAt: s.startedAt,
        latestPartial: s.partial,
      };
      byScenario.set(s.scenario, row);
    }
    if (s.partial) row.partial++;
    else {
      row.sessions++;
      if (row.best === undefined || s.score > row.best) Object.assign(row, { best: s.score, bestId: s.id, bestAt: s.startedAt });
    }
    Object.assign(row, { latest: s.score, latestId: s.id, latestAt: s.startedAt, latestPartial: s.partial });
    if (s.scenarioTitle !== undefined) row.title = s.scenarioTitle;
  }
  return [...byScenario.values()].sort((a, b) => (a.latestAt < b.latestAt ? 1 : a.latestAt > b.latestAt ? -1 : 0));
}

/** The weakest criterion over the recent sessions: lowest share of its scale, then the heaviest, then rubric order. */
export function weakestCriterion(recent: readonly SessionSummary[]): { id: string; title: string; mean: number; max: number } | undefined {
  const order: string[] = [];
  const stats = new Map<string, { title: string; max: number; weight: number; values: number[] }>();
  for (const s of recent) {
    s.criteria.forEach((c, k) => {
      let entry = stats.get(c.id);
      if (entry === undefined) {
        entry = { title: c.title, max: c.max, weight: c.weight, values: [] };
        stats.set(c.id, entry);
        order.push(c.id);
      }
      entry.values.push(s.means[k] ?? 0);
    });
  }
  let weakest: { id: string; title: string; mean: number; max: number; share: number; weight: number } | undefined;
  for (const id of order) {
    const entry = stats.get(id);
    if (entry === undefined) continue;
    const m = mean(entry.values);
    const share = entry.max === 0 ? 1 : m / entry.max;
    if (
      weakest === undefined ||
      share < weakest.share - 1e-9 ||
      (Math.abs(share - weakest.share) <= 1e-9 && entry.weight > weakest.weight)
    ) {
      weakest = { id, title: entry.title, mean: m, max: entry.max, share, weight: entry.weight };
    }
  }
  if (weakest === undefined) return undefined;
  return { id: weakest.id, title: weakest.title, mean: weakest.mean, max: weakest.max };
}

/**
 * What held `criterion` back most often in these sessions' replies. A reply below the criterion's best
 * is held back by a rule it broke (evidence that cost the level, a raised flag) or, when nothing was
 * broken, by the rule it missed: the turn's feedback for the criterion is that rule's advice, named in
 * the session's list of changes. Advice that no change names is counted only when nothing else is.
 */
export function mostFrequentMissing(
  records: readonly SessionRecord[],
  criterion: string,
  max: number,
): Pick<NextBehaviour, "rule" | "feedback" | "count" | "shortfalls"> | undefined {
  const ruleOf = new Map<string, string>();
  for (const r of records) {
    for (const change of Array.isArray(r.result.changes) ? r.result.changes : []) {
      if (change?.criterion === criterion && typeof change.feedback === "string") ruleOf.set(change.feedback, change.rule);
    }
  }
  interface Tally {
    rule?: string;
    feedback: string;
    count: number;
    last: number;
  }
  const named = new Map<string, Tally>();
  const unnamed = new Map<string, Tally>();
  let shortfalls = 0;
  let order = 0;
  for (const r of records) {
    for (const turn of r.turns) {
      order++;
      if (turn === null || typeof turn !== "object") continue;
      const level = turn.levels?.[criterion];
      if (typeof level !== "number" || level >= max) continue;
      shortfalls++;
      const feedback = typeof turn.feedback?.[criterion] === "string" ? turn.feedback[criterion] : "";
      const lost = Array.isArray(turn.evidence) ? turn.evidence.find((e) => e?.criterion === criterion && e.effect === "lost") : undefined;
      const recorded = typeof turn.missing?.[criterion] === "string" ? turn.missing[criterion] : undefined;
      const rule = lost?.rule ?? recorded ?? ruleOf.get(feedback);
      const table = rule === undefined ? unnamed : named;
      const key = rule ?? feedback;
      if (key === "") continue;
      const tally = table.get(key);
      if (tally === undefined) {
        const entry: Tally = { feedback, count: 1, last: order };
        if (rule !== undefined) entry.rule = rule;
        table.set(key, entry);
      } else {
        tally.count++;
        tally.last = order;
        if (feedback !== "") tally.feedback = feedback;
      }
    }
  }
  const pick = (table: Map<string, Tally>): Tally | undefined =>
    [...table.values()].sort((a, b) => b.count - a.count || b.last - a.last)[0];
  const top = pick(named) ?? pick(unnamed);
  if (top === undefined) return undefined;
  const out: Pick<NextBehaviour, "rule" | "feedback" | "count" | "shortfalls"> = { feedback: top.feedback, count: top.count, shortfalls };
  if (top.rule !== undefined) out.rule = top.rule;
  return out;
}

/** The one behaviour to work on next: the weakest criterion's most frequent missing rule. */
export function nextBehaviour(recent: readonly SessionSummary[], records: readonly SessionRecord[]): NextBehaviour | undefined {
  const weakest = weakestCriterion(recent);
  if (weakest === undefined) return undefined;
  const missing = mostFrequentMissing(records, weakest.id, weakest.max);
  if (missing === undefined) return undefined;
  return { criterion: weakest.id, title: weakest.title, mean: weakest.mean, max: weakest.max, ...missing, sessions: recent.length };
}

/**
 * Everything `coach progress` shows. `load` reads a recent session in full; it is called at most
 * RECENT times.
 */
export function computeProgress(summaries: readonly SessionSummary[], load: (s: SessionSummary) => SessionRecord | undefined): Progress {
  const counted = countedSessions(summaries);
  const played = summaries.filter((s) => s.replies > 0).sort(byStart);
  const { criteria, overall } = trends(counted);
  const recent = counted.slice(-RECENT);
  const records = recent.map(load).filter((r): r is SessionRecord => r !== undefined);
  const progress: Progress = {
    sessions: summaries.length,
    counted: counted.length,
    partial: played.length - counted.length,
    criteria,
    scenarios: scenarioProgress(played),
  };
  if (overall !== undefined) progress.overall = overall;
  const first = counted[0];
  const last = counted.at(-1);
  if (first !== undefined) progress.from = first.startedAt;
  if (last !== undefined) progress.to = last.startedAt;
  const next = nextBehaviour(recent, records);
  if (next !== undefined) progress.next = next;
  return progress;
}
