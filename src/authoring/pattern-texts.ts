/**
 * Every pattern a rubric or scenario writes, with the path it sits at, and a check on their text
 * that the notation cannot make: the `fed up` trap. Outside square brackets a space ends a `/`
 * list, so `angry/fed up` is (angry or fed) then up, and "angry" alone never matches.
 */
import type { Path } from "../content/load.js";
import type { RubricSpec, RuleSpec, ScenarioSpec } from "../content/schema.js";

export interface PatternText {
  text: string;
  path: Path;
}

function patternsOf(value: string | string[] | undefined, path: Path, out: PatternText[]): void {
  if (value === undefined) return;
  if (typeof value === "string") out.push({ text: value, path });
  else for (const [i, text] of value.entries()) out.push({ text, path: [...path, i] });
}

function rulePatterns(rule: Pick<RuleSpec, "match" | "with" | "without">, path: Path, out: PatternText[]): void {
  patternsOf(rule.match, [...path, "match"], out);
  patternsOf(rule.with, [...path, "with"], out);
  patternsOf(rule.without, [...path, "without"], out);
}

function lexiconPatterns(lexicon: Record<string, string[]> | undefined, out: PatternText[]): void {
  for (const [name, phrases] of Object.entries(lexicon ?? {})) patternsOf(phrases, ["lexicon", name], out);
}

function signalPatterns(signals: Record<string, RuleSpec[]> | undefined, path: Path, out: PatternText[]): void {
  for (const [criterion, rules] of Object.entries(signals ?? {}))
    for (const [ri, rule] of rules.entries()) rulePatterns(rule, [...path, criterion, ri], out);
}

/** The patterns of a rubric: its lexicon, its rules, the promises it rules out. */
export function rubricPatterns(rubric: RubricSpec): PatternText[] {
  const out: PatternText[] = [];
  lexiconPatterns(rubric.lexicon, out);
  for (const [ci, c] of rubric.criteria.entries())
    for (const [ri, r] of c.rules.entries()) rulePatterns(r, ["criteria", ci, "rules", ri], out);
  for (const [i, r] of (rubric["ruled-out"] ?? []).entries()) rulePatterns(r, ["ruled-out", i], out);
  return out;
}

/** The patterns of a scenario: its lexicon, its signals and its turns' signals, the promises it rules out. */
export function scenarioPatterns(scenario: ScenarioSpec): PatternText[] {
  const out: PatternText[] = [];
  lexiconPatterns(scenario.lexicon, out);
  signalPatterns(scenario.signals, ["signals"], out);
  for (const [ti, t] of scenario.turns.entries()) signalPatterns(t.signals, ["turns", ti, "signals"], out);
  for (const [i, r] of (scenario["ruled-out"] ?? []).entries()) rulePatterns(r, ["ruled-out", i], out);
  return out;
}

/** Words that make a phrase with the word before them: `fed up`, `sort out`, `call back`. */
const PARTICLES = "up|out|off|down|away|back|over|through";

/** `a/b` (no spaces) followed by a space and a particle: the particle goes with every alternative. */
const SLASH_PHRASE = new RegExp(`(?<![\\w'/-])((?:[A-Za-z][\\w'-]*/)+([A-Za-z][\\w'-]*)) (${PARTICLES})(?![\\w'-])`, "g");

export interface SlashPhrase {
  /** Offset of the list in the pattern text. */
  offset: number;
  list: string;
  last: string;
  particle: string;
}

/** Each `/` list in a pattern followed by a particle (`angry/fed up`), outside quotes and braces. */
export function slashPhrases(text: string): SlashPhrase[] {
  // Quoted forms and lexicon names are not words of a list: blank them out, keeping offsets.
  const plain = text.replace(/"[^"]*"|\{[^}]*\}/g, (m) => " ".repeat(m.length));
  const found = [...plain.matchAll(SLASH_PHRASE)].map((m) => ({
    offset: m.index,
    list: m[1] as string,
    last: m[2] as string,
    particle: m[3] as string,
  }));
  // Inside ( ), any word after a list is the trap: `(it/that/the bill)` is (it or that or the) bill.
  for (const group of plain.matchAll(/\(([^()[\]]*)\)/g)) {
    for (const m of (group[1] as string).matchAll(IN_GROUP)) {
      const offset = (group.index as number) + 1 + (m.index as number);
      if (!found.some((f) => f.offset === offset))
        found.push({ offset, list: m[1] as string, last: m[2] as string, particle: m[3] as string });
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** A `/` list followed by a space and a word, inside one group. */
const IN_GROUP = /(?<![\w'/-])((?:[A-Za-z][\w'-]*\/)+([A-Za-z][\w'-]*)) ([A-Za-z][\w'-]*)/g;
