/**
 * The team view of `coach progress --from FILE...`: sessions a trainer collected from several trainees,
 * per trainee (their trend and what each should work on) and per criterion (the team's level, who is
 * furthest behind, what the team misses most). Pure.
 */
import { computeProgress, mostFrequentMissing, type NextBehaviour, type Progress, RECENT, type Trend, trends } from "./progress.js";
import type { SessionRecord } from "./record.js";
import { byStart, type SessionSummary } from "./summary.js";

export interface TraineeSessions {
  trainee: string;
  summaries: SessionSummary[];
  load: (s: SessionSummary) => SessionRecord | undefined;
}

export interface TraineeProgress {
  trainee: string;
  progress: Progress;
}

export interface TeamCriterion {
  id: string;
  title: string;
  max: number;
  /** Mean over trainees of each trainee's recent mean; every trainee counts the same. */
  mean: number;
  /** The team's sessions in time order, as a trend. */
  trend: Trend;
  lowest?: { trainee: string; mean: number };
  highest?: { trainee: string; mean: number };
  /** What the team's recent replies miss most often for this criterion. */
  missing?: Pick<NextBehaviour, "rule" | "feedback" | "count" | "shortfalls">;
}

export interface TeamProgress {
  sessions: number;
  trainees: TraineeProgress[];
  criteria: TeamCriterion[];
}

/** Groups sessions by trainee: the record's own `trainee`, else the label of the file it came from. */
export function groupByTrainee(
  sources: ReadonlyArray<{ label: string; summaries: readonly SessionSummary[]; load: (s: SessionSummary) => SessionRecord | undefined }>,
): TraineeSessions[] {
  const groups = new Map<string, TraineeSessions>();
  const owners = new Map<SessionSummary, (s: SessionSummary) => SessionRecord | undefined>();
  const seen = new Set<string>();
  for (const source of sources) {
    for (const s of source.summaries) {
      // The same session exported twice (two files, or imported and exported again) counts once.
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      const trainee = s.trainee ?? source.label;
      let group = groups.get(trainee);
      if (group === undefined) {
        group = { trainee, summaries: [], load: (x) => owners.get(x)?.(x) };
        groups.set(trainee, group);
      }
      group.summaries.push(s);
      owners.set(s, source.load);
    }
  }
  return [...groups.values()].sort((a, b) => a.trainee.localeCompare(b.trainee));
}

export function computeTeam(groups: readonly TraineeSessions[]): TeamProgress {
  const trainees = groups.map((g) => ({ trainee: g.trainee, progress: computeProgress(g.summaries, g.load) }));
  // Finished sessions only, as in each trainee's own progress.
  const all = groups.flatMap((g) => g.summaries.filter((s) => s.replies > 0 && !s.partial)).sort(byStart);
  const { criteria: teamTrends } = trends(all);
  const recentRecords = groups.flatMap((g) =>
    g.summaries
      .filter((s) => s.replies > 0 && !s.partial)
      .sort(byStart)
      .slice(-RECENT)
      .map(g.load)
      .filter((r): r is SessionRecord => r !== undefined),
  );
  const criteria = teamTrends.map((t) => {
    const means: Array<{ trainee: string; mean: number }> = [];
    for (const { trainee, progress } of trainees) {
      const own = progress.criteria.find((c) => c.id === t.id);
      if (own !== undefined && own.sessions > 0) means.push({ trainee, mean: own.recent });
    }
    const sorted = [...means].sort((a, b) => a.mean - b.mean || a.trainee.localeCompare(b.trainee));
    const criterion: TeamCriterion = {
      id: t.id,
      title: t.title,
      max: t.max,
      mean: means.length === 0 ? 0 : means.reduce((sum, m) => sum + m.mean, 0) / means.length,
      trend: t,
    };
    const lowest = sorted[0];
    const highest = sorted.at(-1);
    if (lowest !== undefined) criterion.lowest = lowest;
    if (highest !== undefined) criterion.highest = highest;
    const missing = mostFrequentMissing(recentRecords, t.id, t.max);
    if (missing !== undefined) criterion.missing = missing;
    return criterion;
  });
  return { sessions: groups.reduce((n, g) => n + g.summaries.length, 0), trainees, criteria };
}
