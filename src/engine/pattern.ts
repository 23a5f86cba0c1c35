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
import { internAll, internWord, wordId } from "./word-ids.js";

/** Word nodes carry their words' ids too (`word-ids.ts`): the matcher compares those. */
export type PatternNode =
  | { kind: "word"; normal: string; lemma: string; normalId: number; lemmaId: number }
  | { kind: "exact"; normal: string; normalId: number }
  | { kind: "seq"; items: PatternNode[] }
  | {
      kind: "alt";
      options: PatternNode[];
      /** Options by the ids of the words they can start with, for alternatives with many phrases (built by `optimise`). */
      byFirst?: Map<number, PatternNode[]>;
      /** Options that can start with any word, or with a lexicon entry. */
      anyFirst?: PatternNode[];
      /** `anyFirst` and the options that start with a number, once lexicon entries are resolved (`resolveFirstWords`). */
      withNumber?: PatternNode[];
    }
  | { kind: "opt"; node: PatternNode }
  | { kind: "ref"; name: string; offset: number; entry: number }
  | { kind: "any" }
  | { kind: "gap"; max: number }
  /** Many single-word alternatives at once, looked up in a set (built by `optimise`). */
  | {
      kind: "set";
      words: Set<string>;
      exact: Set<string>;
      /** `words` and `exact` together: every form that matches as typed. */
      forms: Set<string>;
      /** The ids of `words` and of `forms`, as tables (see `IdTable`). */
      wordIds: IdTable;
      formIds: IdTable;
    };

/**
 * A set of word ids as a table indexed by id, 1 for a member: the matcher tests a sentence's words
 * against sets millions of times, and reading a byte costs less than hashing into a `Set`. Sized to
 * the largest member, so an id past its end (a word interned later) is no member.
 */
export type IdTable = Uint8Array;

function idTable(ids: Set<number>): IdTable {
  let max = -1;
  for (const id of ids) if (id > max) max = id;
  const table = new Uint8Array(max + 1);
  for (const id of ids) table[id] = 1;
  return table;
}

function inTable(table: IdTable, id: number): boolean {
  return id < table.length && table[id] === 1;
}

/** A word to match in any of its forms. */
export function wordNode(normal: string, lemma: string): PatternNode {
  return { kind: "word", normal, lemma, normalId: internWord(normal), lemmaId: internWord(lemma) };
}

function exactNode(normal: string): PatternNode {
  return { kind: "exact", normal, normalId: internWord(normal) };
}

function setNode(words: Set<string>, exact: Set<string>): PatternNode {
  const forms = new Set([...words, ...exact]);
  return { kind: "set", words, exact, forms, wordIds: idTable(internAll(words)), formIds: idTable(internAll(forms)) };
}

/**
 * Lexicon entry names as small numbers, given when a reference is made: a sentence's memo of the
 * entries' ends is then an array indexed by number, not a map looked up by name at every try.
 */
const entryNumbers = new Map<string, number>();

function entryNumber(name: string): number {
  let number = entryNumbers.get(name);
  if (number === undefined) {
    number = entryNumbers.size;
    entryNumbers.set(name, number);
  }
  return number;
}

/** A reference to the lexicon entry `name`, at `offset` in its pattern's text. */
export function refTo(name: string, offset = 0): PatternNode {
  return { kind: "ref", name, offset, entry: entryNumber(name) };
}

