/**
 * What the opening screen needs of a scenario (title, briefing, customer, first turn), taken from a
 * scenario file's parsed YAML before the schemas are loaded. Like `coach list`, it trusts nothing:
 * any missing or odd field and it gives up, and the full load reports the problem with a position.
 */
import type { Mood } from "../content/schema.js";
import { MOODS } from "./mood.js";

/** A line with variants (see the scenario format); the opening shows one only when it has no `if`. */
export type OpeningVariants = ReadonlyArray<{ if?: unknown; text: string }>;

export interface OpeningTurn {
  id: string;
  skip?: string;
  narration?: string | OpeningVariants;
  customer: string | { none: string } | OpeningVariants;
}

/** The part of a ScenarioSpec the opening screen shows; every ScenarioSpec is one. */
export interface OpeningScenario {
  id: string;
  title: string;
  difficulty: string;
  briefing: { role: string; situation: string; facts?: string[] };
  customer: { name: string; persona: string; mood: Mood };
  turns: readonly OpeningTurn[];
}

type Loose = Record<string, unknown>;

const isRecord = (value: unknown): value is Loose => value !== null && typeof value === "object" && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";
const optionalText = (value: unknown) => value === undefined || typeof value === "string";

export function asOpeningScenario(data: unknown, id: string): OpeningScenario | undefined {
  if (!isRecord(data) || data.id !== id || !isText(data.title) || !isText(data.difficulty)) return undefined;
  const { briefing, customer, turns } = data;
  if (!isRecord(briefing) || !isText(briefing.role) || !isText(briefing.situation)) return undefined;
  const facts = briefing.facts;
  if (facts !== undefined && !(Array.isArray(facts) && facts.every((f) => typeof f === "string"))) return undefined;
  if (!isRecord(customer) || !isText(customer.name) || !isText(customer.persona)) return undefined;
  const mood = MOODS.find(([name]) => name === customer.mood)?.[0];
  if (mood === undefined || !Array.isArray(turns)) return undefined;
  const first: unknown = turns[0];
  if (!isRecord(first) || !isText(first.id) || !optionalText(first.skip)) return undefined;
  // Variants whose first has an `if` depend on the engine: the full load shows those.
  const narration = first.narration === undefined || typeof first.narration === "string" ? first.narration : plainVariant(first.narration);
  if (first.narration !== undefined && narration === undefined) return undefined;
  const said = first.customer;
  const line = isText(said) ? said : isRecord(said) && isText(said.none) ? said.none : plainVariant(said);
  if (line === undefined) return undefined;

  const turn: OpeningTurn = { id: first.id, customer: line };
  if (typeof first.skip === "string") turn.skip = first.skip;
  if (typeof narration === "string") turn.narration = narration;
  const scenario: OpeningScenario = {
    id,
    title: data.title,
    difficulty: data.difficulty,
    briefing: { role: briefing.role, situation: briefing.situation },
    customer: { name: customer.name, persona: customer.persona, mood },
    turns: [turn],
  };
  if (facts !== undefined) scenario.briefing.facts = facts as string[];
  return scenario;
}

/** The text of a variant list whose first variant is said whatever happened (it has no `if`). */
function plainVariant(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const first: unknown = value[0];
  return isRecord(first) && first.if === undefined && isText(first.text) ? first.text : undefined;
}
