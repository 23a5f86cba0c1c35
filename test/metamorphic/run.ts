/**
 * Runs every metamorphic family over every base reply at its turns and measures each family's
 * violation rate. Deterministic: each base and family has its own seed, from their names, so adding
 * a base or a family leaves the other pairs as they were.
 */
import type { ReplyScore } from "../../src/engine/score.js";
import { scoreReply } from "../../src/engine/score.js";
import { seeded } from "../helpers/random.js";
import { type Base, bases, STORIES } from "./bases.js";
import { FAMILIES, type Family } from "./families.js";

export interface Pair {
  family: string;
  kind?: string;
  scenario: string;
  turn: string;
  source: string;
  a: string;
  b: string;
  scoreA: ReplyScore;
  scoreB: ReplyScore;
  /** Why the pair breaks its family's expectation; undefined when it holds. */
  violation?: string;
}

export interface FamilyResult {
  id: string;
  expectation: string;
  robust: boolean;
  pairs: number;
  violations: number;
  /** violations / pairs, 0 to 1. */
  rate: number;
  /** By sub-kind, when the family has them. */
  kinds: Record<string, { pairs: number; violations: number }>;
  /** Every violating pair, in the order generated. */
  violating: Pair[];
  /** Every pair, for checking by eye. */
  all: Pair[];
}

/** FNV-1a: a seed from a name. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function runFamily(family: Family, all: readonly Base[], cache: Map<string, ReplyScore>): FamilyResult {
  const result: FamilyResult = {
    id: family.id,
    expectation: family.expectation,
    robust: family.robust === true,
    pairs: 0,
    violations: 0,
    rate: 0,
    kinds: {},
    violating: [],
    all: [],
  };
  for (const base of all) {
    const story = STORIES[base.scenario.id];
    if (story === undefined) throw new Error(`no story for scenario ${base.scenario.id}: add it to test/metamorphic/bases.ts`);
    const score = (text: string): ReplyScore => {
      const key = `${base.scenario.id}\u0000${base.turn}\u0000${text}`;
      let found = cache.get(key);
      if (found === undefined) {
        found = scoreReply(text, base.scenario, base.turn, base.rubric);
        cache.set(key, found);
      }
      return found;
    };
    const random = seeded(hash(`${family.id}|${base.source}`));
    for (const variant of family.variants(base, story, random, score)) {
      const scoreA = score(variant.a);
      const scoreB = score(variant.b);
      const violation = family.violation(scoreA, scoreB);
      const pair: Pair = {
        family: family.id,
        scenario: base.scenario.id,
        turn: base.turn,
        source: base.source,
        a: variant.a,
        b: variant.b,
        scoreA,
        scoreB,
      };
      if (variant.kind !== undefined) pair.kind = variant.kind;
      if (violation !== undefined) pair.violation = violation;
      result.pairs++;
      result.all.push(pair);
      if (variant.kind !== undefined) {
        const k = result.kinds[variant.kind] ?? { pairs: 0, violations: 0 };
        k.pairs++;
        if (violation !== undefined) k.violations++;
        result.kinds[variant.kind] = k;
      }
      if (violation !== undefined) {
        result.violations++;
        result.violating.push(pair);
      }
    }
  }
  result.rate = result.pairs === 0 ? 0 : result.violations / result.pairs;
  return result;
}

/** Every family over every base; the scores are shared between families. */
export function runAll(): FamilyResult[] {
  const all = bases();
  const cache = new Map<string, ReplyScore>();
  return FAMILIES.map((family) => runFamily(family, all, cache));
}

/** A rate as a percentage with one decimal: "12.3%". */
export function percent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** The table the test and `npm run metamorphic` print. */
export function ratesTable(results: readonly FamilyResult[], baseline?: Readonly<Record<string, number>>): string {
  const width = Math.max(...results.map((r) => r.id.length));
  const lines = results.map((r) => {
    const bar = baseline?.[r.id] === undefined ? "" : `  baseline ${baseline[r.id]}%`;
    const kinds = Object.entries(r.kinds)
      .map(([k, v]) => `${k} ${percent(v.pairs === 0 ? 0 : v.violations / v.pairs)}`)
      .join(", ");
    return `${r.id.padEnd(width)}  ${percent(r.rate).padStart(6)}  ${String(r.violations).padStart(4)}/${String(r.pairs).padEnd(5)}${bar}${kinds === "" ? "" : `  (${kinds})`}`;
  });
  return lines.join("\n");
}
