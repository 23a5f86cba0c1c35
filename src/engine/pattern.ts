/**
 * The rule notation trainers write, compiled to a matcher over analysed sentences.
 *
 *   call/ring/phone           alternatives of single words (every form: calls, calling, called)
 *   [speak to / talk to]      alternatives of several words
 *   (right) now               optional words; (a/b) optional alternatives
 *   "works"                   this form only (no lemma)
 *   {time}                    a lexicon entry (rubric and scenario lists), {number} is built in
 *   *                         any one word
 *   ...                       a gap of up to four words
 *
 * Matching simulates every alternative at once over sets of positions (no backtracking), so
 * no pattern can take exponential time: the cost is at most patterns x words x gap width.
 * Gaps and wildcards never swallow a negation word, so "I will ... call" does not match
 * "I will not call".
 */
import { isNegationWord, type Token, wordForms } from "./analyze.js";

export type PatternNode =
  | { kind: "word"; normal: string; lemma: string }
  | { kind: "exact"; normal: string }
  | { kind: "seq"; items: PatternNode[] }
  | { kind: "alt"; options: PatternNode[] }
  | { kind: "opt"; node: PatternNode }
  | { kind: "ref"; name: string; offset: number }
  | { kind: "any" }
  | { kind: "gap"; max: number };

export interface PatternError {
  code: "pattern-syntax" | "pattern-empty" | "unknown-lexicon" | "lexicon-cycle" | "pattern-always-matches" | "pattern-too-complex";
  message: string;
  /** Offset into the pattern text. */
  offset: number;
  hint?: string;
}

const GAP_WIDTH = 4;
const MAX_NODES = 2000;
const MAX_DEPTH = 16;

type Lexeme =
  | { t: "open" | "close"; ch: "[" | "(" | "]" | ")"; at: number }
  | { t: "slash"; at: number; spaced: boolean }
  | { t: "gap" | "any"; at: number }
  | { t: "ref"; name: string; at: number }
  | { t: "exact"; text: string; at: number }
  | { t: "word"; text: string; at: number };

function lex(source: string, errors: PatternError[]): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "[" || ch === "(" || ch === "]" || ch === ")") {
      out.push({ t: ch === "[" || ch === "(" ? "open" : "close", ch, at: i });
      i++;
    } else if (ch === "/") {
      const spaced = /\s/.test(source[i - 1] ?? " ") || /\s/.test(source[i + 1] ?? " ");
      out.push({ t: "slash", at: i, spaced });
      i++;
    } else if (source.startsWith("...", i)) {
      out.push({ t: "gap", at: i });
      i += 3;
    } else if (ch === "*") {
      out.push({ t: "any", at: i });
      i++;
    } else if (ch === "{") {
      const close = source.indexOf("}", i);
      if (close < 0) {
        errors.push({ code: "pattern-syntax", message: "`{` is never closed", offset: i, hint: "write a lexicon entry as {name}" });
        i = source.length;
      } else {
        out.push({ t: "ref", name: source.slice(i + 1, close).trim(), at: i });
        i = close + 1;
      }
    } else if (ch === '"') {
      const close = source.indexOf('"', i + 1);
      if (close < 0) {
        errors.push({ code: "pattern-syntax", message: 'a quote `"` is never closed', offset: i });
        i = source.length;
      } else {
        out.push({ t: "exact", text: source.slice(i + 1, close), at: i });
        i = close + 1;
      }
    } else {
      let j = i;
      while (j < source.length && !/[\s[\]()/{}"*]/.test(source[j] as string) && !source.startsWith("...", j)) j++;
      out.push({ t: "word", text: source.slice(i, j), at: i });
      i = j;
    }
  }
  return out;
}

