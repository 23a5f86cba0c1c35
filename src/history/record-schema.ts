/**
 * A session record checked as it is read back: the history and exported files can be edited by hand,
 * so a `null` in `result.changes`, a number where the ending's text belongs or a line nested a hundred
 * thousand deep must be found here, named, and skipped, not met by a renderer or by JSON.stringify.
 * Pure. The schema says what `coach play` writes (src/history/record.ts); fields it does not know are
 * kept as they are, so a newer version's records pass through export and import unchanged.
 */
import { z } from "zod";
import type { SessionRecord } from "./record.js";

/** Far deeper than any record (about six levels), far shallower than a stack. */
export const MAX_RECORD_DEPTH = 32;

const text = z.string();
const count = z.number();

const evidence = z.looseObject({
  criterion: text,
  quote: text,
  rule: text,
  effect: text,
  start: count,
  end: count,
});

const turn = z.looseObject({
  turn: text,
  skip: text.optional(),
  narration: text.optional(),
  customer: text,
  reply: text,
  score: count,
  levels: z.record(text, count),
  flags: z.array(text),
  evidence: z.array(evidence),
  feedback: z.record(text, text),
  missing: z.record(text, text).optional(),
  moodAfter: count,
});

const commitment = z.looseObject({
  turn: text,
  who: text,
  what: text,
  due: text.optional(),
  vague: z.boolean(),
  quote: text,
  status: text,
});

const result = z.looseObject({
  scenario: text,
  rubric: text,
  mode: text,
  partial: z.boolean(),
  turns: count,
  score: count,
  criteria: z.array(z.looseObject({ id: text, title: text, level: count, mean: count, max: count, weight: count })),
  flags: z.array(text),
  changes: z.array(z.looseObject({ criterion: text, rule: text, feedback: text, worth: count })),
  weakest: z.looseObject({ turn: text, reply: text, model: text, score: count }).optional(),
  ledger: z.array(commitment),
  ending: text.optional(),
  finalMood: count,
});

export const sessionRecordSchema = z.looseObject({
  version: count,
  id: text.min(1),
  scenario: text,
  scenarioTitle: text.optional(),
  rubric: text,
  mode: text,
  startedAt: text,
  endedAt: text,
  partial: z.boolean(),
  trainee: text.optional(),
  turns: z.array(turn),
  ledger: z.array(commitment),
  result,
});

/** How deeply a line of JSON nests its arrays and objects, counted without parsing it. */
export function jsonDepth(line: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** `problem` says what does not check; `notRecord` that the value is no session record at all. */
export type RecordCheck = { record: SessionRecord } | { problem: string; notRecord?: boolean };

function describe(issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? "the record" : issue.path.map(String).join(".");
  return `${where}: ${issue.message.replace(/^Invalid input: /, "")}`;
}

/** A parsed value checked as a session record. */
export function checkRecord(value: unknown): RecordCheck {
  const checked = sessionRecordSchema.safeParse(value);
  if (checked.success) return { record: value as SessionRecord };
  const looksLikeOne = value !== null && typeof value === "object" && !Array.isArray(value) && "id" in value && "turns" in value;
  if (!looksLikeOne) return { problem: "not a session record", notRecord: true };
  const issues = checked.error.issues;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return { problem: `${describe(issues[0] as z.core.$ZodIssue)}${more}` };
}

/** One line of a history or exported file: JSON, not nested too deep, and a session record. */
export function parseRecordLine(line: string): RecordCheck | { notJson: true } {
  if (jsonDepth(line) > MAX_RECORD_DEPTH) return { problem: `nested more than ${MAX_RECORD_DEPTH} deep` };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { notJson: true };
  }
  return checkRecord(value);
}
