/**
 * Finds a `}` that closes no `{` in the rule notation before the engine compiles a pattern, and
 * hands the compiler a copy without it. The engine's tokenizer does not expect a stray `}` (a typo
 * such as `{time}}`) and would never finish on it; here it becomes a pattern-syntax diagnostic at
 * the exact spot, and loading content stays safe. Content without stray braces is returned as the
 * very same object, so the compiled-model caches keyed on it keep working.
 */
import type { Path } from "./load.js";
import type { RubricSpec, RuleSpec, ScenarioSpec } from "./schema.js";

export interface StrayBrace {
  path: Path;
  offset: number;
}

/** Offsets of `}` outside `{name}` and outside "exact" quotes, scanning as the notation's lexer does. */
export function strayBraceOffsets(source: string): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === "{" || ch === '"') {
      const close = source.indexOf(ch === "{" ? "}" : '"', i + 1);
      if (close < 0) break;
      i = close + 1;
    } else {
      if (ch === "}") out.push(i);
      i++;
    }
  }
  return out;
}

function guardText(text: string, path: Path, stray: StrayBrace[]): string {
  const offsets = strayBraceOffsets(text);
  if (offsets.length === 0) return text;
  for (const offset of offsets) stray.push({ path, offset });
  let out = text;
  for (const offset of [...offsets].reverse()) out = `${out.slice(0, offset)} ${out.slice(offset + 1)}`;
  return out;
}

function guardPatterns<T extends string | string[]>(value: T, path: Path, stray: StrayBrace[]): T {
  if (typeof value === "string") return guardText(value, path, stray) as T;
  const list = value.map((text, i) => guardText(text, [...path, i], stray));
  return (list.every((text, i) => text === value[i]) ? value : list) as T;
}

function guardRule(rule: RuleSpec, path: Path, stray: StrayBrace[]): RuleSpec {
  const before = stray.length;
  const guarded: RuleSpec = { ...rule, match: guardPatterns(rule.match, [...path, "match"], stray) };
  if (rule.with !== undefined) guarded.with = guardPatterns(rule.with, [...path, "with"], stray);
  if (rule.without !== undefined) guarded.without = guardPatterns(rule.without, [...path, "without"], stray);
  return stray.length === before ? rule : guarded;
}

function guardLexicon(lexicon: Record<string, string[]> | undefined, stray: StrayBrace[]): Record<string, string[]> | undefined {
  if (lexicon === undefined) return undefined;
  const before = stray.length;
  const out: Record<string, string[]> = {};
  for (const [name, phrases] of Object.entries(lexicon)) out[name] = guardPatterns(phrases, ["lexicon", name], stray);
  return stray.length === before ? lexicon : out;
}

export function guardRubric(rubric: RubricSpec): { spec: RubricSpec; stray: StrayBrace[] } {
  const stray: StrayBrace[] = [];
  const lexicon = guardLexicon(rubric.lexicon, stray);
  const criteria = rubric.criteria.map((c, ci) => {
    const before = stray.length;
    const rules = c.rules.map((r, ri) => guardRule(r, ["criteria", ci, "rules", ri], stray));
    return stray.length === before ? c : { ...c, rules };
  });
  if (stray.length === 0) return { spec: rubric, stray };
  const spec: RubricSpec = { ...rubric, criteria };
  if (lexicon !== undefined) spec.lexicon = lexicon;
  return { spec, stray };
}

export function guardScenario(scenario: ScenarioSpec): { spec: ScenarioSpec; stray: StrayBrace[] } {
  const stray: StrayBrace[] = [];
  const lexicon = guardLexicon(scenario.lexicon, stray);
  let signals = scenario.signals;
  if (signals !== undefined) {
    const before = stray.length;
    const guarded: NonNullable<ScenarioSpec["signals"]> = {};
    for (const [criterion, rules] of Object.entries(signals))
      guarded[criterion] = rules.map((r, ri) => guardRule(r, ["signals", criterion, ri], stray));
    if (stray.length > before) signals = guarded;
  }
  if (stray.length === 0) return { spec: scenario, stray };
  const spec: ScenarioSpec = { ...scenario };
  if (lexicon !== undefined) spec.lexicon = lexicon;
  if (signals !== undefined) spec.signals = signals;
  return { spec, stray };
}
