/** Session records built with the real engine and a fixed clock, for history, progress and report tests. */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { applyReply, type Mode, startSession, summarise } from "../../src/engine/session.js";
import { type SessionRecord, toRecord } from "../../src/history/record.js";
import type { SessionSummary } from "../../src/history/summary.js";
import { rubric, scenario } from "../helpers/content.js";

export interface Play {
  scenario: string;
  replies: string[];
  /** ISO start time. */
  at: string;
  mode?: Mode;
  trainee?: string;
  id?: string;
}

export function play(p: Play): SessionRecord {
  const spec = scenario(p.scenario);
  const rub = rubric(spec.rubric);
  const start = new Date(p.at);
  let state = startSession(spec, rub, { mode: p.mode ?? "practice", now: start });
  for (const reply of p.replies) {
    if (state.ended) break;
    state = applyReply(state, reply, spec, rub);
  }
  const result = summarise(state, spec, rub);
  const stamp = p.at.replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const options: Parameters<typeof toRecord>[2] = {
    id: p.id ?? `${stamp}-${p.scenario}-0001`,
    endedAt: new Date(start.getTime() + 10 * 60_000),
    scenarioTitle: spec.title,
  };
  if (p.trainee !== undefined) options.trainee = p.trainee;
  return toRecord(state, result, options);
}

export const GOOD =
  "I'm so sorry about your bike, Sander, that is really frustrating. This is on us. I'll call the producer at 8:30 tomorrow and ring you by 10. Meanwhile we have a spare shifter I can fit today so you can ride.";
export const BLAME = "The producer is slow, it's not our fault. There is nothing I can do.";
export const VAGUE = "I'll look into it at some point.";

/** Three sessions of bike-shifter that get better, and one partial double-charge. */
export function threeAndPartial(trainee?: string): SessionRecord[] {
  const t = trainee === undefined ? {} : { trainee };
  return [
    play({ scenario: "bike-shifter", replies: [BLAME, BLAME, BLAME, BLAME, BLAME, BLAME], at: "2026-01-02T09:00:00.000Z", ...t }),
    play({ scenario: "bike-shifter", replies: [VAGUE, VAGUE, VAGUE, VAGUE, VAGUE, VAGUE], at: "2026-01-03T09:00:00.000Z", ...t }),
    play({ scenario: "bike-shifter", replies: [GOOD, GOOD, GOOD, GOOD, GOOD, GOOD], at: "2026-01-04T09:00:00.000Z", ...t }),
    play({ scenario: "double-charge", replies: ["Sorry, I will check it."], at: "2026-01-05T09:00:00.000Z", mode: "assess", ...t }),
  ];
}

export function writeJsonl(path: string, records: readonly unknown[], extra = ""): void {
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, records.map((r) => `${JSON.stringify(r)}\n`).join("") + extra);
}

const CRITERIA = [
  { id: "ownership", title: "Ownership", max: 3, weight: 30 },
  { id: "empathy", title: "Empathy", max: 3, weight: 20 },
  { id: "process", title: "Process agreements", max: 3, weight: 25 },
  { id: "outcome", title: "Outcome focus", max: 3, weight: 25 },
] as const;

/** A summary by hand, for the pure aggregations: `means` in the order ownership, empathy, process, outcome. */
export function summaryOf(
  id: string,
  startedAt: string,
  means: number[],
  extra: Partial<Omit<SessionSummary, "means" | "criteria">> = {},
): SessionSummary {
  return {
    id,
    scenario: "bike-shifter",
    startedAt,
    mode: "practice",
    partial: false,
    score: Math.round((100 * means.reduce((a, b) => a + b, 0)) / (3 * means.length)),
    replies: 2,
    criteria: CRITERIA.slice(0, means.length),
    means,
    at: 0,
    length: 0,
    ...extra,
  };
}