/** Parses the notation into a tree. Words are split and lemmatised by the same tokenizer as replies. */
export function parsePattern(source: string): { node: PatternNode; errors: PatternError[] } {
  const errors: PatternError[] = [];
  const lexemes = lex(source, errors);
  let pos = 0;
  let count = 0;

  const wordNode = (text: string, exact: boolean, at: number): PatternNode => {
    const forms = wordForms(text).filter((f) => f.normal.trim() !== "" && !/^[.,;:!?]+$/.test(f.normal));
    if (forms.length === 0) {
      errors.push({ code: "pattern-empty", message: `\`${text}\` has no word in it`, offset: at });
      return { kind: "seq", items: [] };
    }
    const items: PatternNode[] = forms.map((f) =>
      exact ? { kind: "exact", normal: f.normal } : { kind: "word", normal: f.normal, lemma: f.lemma },
    );
    count += items.length;
    return items.length === 1 ? (items[0] as PatternNode) : { kind: "seq", items };
  };

  // unit := word | "exact" | [alts] | (alts) | {ref} | * | ...
  const unit = (depth: number): PatternNode | undefined => {
    const lx = lexemes[pos];
    if (lx === undefined) return undefined;
    count++;
    if (depth > MAX_DEPTH || count > MAX_NODES) {
      if (!errors.some((e) => e.code === "pattern-too-complex")) {
        errors.push({
          code: "pattern-too-complex",
          message: `pattern is nested more than ${MAX_DEPTH} deep or longer than ${MAX_NODES} parts`,
          offset: lx.at,
          hint: "split it into several patterns (a list) or lexicon entries",
        });
      }
      pos = lexemes.length;
      return undefined;
    }
    switch (lx.t) {
      case "word":
        pos++;
        return wordNode(lx.text, false, lx.at);
      case "exact":
        pos++;
        return wordNode(lx.text, true, lx.at);
      case "ref":
        pos++;
        return { kind: "ref", name: lx.name, offset: lx.at };
      case "any":
        pos++;
        return { kind: "any" };
      case "gap":
        pos++;
        return { kind: "gap", max: GAP_WIDTH };
      case "open": {
        pos++;
        const closer = lx.ch === "[" ? "]" : ")";
        const options: PatternNode[] = [seq(depth + 1, true)];
        while (lexemes[pos]?.t === "slash") {
          pos++;
          options.push(seq(depth + 1, true));
        }
        const end = lexemes[pos];
        if (end === undefined || end.t !== "close" || end.ch !== closer) {
          errors.push({
            code: "pattern-syntax",
            message: `\`${lx.ch}\` is never closed`,
            offset: lx.at,
            hint: `close it with \`${closer}\``,
          });
        } else pos++;
        for (const option of options) {
          if (option.kind === "seq" && option.items.length === 0)
            errors.push({ code: "pattern-empty", message: `an empty alternative inside \`${lx.ch}\``, offset: lx.at });
        }
        const alt: PatternNode = options.length === 1 ? (options[0] as PatternNode) : { kind: "alt", options };
        return lx.ch === "(" ? { kind: "opt", node: alt } : alt;
      }
      default:
        return undefined;
    }
  };

  // seq := item* where item := unit ('/' unit)* ; inside brackets a '/' ends the sequence instead.
  const seq = (depth: number, inBrackets: boolean): PatternNode => {
    const items: PatternNode[] = [];
    while (pos < lexemes.length) {
      const lx = lexemes[pos] as Lexeme;
      if (lx.t === "close") {
        if (!inBrackets) {
          errors.push({ code: "pattern-syntax", message: `\`${lx.ch}\` closes nothing`, offset: lx.at });
          pos++;
          continue;
        }
        break;
      }
      if (lx.t === "slash") {
        if (inBrackets) break;
        errors.push({
          code: "pattern-syntax",
          message: "`/` needs a word on both sides",
          offset: lx.at,
          hint: "write alternatives as call/ring, or [speak to / talk to]",
        });
        pos++;
        continue;
      }
      const first = unit(depth);
      if (first === undefined) break;
      const options = [first];
      // Outside brackets, and inside them when unspaced, `a/b` joins single units.
      while (lexemes[pos]?.t === "slash" && (!inBrackets || !(lexemes[pos] as { spaced: boolean }).spaced)) {
        const next = lexemes[pos + 1];
        if (next === undefined || next.t === "close" || next.t === "slash") break;
        pos++;
        const option = unit(depth);
        if (option === undefined) break;
        options.push(option);
      }
      items.push(options.length === 1 ? first : { kind: "alt", options });
    }
    return items.length === 1 ? (items[0] as PatternNode) : { kind: "seq", items };
  };

  const node = seq(0, false);
  if (lexemes.length === 0) errors.push({ code: "pattern-empty", message: "the pattern is empty", offset: 0 });
  return { node, errors };
}

/** Can the node match zero words? A rule whose pattern can would fire on every reply. */
export function matchesEmpty(node: PatternNode, resolve: (name: string) => PatternNode | undefined, seen = new Set<string>()): boolean {
  switch (node.kind) {
    case "word":
    case "exact":
    case "any":
      return false;
    case "gap":
    case "opt":
      return true;
    case "seq":
      return node.items.every((n) => matchesEmpty(n, resolve, seen));
    case "alt":
      return node.options.some((n) => matchesEmpty(n, resolve, seen));
    case "ref": {
      if (node.name === "number" || seen.has(node.name)) return false;
      const target = resolve(node.name);
      if (target === undefined) return false;
      seen.add(node.name);
      const result = matchesEmpty(target, resolve, seen);
      seen.delete(node.name);
      return result;
    }
  }
}