type RefNode = Extract<PatternNode, { kind: "ref" }>;

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
    } else if (ch === "}") {
      errors.push({ code: "pattern-syntax", message: "`}` closes nothing", offset: i, hint: "write a lexicon entry as {name}" });
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

  const literal = (text: string, exact: boolean, at: number): PatternNode => {
    const forms = wordForms(text).filter((f) => f.normal.trim() !== "" && !/^[.,;:!?]+$/.test(f.normal));
    if (forms.length === 0) {
      errors.push({ code: "pattern-empty", message: `\`${text}\` has no word in it`, offset: at });
      return { kind: "seq", items: [] };
    }
    const items: PatternNode[] = forms.map((f) => (exact ? exactNode(f.normal) : wordNode(f.normal, f.lemma)));
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
        return literal(lx.text, false, lx.at);
      case "exact":
        pos++;
        return literal(lx.text, true, lx.at);
      case "ref":
        pos++;
        return refTo(lx.name, lx.at);
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
    case "set":
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
  /** The words as the matcher reads them, worked out when it first does (`idsOf`). */
  ids?: WordIds;
  /** Lexicon matches already computed in this sentence: entry number -> start -> ends. */
  memo?: Array<Array<number[] | undefined> | undefined>;
  /** Whole-pattern matches already computed in this sentence. */
  spans?: Map<PatternNode, Span[]>;
  /** The patterns `matchIndexed` matched in this sentence (all of them, spans or not). */
  indexed?: ReadonlySet<PatternNode>;
  /**
   * By entry number, 1 for the lexicon entries `matchIndexed` found at every start: where their memo
   * has nothing, they have no match (set once the index has matched the whole sentence).
   */
  complete?: Uint8Array;
  /** The sentence's words as patterns see them (`presentIn`), as a set and a list, once worked out. */
  present?: { set: Set<string>; list: string[] };
}

export type Lexicon = ReadonlyMap<string, PatternNode>;

/** Per word of a view (by position in `words`): the ids of its normal form and lemma, and its marks. */
export interface WordIds {
  normals: Int32Array;
  lemmas: Int32Array;
  /** NUMBER, NEGATION and SEEING bits. */
  marks: Uint8Array;
  /** Is some word a number? */
  hasNumber: boolean;
}

const NUMBER = 1;
const NEGATION = 2;
/**
 * "see" in any form: what follows it is what was seen, so a gap does not cross it ("I can see it's
 * logged" is no promise to log it).
 */
const SEEING = 4;
/** The marks a gap stops at. */
const GAP_STOP = NEGATION | SEEING;
/** `{number}` as a word of the index's sets: a number stamps the sets holding it. */
const NUMBER_WORD = internWord("{number}");

/** The view's word ids and marks, worked out once: each word's strings are looked up here and nowhere else. */
function idsOf(view: WordView): WordIds {
  if (view.ids !== undefined) return view.ids;
  const n = view.words.length;
  const ids: WordIds = { normals: new Int32Array(n), lemmas: new Int32Array(n), marks: new Uint8Array(n), hasNumber: false };
  for (let p = 0; p < n; p++) {
    const t = view.tokens[view.words[p] as number] as Token;
    ids.normals[p] = wordId(t.normal);
    ids.lemmas[p] = t.lemma === t.normal ? (ids.normals[p] as number) : wordId(t.lemma);
    const number = isNumber(t);
    if (number) ids.hasNumber = true;
    ids.marks[p] = (number ? NUMBER : 0) | (isNegationWord(t.normal) ? NEGATION : 0) | (t.lemma === "see" ? SEEING : 0);
  }
  view.ids = ids;
  return ids;
}

/** Does a one-word node (a word, an exact form, a set, any word, a number) match the word at p? */
function matchesWord(node: PatternNode, p: number, ids: WordIds): boolean {
  switch (node.kind) {
    case "word": {
      const normal = ids.normals[p];
      const lemma = ids.lemmas[p];
      return normal === node.normalId || lemma === node.lemmaId || lemma === node.normalId || normal === node.lemmaId;
    }
    case "exact":
      return ids.normals[p] === node.normalId;
    case "set": {
      const normal = ids.normals[p] as number;
      const lemma = ids.lemmas[p] as number;
      return inTable(node.formIds, normal) || (lemma !== normal && inTable(node.wordIds, lemma));
    }
    case "any":
      return ((ids.marks[p] as number) & NEGATION) === 0;
    case "ref":
      return node.name === "number" && ((ids.marks[p] as number) & NUMBER) !== 0;
    default:
      return false;
  }
}

/** Lists of one position, shared: steps never write to the lists they return. */
const ONLY: number[][] = [];

function only(p: number): number[] {
  let list = ONLY[p];
  if (list === undefined) {
    list = [p];
    ONLY[p] = list;
  }
  return list;
}

/**
 * All end positions reachable from the given start positions. Positions index `view.words`.
 * Sets are sorted arrays without duplicates; they never hold more than words + 1 entries.
 */
function step(node: PatternNode, starts: number[], view: WordView, lexicon: Lexicon, depth: number): number[] {
  if (starts.length === 0) return starts;
  const n = view.words.length;
  const ids = view.ids as WordIds;
  // One start and a one-word node, the commonest step: the answer is one shared list or none.
  if (starts.length === 1 && node.kind !== "seq" && node.kind !== "alt" && node.kind !== "opt" && node.kind !== "gap") {
    if (node.kind === "ref" && node.name !== "number") return stepRef(node, starts, view, lexicon, depth);
    const p = starts[0] as number;
    return p < n && matchesWord(node, p, ids) ? only(p + 1) : NONE;
  }
  switch (node.kind) {
    case "word":
    case "exact":
    case "set":
    case "any": {
      const out: number[] = [];
      for (const p of starts) if (p < n && matchesWord(node, p, ids)) out.push(p + 1);
      return out;
    }
    case "gap": {
      const { marks } = ids;
      if (starts.length === 1) {
        const p = starts[0] as number;
        const out = [p];
        for (let q = p; q < Math.min(n, p + node.max) && ((marks[q] as number) & GAP_STOP) === 0; q++) out.push(q + 1);
        return out;
      }
      // The starts are sorted, so the ranges they open are met in order: each end is listed once.
      const out: number[] = [];
      let last = -1;
      for (const p of starts) {
        for (let q = p; q <= Math.min(n, p + node.max); q++) {
          if (q > last) {
            out.push(q);
            last = q;
          }
          if (q === n || ((marks[q] as number) & GAP_STOP) !== 0) break;
        }
      }
      return out;
    }
    case "seq": {
      let current = starts;
      const items = node.items;
      for (let k = 0; k < items.length; k++) {
        const item = items[k] as PatternNode;
        // One position and a one-word item ("will", "not", a set of verbs): tested here, without a
        // call, as the start of most phrases runs ("[I / we] (now) {act-now}", "is not ...").
        if (current.length === 1 && (item.kind === "word" || item.kind === "exact" || item.kind === "set")) {
          const p = current[0] as number;
          current = p < n && matchesWord(item, p, ids) ? only(p + 1) : NONE;
        } else current = step(item, current, view, lexicon, depth);
        if (current.length === 0) break;
      }
      return current;
    }
    case "alt": {
      if (node.options.length === 1) return step(node.options[0] as PatternNode, starts, view, lexicon, depth);
      if (node.byFirst !== undefined && starts.length === 1) {
        const p = starts[0] as number;
        if (p >= n) return [];
        const normal = ids.normals[p] as number;
        const lemma = ids.lemmas[p] as number;
        const byLemma = lemma === normal ? undefined : node.byFirst.get(lemma);
        const rest = node.withNumber !== undefined && ((ids.marks[p] as number) & NUMBER) !== 0 ? node.withNumber : node.anyFirst;
        return unionOf(node.byFirst.get(normal), byLemma, rest, starts, view, lexicon, depth);
      }
      return unionOf(node.options, undefined, undefined, starts, view, lexicon, depth);
    }
    case "opt": {
      return mergeEnds(starts, step(node.node, starts, view, lexicon, depth));
    }
    case "ref": {
      if (node.name === "number") {
        const out: number[] = [];
        for (const p of starts) if (p < n && matchesWord(node, p, ids)) out.push(p + 1);
        return out;
      }
      return stepRef(node, starts, view, lexicon, depth);
    }
  }
}

/** The ends of a lexicon entry from the starts, remembered per start: {time} and {act} are used by many rules. */
function stepRef(ref: RefNode, starts: number[], view: WordView, lexicon: Lexicon, depth: number): number[] {
  const n = view.words.length;
  const target = lexicon.get(ref.name);
  // Cycles are reported when content loads; the depth guard keeps a bad lexicon from looping.
  if (target === undefined || depth > MAX_DEPTH) return NONE;
  // Entries such as {time} and {act} are used by many rules: remember their ends per start.
  const byStart = memoFor(view, ref.entry);
  // An entry the index matched at every start has no match where it found none.
  const complete = view.complete?.[ref.entry] === 1;
  if (starts.length === 1) {
    const p = starts[0] as number;
    let ends = byStart[p];
    if (ends === undefined) {
      ends = complete && p < n ? NONE : step(target, starts, view, lexicon, depth + 1);
      byStart[p] = ends;
    }
    return ends;
  }
  let out = NONE;
  for (const p of starts) {
    let ends = byStart[p];
    if (ends === undefined) {
      ends = complete && p < n ? NONE : step(target, only(p), view, lexicon, depth + 1);
      byStart[p] = ends;
    }
    out = mergeEnds(out, ends);
  }
  return out;
}

/** The sentence's memo of one entry's ends by start, made if it has none. */
function memoFor(view: WordView, entry: number): Array<number[] | undefined> {
  // Sized for every entry numbered so far: a reference is numbered before any sentence is matched with it.
  view.memo ??= new Array(entryNumbers.size);
  let byStart = view.memo[entry];
  if (byStart === undefined) {
    byStart = new Array<number[] | undefined>(view.words.length + 1);
    view.memo[entry] = byStart;
  }
  return byStart;
}

/** The union of the ends of several option lists, allocating only when two or more options matched. */
function unionOf(
  a: PatternNode[] | undefined,
  b: PatternNode[] | undefined,
  c: PatternNode[] | undefined,
  starts: number[],
  view: WordView,
  lexicon: Lexicon,
  depth: number,
): number[] {
  let union = NONE;
  if (a !== undefined) union = addEnds(union, a, starts, view, lexicon, depth);
  if (b !== undefined) union = addEnds(union, b, starts, view, lexicon, depth);
  if (c !== undefined) union = addEnds(union, c, starts, view, lexicon, depth);
  return union;
}

/** The ends found so far merged with each option's: a new list only when two options matched. */
function addEnds(union: number[], options: PatternNode[], starts: number[], view: WordView, lexicon: Lexicon, depth: number): number[] {
  let out = union;
  for (let i = 0; i < options.length; i++) out = mergeEnds(out, step(options[i] as PatternNode, starts, view, lexicon, depth));
  return out;
}

/** No ends: shared, never written to. */
const NONE: number[] = [];

export interface Span {
  /** Word positions [from, to) in the view. */
  from: number;
  to: number;
}

/** One way a pattern can match: one of its phrases, tried only where that phrase can start. */
interface Entry {
  /** The entry's own number in the index (`PatternIndex.entries` of them). */
  id: number;
  /** The number in the index of the pattern (or lexicon entry) the phrase belongs to. */
  node: number;
  option: PatternNode;
  /** The words the phrase can start with (to try it once when a word's form and lemma both list it). */
  first: Set<string> | undefined;
  /** Sets of words (numbers in `PatternIndex.required`) each of which a match of the phrase has one word of. */
  required: number[] | undefined;
  /** The first of them, the likeliest to be missing, or -1: read from the entry itself, without reaching into the list. */
  rarest: number;
  /** true: matched only in questions, false: only in other sentences (its rules ask no more). */
  question: boolean | undefined;
  /** The words the phrase's second word can be, when its first part is one word: checked before trying it. */
  second: Set<string> | undefined;
  /** That set's number in `PatternIndex.seconds`, or -1. */
  secondId: number;
  /** Is the phrase a lexicon entry's (whose ends the sentence's memo may already hold)? */
  lexical: boolean;
}

/** A pattern, or a lexicon entry that is a whole phrase of one, as the index matches it. */
interface Indexed {
  node: PatternNode;
  /** The lexicon entry's number: its ends at each start also fill the sentence's memo. */
  entry: number | undefined;
  /** The patterns (and entries) this entry is a whole phrase of: its ends are theirs too. */
  includedBy: number[];
}

/**
 * Which phrases of which patterns can start at which word: built once per model, so a sentence is
 * matched by looking each word up once, instead of trying every pattern at every word. A lexicon
 * entry used as a whole phrase ({promise}) is indexed once by its own phrases, however many
 * patterns use it.
 */
export interface PatternIndex {
  nodes: Indexed[];
  /** The rules' patterns (not the lexicon entries) and their numbers. */
  ids: Map<PatternNode, number>;
  /** The rules' patterns matched in a question, and in any other sentence. */
  inQuestions: Set<PatternNode>;
  inStatements: Set<PatternNode>;
  /** Each node's place in an order that puts every entry before the nodes including it. */
  rank: number[];
  /** The entries by the id of a word they can start with (ids past the end start none). */
  byWord: Array<Entry[] | undefined>;
  byNumber: Entry[];
  anywhere: Entry[];
  /** The phrases' required word sets, each kept once: a sentence looks each up once. */
  required: Array<ReadonlySet<string>>;
  requiredIds: Map<string, number>;
  /** How many entries there are. */
  entries: number;
  /** The phrases' second-word sets, each kept once. */
  seconds: Array<ReadonlySet<string>>;
  secondIds: Map<string, number>;
}

/** Words so common that a set holding one of them filters nothing. */
const COMMON = new Set(
  "i we you they he she it the a an to and be will can of for in on this that my your our me us do not have with at is".split(" "),
);

/**
 * The words one of which every match of a node must contain, or undefined when no such set is known
 * (an optional part, a gap, any word). For a sequence, the most telling item's set: one without very
 * common words if there is one, else the smallest.
 */
export function requiredWords(node: PatternNode, lexicon: Lexicon, seen = new Set<string>()): Set<string> | undefined {
  switch (node.kind) {
    case "word":
      return new Set([node.normal, node.lemma]);
    case "exact":
      return new Set([node.normal]);
    case "set":
      return new Set([...node.words, ...node.exact]);
    case "seq": {
      let best: Set<string> | undefined;
      let bestWeak = true;
      for (const item of node.items) {
        const words = requiredWords(item, lexicon, seen);
        if (words === undefined) continue;
        const weak = [...words].some((w) => COMMON.has(w));
        if (best === undefined || (bestWeak && !weak) || (weak === bestWeak && words.size < best.size)) {
          best = words;
          bestWeak = weak;
        }
      }
      return best;
    }
    case "alt": {
      const out = new Set<string>();
      for (const option of node.options) {
        const words = requiredWords(option, lexicon, seen);
        if (words === undefined) return undefined;
        for (const w of words) out.add(w);
      }
      return out;
    }
    case "ref": {
      if (node.name === "number") return new Set(["{number}"]);
      const target = lexicon.get(node.name);
      if (target === undefined || seen.has(node.name)) return undefined;
      seen.add(node.name);
      const words = requiredWords(target, lexicon, seen);
      seen.delete(node.name);
      return words;
    }
    default:
      return undefined;
  }
}

/** Every set of words a match of the node has one word of: one set per part that must be there. */
function allRequired(node: PatternNode, lexicon: Lexicon, seen = new Set<string>()): Array<Set<string>> {
  switch (node.kind) {
    case "seq":
      return node.items.flatMap((item) => allRequired(item, lexicon, seen));
    case "ref": {
      const target = lexicon.get(node.name);
      if (node.name === "number" || target === undefined || seen.has(node.name)) break;
      seen.add(node.name);
      const sets = allRequired(target, lexicon, seen);
      seen.delete(node.name);
      return sets;
    }
    case "opt":
    case "gap":
    case "any":
      return [];
  }
  const words = requiredWords(node, lexicon);
  return words === undefined ? [] : [words];
}

/** A pattern's phrases: the options of an alternative (a set of single words stays one), else itself. */
function phrasesOf(node: PatternNode): PatternNode[] {
  return node.kind === "alt" ? node.options : [node];
}

/**
 * Indexes the rules' patterns. `question` tells, for a pattern, whether its rules read only questions
 * (true), only other sentences (false), or either (undefined).
 */
export function indexPatterns(
  nodes: Iterable<PatternNode>,
  lexicon: Lexicon,
  question: (node: PatternNode) => boolean | undefined = () => undefined,
): PatternIndex {
  const index: PatternIndex = {
    nodes: [],
    ids: new Map(),
    inQuestions: new Set(),
    inStatements: new Set(),
    rank: [],
    byWord: [],
    byNumber: [],
    anywhere: [],
    required: [],
    requiredIds: new Map(),
    entries: 0,
    seconds: [],
    secondIds: new Map(),
  };
  let ranked = 0;
  const entries = new Map<number, number>();
  const resolve = (name: string) => lexicon.get(name);
  const add = (node: PatternNode, entry?: number, asked?: boolean): number => {
    const id = index.nodes.length;
    const indexed: Indexed = { node, entry, includedBy: [] };
    if (entry !== undefined) entries.set(entry, id);
    index.nodes.push(indexed);
    for (const option of phrasesOf(node)) {
      if (option.kind === "ref" && option.name !== "number") {
        const target = lexicon.get(option.name);
        if (target === undefined) continue; // an unknown entry matches nothing (reported when content loads)
        // Entries that can match nothing, or that loop, stay ordinary phrases.
        if (!matchesEmpty(target, resolve) && !reaches(target, option.name, lexicon)) {
          const included = index.nodes[entries.get(option.entry) ?? add(target, option.entry)] as Indexed;
          if (!included.includedBy.includes(id)) included.includedBy.push(id);
          continue;
        }
      }
      addPhrase(index, id, option, lexicon, asked);
    }
    index.rank[id] = ranked++;
    return id;
  };
  for (const node of nodes) {
    if (index.ids.has(node)) continue;
    const asked = question(node);
    index.ids.set(node, add(node, undefined, asked));
    if (asked !== false) index.inQuestions.add(node);
    if (asked !== true) index.inStatements.add(node);
  }
  return index;
}

function addPhrase(index: PatternIndex, id: number, option: PatternNode, lexicon: Lexicon, question: boolean | undefined): void {
  const first = firstWords(option, lexicon);
  // A set holding every word the phrase can start with is met wherever the phrase is tried. One
  // holding only some of them still filters at the other starts: "{deliver-act} ... {wanted-thing}"
  // can start with "will", and then still needs a deliver verb somewhere in the sentence. Sets with
  // very common words are kept too (a sentence without "it" or "have" is common enough, and a check
  // is one stamp read), but looked at last: the rarer sets reject first.
  const weak = (words: Set<string>): boolean => [...words].some((w) => COMMON.has(w));
  const telling = allRequired(option, lexicon)
    .filter((words) => first === undefined || ![...first].every((w) => words.has(w)))
    .sort((a, b) => Number(weak(a)) - Number(weak(b)) || a.size - b.size);
  const required = telling.map((words) => {
    const key = [...words].sort().join(" ");
    let at = index.requiredIds.get(key);
    if (at === undefined) {
      at = index.required.length;
      index.required.push(words);
      index.requiredIds.set(key, at);
    }
    return at;
  });
  const second = secondWords(option, lexicon);
  let secondId = -1;
  if (second !== undefined) {
    const key = [...second].sort().join(" ");
    secondId = index.secondIds.get(key) ?? index.seconds.length;
    if (secondId === index.seconds.length) {
      index.seconds.push(second);
      index.secondIds.set(key, secondId);
    }
  }
  const entry: Entry = {
    id: index.entries++,
    node: id,
    option,
    first,
    required: required.length > 0 ? required : undefined,
    rarest: required[0] ?? -1,
    question,
    second,
    secondId,
    lexical: index.nodes[id]?.entry !== undefined,
  };
  if (first === undefined) {
    index.anywhere.push(entry);
    return;
  }
  for (const word of first) {
    if (word === "{number}") index.byNumber.push(entry);
    else listFor(index.byWord, internWord(word)).push(entry);
  }
}

/** The words a phrase's second word can be, when its first part is exactly one word and more must follow. */
function secondWords(option: PatternNode, lexicon: Lexicon): Set<string> | undefined {
  if (option.kind !== "seq" || option.items.length < 2) return undefined;
  const head = option.items[0] as PatternNode;
  const oneWord = head.kind === "word" || head.kind === "exact" || head.kind === "set" || (head.kind === "ref" && head.name === "number");
  return oneWord ? firstWords({ kind: "seq", items: option.items.slice(1) }, lexicon) : undefined;
}

/** Does the node refer to the entry, directly or through others? (A cycle is reported when content loads.) */
function reaches(node: PatternNode, name: string, lexicon: Lexicon, seen = new Set<string>()): boolean {
  for (const ref of refsOf(node)) {
    if (ref.name === name) return true;
    if (seen.has(ref.name)) continue;
    seen.add(ref.name);
    const target = lexicon.get(ref.name);
    if (target !== undefined && reaches(target, name, lexicon, seen)) return true;
  }
  return false;
}

/** The words of a sentence as patterns see them: forms, lemmas, and `{number}` when it has one (worked out once). */
function presentIn(view: WordView): { set: Set<string>; list: string[] } {
  if (view.present !== undefined) return view.present;
  const set = new Set<string>();
  for (const w of view.words) {
    const t = view.tokens[w] as Token;
    set.add(t.normal);
    set.add(t.lemma);
    if (isNumber(t)) set.add("{number}");
  }
  view.present = { set, list: [...set] };
  return view.present;
}

/** Per index, what `matchIndexed` knows of the sentence it is matching; stamped, so nothing is cleared between sentences. */
interface Scratch {
  /** By entry number, 1 for the lexicon entries the index matches by their own phrases. */
  entries: Uint8Array;
  /** By word id, the required sets (numbers in `PatternIndex.required`) the word is in. */
  postings: Array<number[] | undefined>;
  sentence: number;
  /** Per required set, the last sentence that has one of its words. */
  stamps: Uint32Array;
  /** By word id, the second-word sets (numbers in `PatternIndex.seconds`) the word is in. */
  secondPostings: Array<number[] | undefined>;
  /** The current start's stamp, and per entry the last start that met it, per second-word set the last start whose next word is in it. */
  start: number;
  seen: Uint32Array;
  secondStamps: Uint32Array;
  /**
   * The ends found at the current start, by node, and the nodes that have some: emptied after every
   * start, so one pair serves every sentence instead of a node-sized array being made for each.
   */
  ends: Array<number[] | undefined>;
  /** The first `touchedCount` places of `touched` are in use: the list is never cut, so it never grows again. */
  touched: number[];
  touchedCount: number;
}

/** A new start's stamp; when the stamps have gone round, every mark is cleared first. */
function nextStart(scratch: Scratch): number {
  // `>>> 0` wraps as `% 2 ** 32` does, in integer arithmetic: a modulo by a number that large is a float one.
  scratch.start = (scratch.start + 1) >>> 0;
  if (scratch.start === 0) {
    scratch.seen.fill(0);
    scratch.secondStamps.fill(0);
    scratch.start = 1;
  }
  return scratch.start;
}

/** Stamps the second-word sets a word (by id) is in. */
function stampSeconds(scratch: Scratch, word: number, here: number): void {
  const sets = listAt(scratch.secondPostings, word);
  if (sets !== undefined) for (const id of sets) scratch.secondStamps[id] = here;
}

/** The list kept for a word id, made if there is none. */
function listFor<T>(lists: Array<T[] | undefined>, word: number): T[] {
  // Holes are filled first: an array written far past its end turns into a slow dictionary.
  while (lists.length <= word) lists.push(undefined);
  let list = lists[word];
  if (list === undefined) {
    list = [];
    lists[word] = list;
  }
  return list;
}

/** A list kept by word id: undefined for a word interned after the lists were made (no set of theirs has it). */
function listAt<T>(lists: Array<T | undefined>, word: number): T | undefined {
  return word < lists.length ? lists[word] : undefined;
}

const scratches = new WeakMap<PatternIndex, Scratch>();

/** A new sentence's stamp; when the stamps have gone round, every mark is cleared first. */
function nextSentence(scratch: Scratch): number {
  scratch.sentence = (scratch.sentence + 1) >>> 0;
  if (scratch.sentence === 0) {
    scratch.stamps.fill(0);
    scratch.sentence = 1;
  }
  return scratch.sentence;
}

/** By word id, the numbers of the sets the word is in. */
function postingsOf(sets: ReadonlyArray<ReadonlySet<string>>): Array<number[] | undefined> {
  const postings: Array<number[] | undefined> = [];
  sets.forEach((words, r) => {
    for (const w of words) listFor(postings, internWord(w)).push(r);
  });
  return postings;
}

function scratchOf(index: PatternIndex): Scratch {
  let scratch = scratches.get(index);
  if (scratch === undefined) {
    const entries = new Uint8Array(entryNumbers.size);
    for (const node of index.nodes) if (node.entry !== undefined) entries[node.entry] = 1;
    const postings = postingsOf(index.required);
    scratch = {
      entries,
      postings,
      sentence: 0,
      stamps: new Uint32Array(index.required.length),
      secondPostings: postingsOf(index.seconds),
      start: 0,
      seen: new Uint32Array(index.entries),
      secondStamps: new Uint32Array(index.seconds.length),
      ends: new Array(index.nodes.length).fill(undefined),
      touched: [],
      touchedCount: 0,
    };
    scratches.set(index, scratch);
  }
  return scratch;
}

/** Does the sentence (its words, as a set and a list) have a word of the set? Whichever is smaller is looked up in the other. */
function hasAny(set: ReadonlySet<string>, words: Set<string>, list: string[]): boolean {
  if (set.size <= list.length) {
    for (const w of set) if (words.has(w)) return true;
  } else for (const w of list) if (set.has(w)) return true;
  return false;
}

/** No matches: shared, never written to. */
const NO_SPANS: readonly Span[] = [];

/**
 * Fills the sentence's span cache for every indexed pattern, longest match first at each start.
 * Each word tries only the phrases that can start with it, and only those whose telling words the
 * sentence has; the lexicon entries indexed fill the memo that patterns using them read.
 */
export function matchIndexed(index: PatternIndex, view: WordView, lexicon: Lexicon, question = false): void {
  const spans = new Map<PatternNode, Span[]>();
  view.spans = spans;
  view.indexed = question ? index.inQuestions : index.inStatements;
  // The sentence has a word of a required set when the set carries this sentence's stamp: each of
  // its words stamps the sets it is in.
  const scratch = scratchOf(index);
  const stamp = nextSentence(scratch);
  const { stamps, postings, seen, secondStamps } = scratch;
  // This start's stamp (see `nextStart`).
  let here = 0;
  const ids = idsOf(view);
  const { normals, lemmas, marks } = ids;
  const stampWord = (word: number): void => {
    const sets = listAt(postings, word);
    if (sets !== undefined) for (const r of sets) stamps[r] = stamp;
  };
  for (let p = 0; p < normals.length; p++) {
    stampWord(normals[p] as number);
    if (lemmas[p] !== normals[p]) stampWord(lemmas[p] as number);
  }
  if (ids.hasNumber) stampWord(NUMBER_WORD);
  const n = view.words.length;
  // Each lexicon entry's ends by start, shared with every pattern that refers to it: the memo an
  // entry has so far (made below, or by `stepRef` while a phrase is tried).
  const memoSoFar = (id: number): Array<number[] | undefined> | undefined => {
    const entry = (index.nodes[id] as Indexed).entry;
    return entry === undefined ? undefined : view.memo?.[entry];
  };
  // The ends found at the current start, by node, and the nodes that have some (most starts touch few).
  const { ends, touched } = scratch;
  const found = (id: number, more: number[]): void => {
    const before = ends[id];
    if (before === undefined) {
      ends[id] = more;
      // Kept in index order, so an entry's ends are complete before the patterns including it read them.
      // Moved up in place (an insertion sort): `splice` would make a new array of nothing removed at every call.
      let at = scratch.touchedCount++;
      const rank = index.rank[id] as number;
      while (at > 0 && (index.rank[touched[at - 1] as number] as number) > rank) {
        touched[at] = touched[at - 1] as number;
        at--;
      }
      touched[at] = id;
    } else if (more !== before) ends[id] = mergeEnds(before, more);
  };
  const tryEntry = (entry: Entry, from: number): void => {
    // The cheap tests first, stamps read in place: most entries met at a start fail one of them.
    // The word after this one is one the phrase's second word can be when the set carries this start's stamp.
    if (entry.secondId >= 0 && secondStamps[entry.secondId] !== here) return;
    if (entry.rarest >= 0 && stamps[entry.rarest] !== stamp) return;
    const required = entry.required;
    if (required !== undefined) for (let k = 1; k < required.length; k++) if (stamps[required[k] as number] !== stamp) return;
    if (entry.question !== undefined && entry.question !== question) return;
    // An entry another pattern already needed here is known. (A phrase that fails a test above has no
    // match here: another phrase of the entry, or one it includes, brings what the memo holds.)
    // Only looked up: most entries tried match nothing, and need no memo of their own.
    const known = entry.lexical ? memoSoFar(entry.node)?.[from] : undefined;
    if (known !== undefined) {
      if (known.length > 0 && ends[entry.node] === undefined) found(entry.node, known);
      return;
    }
    const more = step(entry.option, only(from), view, lexicon, 0);
    if (more.length > 0) found(entry.node, more);
  };
  for (let from = 0; from < n; from++) {
    // Emptied before each start rather than after: a match cut short by an error leaves the next sentence nothing.
    for (let k = 0; k < scratch.touchedCount; k++) ends[touched[k] as number] = undefined;
    scratch.touchedCount = 0;
    const normal = normals[from] as number;
    const lemma = lemmas[from] as number;
    here = nextStart(scratch);
    if (from + 1 < n) {
      stampSeconds(scratch, normals[from + 1] as number, here);
      if (lemmas[from + 1] !== normals[from + 1]) stampSeconds(scratch, lemmas[from + 1] as number, here);
      if (((marks[from + 1] as number) & NUMBER) !== 0) stampSeconds(scratch, NUMBER_WORD, here);
    }
    // A phrase listed under both the form and the lemma (or a number) is tried once per start: each is stamped when met.
    const byForm = listAt(index.byWord, normal);
    // Entries are stamped as met only when the lemma's or the numbers' list follows: nothing else reads the stamps.
    const number = index.byNumber.length > 0 && ((marks[from] as number) & NUMBER) !== 0;
    if (byForm !== undefined && (lemma !== normal || number))
      for (const entry of byForm) {
        seen[entry.id] = here;
        tryEntry(entry, from);
      }
    else if (byForm !== undefined) for (const entry of byForm) tryEntry(entry, from);
    if (lemma !== normal) {
      const byLemma = listAt(index.byWord, lemma);
      if (byLemma !== undefined)
        for (const entry of byLemma)
          if (seen[entry.id] !== here) {
            seen[entry.id] = here;
            tryEntry(entry, from);
          }
    }
    if (number) for (const entry of index.byNumber) if (seen[entry.id] !== here) tryEntry(entry, from);
    for (const entry of index.anywhere) tryEntry(entry, from);
    // The list grows as entries pass their ends on to the patterns that include them.
    for (let k = 0; k < scratch.touchedCount; k++) {
      const id = touched[k] as number;
      const here = ends[id] as number[];
      for (const by of index.nodes[id]?.includedBy ?? []) found(by, here);
      const entry = (index.nodes[id] as Indexed).entry;
      if (entry !== undefined) {
        const byStart = memoFor(view, entry);
        byStart[from] ??= here;
        continue;
      }
      const node = (index.nodes[id] as Indexed).node;
      let out = spans.get(node);
      for (let e = here.length - 1; e >= 0; e--) {
        const to = here[e] as number;
        if (to <= from) continue;
        if (out === undefined) {
          out = [];
          spans.set(node, out);
        }
        out.push({ from, to });
      }
    }
  }
  // Every phrase of an indexed entry was tried wherever it can start: its memo is now complete.
  view.complete = scratch.entries;
}

/** The union of two sorted end lists (one of them itself when the other is empty: lists are never written to). */
function mergeEnds(a: number[], b: number[]): number[] {
  if (b.length === 0 || a === b) return a;
  if (a.length === 0) return b;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i] ?? Number.POSITIVE_INFINITY;
    const y = b[j] ?? Number.POSITIVE_INFINITY;
    if (x <= y) {
      out.push(x);
      i++;
      if (x === y) j++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/** All matches of a pattern in a sentence, computed once per sentence (rules share patterns). */
export function spansIn(node: PatternNode, view: WordView, lexicon: Lexicon): readonly Span[] {
  view.spans ??= new Map();
  const spans: readonly Span[] | undefined = view.spans.get(node);
  if (spans !== undefined) return spans;
  // Indexed patterns were all matched: one without spans has none.
  if (view.indexed?.has(node) === true) return NO_SPANS;
  const found = allSpans(node, view, lexicon);
  view.spans.set(node, found);
  return found;
}

/** Every place the pattern matches in the sentence, longest first at each start. */
export function* matchAll(node: PatternNode, view: WordView, lexicon: Lexicon): Generator<Span> {
  yield* allSpans(node, view, lexicon);
}

function allSpans(node: PatternNode, view: WordView, lexicon: Lexicon): Span[] {
  idsOf(view);
  const out: Span[] = [];
  const n = view.words.length;
  const first = firstWords(node, lexicon);
  // No word of the sentence can start a match: most patterns a rule is said with or without stop here.
  if (first !== undefined) {
    const { set, list } = presentIn(view);
    if (!hasAny(first, set, list)) return out;
  }
  for (let from = 0; from < n; from++) {
    if (first !== undefined) {
      const t = view.tokens[view.words[from] as number] as Token;
      if (!first.has(t.normal) && !first.has(t.lemma) && !(first.has("{number}") && isNumber(t))) continue;
    }
    const ends = step(node, [from], view, lexicon, 0);
    for (let k = ends.length - 1; k >= 0; k--) {
      const to = ends[k] as number;
      if (to > from) out.push({ from, to });
    }
  }
  return out;
}

const firstCache = new WeakMap<PatternNode, Set<string> | null>();
const refFirstCache = new WeakMap<Lexicon, Map<string, Set<string> | null>>();

/**
 * The words a match can start with (normal forms and lemmas), or undefined when any word can
 * (a leading gap, wildcard or optional part). Lets matching skip most start positions at once.
 */
export function firstWords(node: PatternNode, lexicon: Lexicon, depth = 0): Set<string> | undefined {
  const cached = firstCache.get(node);
  if (cached !== undefined) return cached ?? undefined;
  if (node.kind === "ref" && node.name !== "number") {
    // A ref's answer is its entry's in this lexicon: remembered per lexicon.
    let byName = refFirstCache.get(lexicon);
    if (byName === undefined) {
      byName = new Map();
      refFirstCache.set(lexicon, byName);
    }
    const known = byName.get(node.name);
    if (known !== undefined) return known ?? undefined;
    const target = lexicon.get(node.name);
    const result = target === undefined || depth > MAX_DEPTH ? new Set<string>() : firstWords(target, lexicon, depth + 1);
    // A lexicon is fixed once compiled; an answer cut short by the depth guard is not kept.
    if (depth <= MAX_DEPTH) byName.set(node.name, result ?? null);
    return result;
  }
  let result: Set<string> | undefined;
  switch (node.kind) {
    case "word":
      result = new Set([node.normal, node.lemma]);
      break;
    case "exact":
      result = new Set([node.normal]);
      break;
    case "set":
      result = new Set([...node.words, ...node.exact]);
      break;
    case "seq": {
      // Optional parts at the head add their words and let the next part start too: "(by/at) {number}".
      result = new Set();
      let closed = false;
      for (const item of node.items) {
        const words = item.kind === "opt" ? firstWords(item.node, lexicon, depth + 1) : firstWords(item, lexicon, depth + 1);
        if (words === undefined) {
          result = undefined;
          break;
        }
        for (const w of words) result.add(w);
        if (item.kind !== "opt") {
          closed = true;
          break;
        }
      }
      if (!closed) result = undefined;
      break;
    }
    case "alt": {
      result = new Set();
      for (const option of node.options) {
        const words = firstWords(option, lexicon, depth + 1);
        if (words === undefined) {
          result = undefined;
          break;
        }
        for (const w of words) result.add(w);
      }
      break;
    }
    case "ref": {
      if (node.name === "number") {
        result = new Set(["{number}"]);
        break;
      }
      const target = lexicon.get(node.name);
      // A lexicon is fixed once compiled, so a ref's first words can be cached on the ref node.
      result = target === undefined || depth > MAX_DEPTH ? new Set() : firstWords(target, lexicon, depth + 1);
      break;
    }
    default:
      result = undefined;
  }
  // A ref's answer depends on the lexicon it is resolved in, so only lexicon-free nodes are cached.
  if (node.kind !== "ref") firstCache.set(node, result ?? null);
  return result;
}

/**
 * Once a model's lexicon is known, index every alternative by the words its options can start with,
 * lexicon entries included, so a position tries only the options that can start there. Mutates the
 * nodes of one compiled model (each compile parses its own nodes); what they match does not change.
 */
export function resolveFirstWords(roots: Iterable<PatternNode>, lexicon: Lexicon): void {
  const seen = new Set<PatternNode>();
  const visit = (node: PatternNode): void => {
    if (seen.has(node)) return;
    seen.add(node);
    switch (node.kind) {
      case "seq":
        for (const item of node.items) visit(item);
        return;
      case "opt":
        visit(node.node);
        return;
      case "alt": {
        for (const option of node.options) visit(option);
        if (node.options.length < 2) return;
        const byFirst = new Map<number, PatternNode[]>();
        const anyFirst: PatternNode[] = [];
        const byNumber: PatternNode[] = [];
        for (const option of node.options) {
          const first = firstWords(option, lexicon);
          if (first === undefined) {
            anyFirst.push(option);
            continue;
          }
          for (const w of first) {
            if (w === "{number}") {
              if (!byNumber.includes(option)) byNumber.push(option);
              continue;
            }
            addFirst(byFirst, w, option);
          }
        }
        node.byFirst = byFirst;
        node.anyFirst = anyFirst;
        if (byNumber.length > 0) node.withNumber = [...anyFirst, ...byNumber];
        return;
      }
      default:
        return;
    }
  };
  for (const root of roots) visit(root);
  for (const target of lexicon.values()) visit(target);
}

/** Lists an alternative's option under a word it can start with (by the word's id), once. */
function addFirst(byFirst: Map<number, PatternNode[]>, word: string, option: PatternNode): void {
  const id = internWord(word);
  const list = byFirst.get(id);
  if (list === undefined) byFirst.set(id, [option]);
  else if (!list.includes(option)) list.push(option);
}

/** Every field any kind of node has, so that nodes of all kinds share one layout. */
interface AnyNode {
  kind: PatternNode["kind"];
  normal: string | undefined;
  lemma: string | undefined;
  normalId: number | undefined;
  lemmaId: number | undefined;
  items: PatternNode[] | undefined;
  options: PatternNode[] | undefined;
  byFirst: Map<number, PatternNode[]> | undefined;
  anyFirst: PatternNode[] | undefined;
  withNumber: PatternNode[] | undefined;
  node: PatternNode | undefined;
  name: string | undefined;
  offset: number | undefined;
  entry: number | undefined;
  max: number | undefined;
  words: Set<string> | undefined;
  exact: Set<string> | undefined;
  forms: Set<string> | undefined;
  wordIds: IdTable | undefined;
  formIds: IdTable | undefined;
}

/**
 * The same trees rebuilt with every node in one layout, shared parts still shared (`seen` maps each
 * node to its copy). The matcher reads nodes of every kind at the same places; with one layout those
 * reads stay monomorphic and fast. What the trees match does not change.
 */
export function uniform(node: PatternNode, seen: Map<PatternNode, PatternNode>): PatternNode {
  const known = seen.get(node);
  if (known !== undefined) return known;
  const any = node as Partial<AnyNode>;
  const copy: AnyNode = {
    kind: node.kind,
    normal: any.normal,
    lemma: any.lemma,
    normalId: any.normalId,
    lemmaId: any.lemmaId,
    items: undefined,
    options: undefined,
    byFirst: undefined,
    anyFirst: undefined,
    withNumber: undefined,
    node: undefined,
    name: any.name,
    offset: any.offset,
    entry: any.entry,
    max: any.max,
    words: any.words,
    exact: any.exact,
    forms: any.forms,
    wordIds: any.wordIds,
    formIds: any.formIds,
  };
  const out = copy as unknown as PatternNode;
  seen.set(node, out);
  const all = (list: PatternNode[] | undefined) => list?.map((n) => uniform(n, seen));
  copy.items = all(any.items);
  copy.options = all(any.options);
  copy.anyFirst = all(any.anyFirst);
  copy.withNumber = all(any.withNumber);
  if (any.node !== undefined) copy.node = uniform(any.node, seen);
  if (any.byFirst !== undefined) copy.byFirst = new Map([...any.byFirst].map(([word, list]) => [word, all(list) as PatternNode[]]));
  return out;
}

/**
 * Rewrites a tree for speed without changing what it matches: nested alternatives are flattened
 * and single-word alternatives become one set lookup ({act} has a hundred verbs).
 */
export function optimise(node: PatternNode): PatternNode {
  switch (node.kind) {
    case "seq": {
      // A sequence inside a sequence (a word such as "can't" is two) is spliced in: a phrase that
      // starts with a single word then has a known second word, checked before the phrase is tried.
      const items = node.items.map(optimise).flatMap((item) => (item.kind === "seq" ? item.items : [item]));
      return items.length === 1 ? (items[0] as PatternNode) : { kind: "seq", items };
    }
    case "opt":
      return { kind: "opt", node: optimise(node.node) };
    case "alt": {
      const flat: PatternNode[] = [];
      const pending = node.options.map(optimise);
      while (pending.length > 0) {
        const option = pending.shift() as PatternNode;
        if (option.kind === "alt") pending.unshift(...option.options);
        else flat.push(option);
      }
      const words = new Set<string>();
      const exact = new Set<string>();
      const rest: PatternNode[] = [];
      for (const option of flat) {
        if (option.kind === "word") {
          words.add(option.normal);
          words.add(option.lemma);
        } else if (option.kind === "exact") exact.add(option.normal);
        else if (option.kind === "set") {
          for (const w of option.words) words.add(w);
          for (const w of option.exact) exact.add(w);
        } else rest.push(option);
      }
      const options: PatternNode[] = words.size + exact.size > 0 ? [setNode(words, exact), ...rest] : rest;
      if (options.length === 1) return options[0] as PatternNode;
      const alt: PatternNode = { kind: "alt", options };
      if (options.length >= 4) {
        // Index the phrases by their first word, so a position tries only those that can start there.
        const byFirst = new Map<number, PatternNode[]>();
        const anyFirst: PatternNode[] = [];
        for (const option of options) {
          const first = staticFirstWords(option);
          if (first === undefined) anyFirst.push(option);
          else for (const w of first) addFirst(byFirst, w, option);
        }
        alt.byFirst = byFirst;
        alt.anyFirst = anyFirst;
      }
      return alt;
    }
    default:
      return node;
  }
}

/** First words known without a lexicon: undefined when a part can start anywhere or is a lexicon entry. */
function staticFirstWords(node: PatternNode): Set<string> | undefined {
  switch (node.kind) {
    case "word":
      return new Set([node.normal, node.lemma]);
    case "exact":
      return new Set([node.normal]);
    case "set":
      return new Set([...node.words, ...node.exact]);
    case "seq": {
      const out = new Set<string>();
      for (const item of node.items) {
        const words = staticFirstWords(item.kind === "opt" ? item.node : item);
        if (words === undefined) return undefined;
        for (const w of words) out.add(w);
        if (item.kind !== "opt") return out;
      }
      return undefined;
    }
    case "alt": {
      const out = new Set<string>();
      for (const option of node.options) {
        const words = staticFirstWords(option);
        if (words === undefined) return undefined;
        for (const w of words) out.add(w);
      }
      return out;
    }
    default:
      return undefined;
  }
}
