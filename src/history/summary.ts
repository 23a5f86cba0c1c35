/**
 * The few facts about a session that listings and trends need, small enough to keep for every
 * session in a cache. Pure. History files can be edited by hand, so every field is read defensively:
 * a record that passed `isSessionRecord` never makes a listing or a chart throw.
 */
import type { SessionRecord } from "./record.js";

/** A criterion as a rubric defines it; shared by every session scored with the same criteria. */
export interface CriterionInfo {
  id: string;
  title: string;
  max: number;
  weight: number;
}

export interface SessionSummary {
  id: string;
  scenario: string;
  scenarioTitle?: string;
  startedAt: string;
  mode: string;
  partial: boolean;
  trainee?: string;
  score: number;
  /** Replies in the session; a session without any says nothing about the trainee. */
  replies: number;
  /** The criteria (one shared array per rubric shape, so ten thousand sessions cost one array). */
  criteria: readonly CriterionInfo[];
  /** The session's mean level per criterion, 0 to max, in the order of `criteria`. */
  means: number[];
  /** Where the record's line sits in its file: byte offset and length. */
  at: number;
  length: number;
}

const num = (value: unknown, fallback: number): number => (typeof value === "number" && Number.isFinite(value) ? value : fallback);
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Hands out one shared criteria array per distinct list of criteria. */
export class CriteriaShapes {
  private readonly byKey = new Map<string, readonly CriterionInfo[]>();
  readonly all: Array<readonly CriterionInfo[]> = [];

  intern(criteria: CriterionInfo[]): readonly CriterionInfo[] {
    const key = JSON.stringify(criteria);
    let shape = this.byKey.get(key);
    if (shape === undefined) {
      shape = Object.freeze(criteria);
      this.byKey.set(key, shape);
      this.all.push(shape);
    }
    return shape;
  }
}

export function summarise(record: SessionRecord, at = 0, length = 0, shapes = new CriteriaShapes()): SessionSummary {
  const result = record.result as Partial<SessionRecord["result"]>;
  const criteria: CriterionInfo[] = [];
  const means: number[] = [];
  for (const c of Array.isArray(result.criteria) ? result.criteria : []) {
    if (c === null || typeof c !== "object" || typeof c.id !== "string") continue;
    const max = num(c.max, 3);
    criteria.push({ id: c.id, title: str(c.title) ?? c.id, max, weight: num(c.weight, 1) });
    // Four decimals: enough for any mean of replies, and the same whether read from the history or the cache.
    means.push(Math.round(Math.max(0, Math.min(max, num(c.mean, num(c.level, 0)))) * 10_000) / 10_000);
  }
  const summary: SessionSummary = {
    id: record.id,
    scenario: record.scenario,
    startedAt: record.startedAt,
    mode: str(record.mode) ?? "practice",
    partial: record.partial === true || result.partial === true,
    score: num(result.score, 0),
    replies: num(result.turns, record.turns.length),
    criteria: shapes.intern(criteria),
    means,
    at,
    length,
  };
  const title = str(record.scenarioTitle);
  if (title !== undefined) summary.scenarioTitle = title;
  const trainee = str(record.trainee);
  if (trainee !== undefined && trainee !== "") summary.trainee = trainee;
  return summary;
}

/** Oldest first; sessions started at the same moment keep their order in the file. */
export function byStart(a: SessionSummary, b: SessionSummary): number {
  return a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.at - b.at;
}
