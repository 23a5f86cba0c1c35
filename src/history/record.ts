/** A finished or partial session as stored in the history and in saved transcripts. Pure. */
import type { TitledEvidence } from "../engine/coaching.js";
import type { Commitment } from "../engine/ledger.js";
import type { Exchange, SessionResult, SessionState } from "../engine/session.js";

export const RECORD_VERSION = 1;

export interface TurnRecord {
  turn: string;
  skip?: string;
  narration?: string;
  customer: string;
  reply: string;
  score: number;
  levels: Record<string, number>;
  flags: string[];
  evidence: Array<{ criterion: string; quote: string; rule: string; effect: string; start: number; end: number; title?: string }>;
  feedback: Record<string, string>;
  /** Per criterion, the rule that would have raised the level next (absent at the top level). */
  missing?: Record<string, string>;
  moodAfter: number;
  /** Earlier attempts at this line (`/retry`), first first; this turn is the one the conversation went on from. */
  attempts?: TurnRecord[];
}

export interface SessionRecord {
  version: number;
  id: string;
  scenario: string;
  scenarioTitle?: string;
  rubric: string;
  mode: string;
  startedAt: string;
  endedAt: string;
  partial: boolean;
  /** Who played, when a trainer collects a team's sessions (from COACH_TRAINEE or the user name). */
  trainee?: string;
  turns: TurnRecord[];
  ledger: Commitment[];
  result: SessionResult;
}

/**
 * A readable, sortable id: 20261124-230558-bike-shifter-3fa2c91e07d4. The suffix is 48 random bits
 * (`random` gives the bytes; crypto in use), so two sessions of one scenario started in the same
 * second collide about once in 2^48 pairs; the history is also checked before a new id is written.
 */
export function sessionId(startedAt: Date, scenario: string, random: (bytes: number) => Uint8Array): string {
  const stamp = startedAt.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const suffix = Buffer.from(random(6)).toString("hex");
  return `${stamp}-${scenario}-${suffix}`;
}

/** One exchange as stored: the reply, its levels, evidence and feedback, and how the customer took it. */
export function turnRecord(e: Exchange): TurnRecord {
  const turn: TurnRecord = {
    turn: e.turn,
    customer: e.customer.text,
    reply: e.reply,
    score: e.score.score,
    levels: Object.fromEntries(e.score.criteria.map((c) => [c.id, c.level])),
    flags: e.score.flags,
    evidence: e.score.criteria.flatMap((c) =>
      c.evidence.map((ev: TitledEvidence) => {
        const stored: TurnRecord["evidence"][number] = {
          criterion: c.id,
          quote: ev.quote,
          rule: ev.rule,
          effect: ev.effect,
          start: ev.start,
          end: ev.end,
        };
        if (ev.title !== undefined) stored.title = ev.title;
        return stored;
      }),
    ),
    feedback: Object.fromEntries(e.score.criteria.map((c) => [c.id, c.feedback])),
    missing: Object.fromEntries(e.score.criteria.flatMap((c) => (c.missing[0] === undefined ? [] : [[c.id, c.missing[0].rule]]))),
    moodAfter: e.moodAfter,
  };
  if (e.attempts !== undefined && e.attempts.length > 0) turn.attempts = e.attempts.map(turnRecord);
  if (e.customer.skip !== undefined) turn.skip = e.customer.skip;
  if (e.customer.narration !== undefined) turn.narration = e.customer.narration;
  return turn;
}

export function toRecord(
  state: SessionState,
  result: SessionResult,
  options: { id: string; endedAt: Date; scenarioTitle?: string; trainee?: string },
): SessionRecord {
  const record: SessionRecord = {
    version: RECORD_VERSION,
    id: options.id,
    scenario: state.scenario,
    rubric: state.rubric,
    mode: state.mode,
    startedAt: state.startedAt,
    endedAt: options.endedAt.toISOString(),
    partial: result.partial,
    turns: state.exchanges.map(turnRecord),
    ledger: state.ledger,
    result,
  };
  if (options.scenarioTitle !== undefined) record.scenarioTitle = options.scenarioTitle;
  if (options.trainee !== undefined) record.trainee = options.trainee;
  return record;
}
