/**
 * Agreement between a trainer's labels and the tool's levels (`coach calibrate`): Kendall's tau-b per
 * criterion, Spearman on the total (the tool's score against the sum of the labels), a confusion
 * table per criterion (label x level), the replies the two rank most differently with the evidence
 * that decided their levels, and an optional breakdown by turn or scenario.
 * Labels are on the trainer's own integer scale, so agreement is by rank, never by equality. Pure.
 */
import { kendallTauB, spearman } from "./agreement.js";
import type { ReplyScore } from "./score.js";

/** One labelled reply and its score at its turn. */
export interface ScoredLabel {
  line: number;
  scenario: string;
  turn: string | undefined;
  opening: boolean;
  reply: string;
  labels: Record<string, number>;
  result: ReplyScore;
}

/** A rank statistic, or null when it cannot be measured (fewer than two replies, or no variation on one side). */
export type Agreement = number | null;

export interface Confusion {
  /** The trainer's labels, lowest to highest: the table's rows. */
  labels: number[];
  /** The tool's levels, 0 to max: the columns. */
  levels: number[];
  /** counts[row][column]. */
  counts: number[][];
}

export interface CriterionAgreement {
  id: string;
  title: string;
  n: number;
  tauB: Agreement;
  /** Why tauB is null, in words. */
  unmeasured?: string;
  confusion: Confusion;
}

export interface Evidence {
  quote: string;
  rule: string;
  effect: "earned" | "lost";
  level: number;
}

export interface Disagreement {
  line: number;
  scenario: string;
  turn: string | undefined;
  reply: string;
  labels: Record<string, number>;
  levels: Record<string, number>;
  labelTotal: number;
  score: number;
  /** The reply's place in the trainer's ranking minus its place in the tool's, both 0-1: above 0, the tool ranks it lower. */
  gap: number;
  flags: string[];
  /** Per criterion, what decided the level: the rule that earned it, or the cap that held it down. */
  decided: Record<string, Evidence[]>;
}

export interface GroupAgreement {
  group: string;
  n: number;
  tauB: Record<string, Agreement>;
  spearman: Agreement;
}

export type Breakdown = "turn" | "scenario";

export interface CalibrationReport {
  replies: number;
  /** The trainer's scale per criterion, as seen in the labels. */
  scale: Record<string, { min: number; max: number }>;
  criteria: CriterionAgreement[];
  total: { n: number; spearman: Agreement; unmeasured?: string; labelMin: number; labelMax: number };
  worst: Disagreement[];
  by?: { key: Breakdown; groups: GroupAgreement[] };
  minTau?: number;
  /** Criteria under --min-tau (an unmeasurable tau-b counts as under). */
  belowMinTau: string[];
}

export interface CalibrationOptions {
  worst?: number;
  by?: Breakdown;
  minTau?: number;
}

const varies = (values: readonly number[]): boolean => values.some((v) => v !== values[0]);

function measured(xs: readonly number[], ys: readonly number[], statistic: (a: readonly number[], b: readonly number[]) => number) {
  if (xs.length < 2) return { value: null, why: "fewer than two labelled replies" };
  if (!varies(xs)) return { value: null, why: "every label is the same" };
  if (!varies(ys)) return { value: null, why: "the tool gives every reply the same" };
  return { value: statistic(xs, ys), why: undefined };
}

function levelsOf(result: ReplyScore): Record<string, number> {
  return Object.fromEntries(result.criteria.map((c) => [c.id, c.level]));
}

/** Criteria in the order the rubrics list them, as they appear in the labels. */
function criteriaOf(rows: readonly ScoredLabel[]): Array<{ id: string; title: string; max: number }> {
  const out = new Map<string, { id: string; title: string; max: number }>();
  for (const row of rows)
    for (const c of row.result.criteria)
      if (row.labels[c.id] !== undefined && !out.has(c.id)) out.set(c.id, { id: c.id, title: c.title, max: c.max });
  return [...out.values()];
}

/** A row counts for the total when it labels every criterion the file labels. */
function totalRows(rows: readonly ScoredLabel[], criteria: readonly string[]): ScoredLabel[] {
  return rows.filter((row) => criteria.every((c) => row.labels[c] !== undefined));
}

const labelTotal = (row: ScoredLabel, criteria: readonly string[]): number => criteria.reduce((sum, c) => sum + (row.labels[c] ?? 0), 0);

/** Average ranks scaled to 0-1 (ties share the mean of their places). */
function scaledRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length).fill(0);
  const n = values.length;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && (order[j + 1] as readonly [number, number])[0] === (order[i] as readonly [number, number])[0]) j++;
    const rank = n === 1 ? 0 : (i + j) / 2 / (n - 1);
    for (let k = i; k <= j; k++) out[(order[k] as readonly [number, number])[1]] = rank;
    i = j + 1;
  }
  return out;
}

/** What decided a criterion's level: a cap that held it below what was earned, else the rule that earned it. */
function decidingEvidence(criterion: ReplyScore["criteria"][number]): Evidence[] {
  const level = criterion.level;
  const strip = (e: ReplyScore["criteria"][number]["evidence"][number]): Evidence => ({
    quote: e.quote,
    rule: e.rule,
    effect: e.effect,
    level: e.level,
  });
  const earnedMore = criterion.evidence.some((e) => e.effect === "earned" && e.level > level);
  const caps = criterion.evidence.filter((e) => e.effect === "lost" && e.level === level);
  if (earnedMore && caps.length > 0) return caps.map(strip);
  const earned = criterion.evidence.filter((e) => e.effect === "earned" && e.level === level);
  if (earned.length > 0) return earned.map(strip);
  return caps.map(strip);
}

