/**
 * A rubric's outline for checking a scenario's patterns: the same lexicon entry names, the same
 * references between them and the same shape (optional parts, gaps, alternatives), with every word
 * replaced by `*`. A word costs a pass of the language model when a pattern compiles; `*` costs
 * nothing, and to the checks (unknown entries, cycles, patterns that match no words) a word and `*`
 * are the same: both match exactly one word. So each scenario compiles against the outline in well
 * under a millisecond instead of recompiling the whole rubric; the rubric's own patterns are
 * checked once, in full, on their own.
 */
import type { RubricSpec } from "../content/schema.js";

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