/** The lexicon entry names a node uses, with their offsets. */
export function refsOf(node: PatternNode, out: Array<{ name: string; offset: number }> = []): Array<{ name: string; offset: number }> {
  switch (node.kind) {
    case "ref":
      out.push({ name: node.name, offset: node.offset });
      break;
    case "seq":
      for (const n of node.items) refsOf(n, out);
      break;
    case "alt":
      for (const n of node.options) refsOf(n, out);
      break;
    case "opt":
      refsOf(node.node, out);
      break;
    default:
      break;
  }
  return out;
}

const NUMBER_WORDS = new Set(
  "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty hundred half noon midday midnight".split(
    " ",
  ),
);

function isNumber(token: Token): boolean {
  return token.type === "number" || token.type === "time" || token.pos === "NUM" || NUMBER_WORDS.has(token.normal);
}

/** A sentence as the matcher sees it: its words, without punctuation. */
export interface WordView {
  tokens: Token[];
  /** Indices into tokens of the sentence's words. */
  words: number[];
}

export type Lexicon = ReadonlyMap<string, PatternNode>;

/**
 * All end positions reachable from the given start positions. Positions index `view.words`.
 * Sets are sorted arrays without duplicates; they never hold more than words + 1 entries.
 */
function step(node: PatternNode, starts: number[], view: WordView, lexicon: Lexicon, depth: number): number[] {
  if (starts.length === 0) return starts;
  const n = view.words.length;
  const token = (p: number): Token => view.tokens[view.words[p] as number] as Token;
  switch (node.kind) {
    case "word": {
      const out: number[] = [];
      for (const p of starts) {
        if (p >= n) continue;
        const t = token(p);
        if (t.normal === node.normal || t.lemma === node.lemma || t.lemma === node.normal || t.normal === node.lemma) out.push(p + 1);
      }
      return out;
    }
    case "exact": {
      const out: number[] = [];
      for (const p of starts) if (p < n && token(p).normal === node.normal) out.push(p + 1);
      return out;
    }
    case "any": {
      const out: number[] = [];
      for (const p of starts) if (p < n && !isNegationWord(token(p).normal)) out.push(p + 1);
      return out;
    }
    case "gap": {
      const marks = new Uint8Array(n + 1);
      for (const p of starts) {
        marks[p] = 1;
        for (let q = p; q < Math.min(n, p + node.max) && !isNegationWord(token(q).normal); q++) marks[q + 1] = 1;
      }
      return collect(marks);
    }
    case "seq": {
      let current = starts;
      for (const item of node.items) {
        current = step(item, current, view, lexicon, depth);
        if (current.length === 0) break;
      }
      return current;
    }
    case "alt": {
      if (node.options.length === 1) return step(node.options[0] as PatternNode, starts, view, lexicon, depth);
      const marks = new Uint8Array(n + 1);
      for (const option of node.options) for (const p of step(option, starts, view, lexicon, depth)) marks[p] = 1;
      return collect(marks);
    }
    case "opt": {
      const marks = new Uint8Array(n + 1);
      for (const p of starts) marks[p] = 1;
      for (const p of step(node.node, starts, view, lexicon, depth)) marks[p] = 1;
      return collect(marks);
    }
    case "ref": {
      if (node.name === "number") {
        const out: number[] = [];
        for (const p of starts) if (p < n && isNumber(token(p))) out.push(p + 1);
        return out;
      }
      const target = lexicon.get(node.name);
      // Cycles are reported when content loads; the depth guard keeps a bad lexicon from looping.
      if (target === undefined || depth > MAX_DEPTH) return [];
      return step(target, starts, view, lexicon, depth + 1);
    }
  }
}

function collect(marks: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < marks.length; i++) if (marks[i] === 1) out.push(i);
  return out;
}

export interface Span {
  /** Word positions [from, to) in the view. */
  from: number;
  to: number;
}

/** Every place the pattern matches in the sentence, longest first at each start. */
export function* matchAll(node: PatternNode, view: WordView, lexicon: Lexicon): Generator<Span> {
  const n = view.words.length;
  for (let from = 0; from < n; from++) {
    const ends = step(node, [from], view, lexicon, 0);
    for (let k = ends.length - 1; k >= 0; k--) {
      const to = ends[k] as number;
      if (to > from) yield { from, to };
    }
  }
}