function agreementOf(rows: readonly ScoredLabel[], criteria: readonly string[]): { tauB: Record<string, Agreement>; spearman: Agreement } {
  const tauB: Record<string, Agreement> = {};
  for (const id of criteria) {
    const labelled = rows.filter((r) => r.labels[id] !== undefined);
    tauB[id] = measured(
      labelled.map((r) => r.labels[id] as number),
      labelled.map((r) => levelsOf(r.result)[id] ?? 0),
      kendallTauB,
    ).value;
  }
  const whole = totalRows(rows, criteria);
  const total = measured(
    whole.map((r) => labelTotal(r, criteria)),
    whole.map((r) => r.result.score),
    spearman,
  );
  return { tauB, spearman: total.value };
}

function groupKey(row: ScoredLabel, by: Breakdown): string {
  if (by === "scenario") return row.scenario;
  return row.opening ? "opening" : "later";
}

export function buildCalibration(rows: readonly ScoredLabel[], options: CalibrationOptions = {}): CalibrationReport {
  const criteria = criteriaOf(rows);
  const ids = criteria.map((c) => c.id);
  const scale: CalibrationReport["scale"] = {};
  const perCriterion: CriterionAgreement[] = criteria.map((c) => {
    const labelled = rows.filter((r) => r.labels[c.id] !== undefined);
    const labels = labelled.map((r) => r.labels[c.id] as number);
    const levels = labelled.map((r) => levelsOf(r.result)[c.id] ?? 0);
    const min = Math.min(...labels);
    const max = Math.max(...labels);
    scale[c.id] = { min, max };
    const rowsOf = Array.from({ length: max - min + 1 }, (_, i) => min + i);
    const columns = Array.from({ length: c.max + 1 }, (_, i) => i);
    const counts = rowsOf.map(() => columns.map(() => 0));
    labels.forEach((label, i) => {
      const row = counts[label - min] as number[];
      const level = Math.max(0, Math.min(c.max, levels[i] as number));
      row[level] = (row[level] as number) + 1;
    });
    const tau = measured(labels, levels, kendallTauB);
    const out: CriterionAgreement = {
      id: c.id,
      title: c.title,
      n: labelled.length,
      tauB: tau.value,
      confusion: { labels: rowsOf, levels: columns, counts },
    };
    if (tau.why !== undefined) out.unmeasured = tau.why;
    return out;
  });

  const whole = totalRows(rows, ids);
  const totals = whole.map((r) => labelTotal(r, ids));
  const scores = whole.map((r) => r.result.score);
  const totalStat = measured(totals, scores, spearman);
  const total: CalibrationReport["total"] = {
    n: whole.length,
    spearman: totalStat.value,
    labelMin: ids.reduce((sum, id) => sum + (scale[id]?.min ?? 0), 0),
    labelMax: ids.reduce((sum, id) => sum + (scale[id]?.max ?? 0), 0),
  };
  if (totalStat.why !== undefined) total.unmeasured = totalStat.why;

  const labelRanks = scaledRanks(totals);
  const scoreRanks = scaledRanks(scores);
  const worstCount = Math.max(0, options.worst ?? 5);
  const worst: Disagreement[] = whole
    .map((row, i) => ({ row, i, gap: (labelRanks[i] as number) - (scoreRanks[i] as number) }))
    .filter((d) => d.gap !== 0)
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap) || a.row.line - b.row.line)
    .slice(0, worstCount)
    .map(({ row, i, gap }) => ({
      line: row.line,
      scenario: row.scenario,
      turn: row.turn,
      reply: row.reply,
      labels: row.labels,
      levels: levelsOf(row.result),
      labelTotal: totals[i] as number,
      score: row.result.score,
      gap: Math.round(gap * 1000) / 1000,
      flags: row.result.flags,
      decided: Object.fromEntries(row.result.criteria.map((c) => [c.id, decidingEvidence(c)])),
    }));

  const report: CalibrationReport = { replies: rows.length, scale, criteria: perCriterion, total, worst, belowMinTau: [] };
  if (options.by !== undefined) {
    const groups = new Map<string, ScoredLabel[]>();
    for (const row of rows) {
      const key = groupKey(row, options.by);
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const keys = [...groups.keys()];
    // Openings first, then later turns; scenarios in the order they first appear.
    if (options.by === "turn") keys.sort((a, b) => (a === "opening" ? -1 : b === "opening" ? 1 : 0));
    report.by = {
      key: options.by,
      groups: keys.map((group) => {
        const members = groups.get(group) as ScoredLabel[];
        return { group, n: members.length, ...agreementOf(members, ids) };
      }),
    };
  }
  if (options.minTau !== undefined) {
    report.minTau = options.minTau;
    report.belowMinTau = perCriterion.filter((c) => c.tauB === null || c.tauB < (options.minTau as number)).map((c) => c.id);
  }
  return report;
}
