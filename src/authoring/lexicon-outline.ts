/**
 * A rubric's outline for checking a scenario's patterns: the same lexicon entry names, the same
 * references between them and the same shape (optional parts, gaps, alternatives), with every word
 * replaced by `*`. A word costs a pass of the language model when a pattern compiles; `*` costs
 * nothing, and to the checks (unknown entries, cycles, patterns that match no words) a word and `*`
 * are the same: both match exactly one word. So each scenario compiles against the outline in well
 * under a millisecond instead of recompiling the whole rubric; the rubric's own patterns are
 * checked once, in full, on their own.
 */
import type { RubricSpec, ScenarioSpec } from "../content/schema.js";
import { scenarioPatterns } from "./pattern-texts.js";

const SPECIAL = /[\s[\]()/{}"*]/;

/** The pattern with each word and each "exact" form replaced by `*`; everything else kept. */
export function outlinePattern(source: string): string {
  let out = "";
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (source.startsWith("...", i)) {
      out += "...";
      i += 3;
    } else if (ch === "{" || ch === '"') {
      const close = source.indexOf(ch === "{" ? "}" : '"', i + 1);
      // An unclosed brace or quote is the rubric's own syntax error, reported when it is checked.
      if (close < 0) return out + source.slice(i);
      out += ch === "{" ? source.slice(i, close + 1) : "*";
      i = close + 1;
    } else if (ch === "}") {
      // A `}` that closes nothing is reported by the pattern guard; the outline leaves it out.
      i++;
    } else if (SPECIAL.test(ch)) {
      out += ch;
      i++;
    } else {
      let j = i;
      while (j < source.length && !SPECIAL.test(source[j] as string) && !source.startsWith("...", j)) j++;
      out += "*";
      i = j;
    }
  }
  return out;
}

const outlines = new WeakMap<RubricSpec, RubricSpec>();

/**
 * The rubric with its lexicon outlined and no rules of its own (a scenario's signals only need the
 * criterion ids). Cached per rubric object, so 500 scenarios share one outline.
 */
export function rubricOutline(rubric: RubricSpec): RubricSpec {
  let outline = outlines.get(rubric);
  if (outline === undefined) {
    const lexicon: Record<string, string[]> = {};
    for (const [name, phrases] of Object.entries(rubric.lexicon ?? {})) lexicon[name] = phrases.map(outlinePattern);
    outline = { ...rubric, lexicon, criteria: rubric.criteria.map((c) => ({ ...c, rules: [] })) };
    outlines.set(rubric, outline);
  }
  return outline;
}

/**
 * Every `{name}` in a pattern text: the lexicon entries it may use. A superset of those the parser
 * finds (it also counts braces inside quotes), which is all reachability needs: an entry kept
 * whole when it need not be only costs time.
 */
function namesIn(text: string, out: Set<string>): void {
  for (const m of text.matchAll(/\{([^}]*)\}/g)) out.add((m[1] as string).trim());
}

interface OutlineGraph {
  outline: RubricSpec;
  /** The entries each outlined entry names. */
  uses: Map<string, Set<string>>;
  /** The rubric's entries name each other in a loop: its lexicon is left whole (see scenarioOutline). */
  cyclic: boolean;
  /** The entries the rubric's ruled-out promises name: they are compiled with every scenario. */
  ruledOut: Set<string>;
}

const graphs = new WeakMap<RubricSpec, OutlineGraph>();

function hasCycle(uses: Map<string, Set<string>>): boolean {
  const done = new Set<string>();
  const open = new Set<string>();
  const visit = (name: string): boolean => {
    if (open.has(name)) return true;
    if (done.has(name)) return false;
    open.add(name);
    for (const next of uses.get(name) ?? []) if (visit(next)) return true;
    open.delete(name);
    done.add(name);
    return false;
  };
  return [...uses.keys()].some(visit);
}

function graphOf(rubric: RubricSpec): OutlineGraph {
  let graph = graphs.get(rubric);
  if (graph === undefined) {
    const outline = rubricOutline(rubric);
    const uses = new Map<string, Set<string>>();
    for (const [name, phrases] of Object.entries(outline.lexicon ?? {})) {
      const names = new Set<string>();
      for (const phrase of phrases) namesIn(phrase, names);
      uses.set(name, names);
    }
    const ruledOut = new Set<string>();
    for (const rule of outline["ruled-out"] ?? [])
      for (const value of [rule.match, rule.with, rule.without])
        for (const text of value === undefined ? [] : typeof value === "string" ? [value] : value) namesIn(text, ruledOut);
    graph = { outline, uses, cyclic: hasCycle(uses), ruledOut };
    graphs.set(rubric, graph);
  }
  return graph;
}

/**
 * The rubric's outline for checking one scenario: the entries none of the scenario's patterns can
 * reach (directly or through other entries) are emptied, names kept. What a check finds in a
 * scenario's patterns depends only on the entries they reach (unknown names are looked up among all
 * names, so every name stays), and an unreached entry costs as much to compile as a reached one:
 * a scenario that uses a few of the rubric's forty entries compiles a few.
 *
 * A rubric whose own entries loop is broken already, and its loop turns off the cost checks of
 * every pattern compiled with it; its outline is used whole, so that stays as it is.
 */
export function scenarioOutline(rubric: RubricSpec, scenario: ScenarioSpec): RubricSpec {
  const { outline, uses, cyclic, ruledOut } = graphOf(rubric);
  if (cyclic) return outline;
  const reached = new Set<string>(ruledOut);
  for (const { text } of scenarioPatterns(scenario)) namesIn(text, reached);
  for (const name of Object.keys(scenario.lexicon ?? {})) reached.add(name);
  const pending = [...reached];
  for (let name = pending.pop(); name !== undefined; name = pending.pop())
    for (const next of uses.get(name) ?? [])
      if (!reached.has(next)) {
        reached.add(next);
        pending.push(next);
      }
  const lexicon: Record<string, string[]> = {};
  for (const [name, phrases] of Object.entries(outline.lexicon ?? {})) lexicon[name] = reached.has(name) ? phrases : [];
  return { ...outline, lexicon };
}
