/**
 * Turns a reply into tokens the rules can reason about: normal forms with contractions expanded
 * (I'll -> i will), lemmas (called -> call), part of speech, negation scope, sentences and
 * character offsets for quoting. wink-nlp does the language work; this module only reshapes it.
 */

import model from "wink-eng-lite-web-model";
import winkNLP, { type WinkMethods } from "wink-nlp";
import { normalise, type Vocabulary } from "./normalise.js";

export interface Token {
  /** The text as typed (for a word the normalised view spelled out, the trainee's own word). */
  text: string;
  /** Lower-case form, contractions expanded ("'ll" -> "will", "n't" -> "not"), typing normalised ("u" -> "you"). */
  normal: string;
  lemma: string;
  pos: string;
  /** wink's token type: word, punctuation, number, time, ... */
  type: string;
  /** Index of the word that negates this one (not, never, no...), or -1. */
  negator: number;
  start: number;
  end: number;
  sentence: number;
}

export interface Sentence {
  /** Token index range [from, to). */
  from: number;
  to: number;
  question: boolean;
}

export interface Analysis {
  /** The reply as typed: token offsets index this text. */
  text: string;
  tokens: Token[];
  sentences: Sentence[];
}

const NEGATION_WORDS = new Set(["not", "never", "no", "nobody", "nothing", "none", "neither", "nor", "cannot"]);

export function isNegationWord(normal: string): boolean {
  return NEGATION_WORDS.has(normal);
}

/** How many words after a negation word stay negated when wink's scope has ended. */
const NEGATION_REACH = 4;
const NEW_SUBJECT = new Set(["i", "we", "he", "she", "they"]);
const GLUED = /^(i|you|we|they|he|she|it|that|there)(['’])(m|re|s|ve|ll|d)$/;
const CONTRACTIONS: Record<string, { normal: string; lemma: string }> = {
  m: { normal: "am", lemma: "be" },
  re: { normal: "are", lemma: "be" },
  s: { normal: "is", lemma: "be" },
  ve: { normal: "have", lemma: "have" },
  ll: { normal: "will", lemma: "will" },
  d: { normal: "would", lemma: "would" },
};

const lemmaCache = new Map<string, string>();

/** The lemma of a single lower-case word, read on its own (cached: a reply repeats its words). */
function lemmaOf(word: string): string {
  let lemma = lemmaCache.get(word);
  if (lemma === undefined) {
    lemma = wordForms(word)[0]?.lemma ?? word;
    if (lemmaCache.size < 10_000) lemmaCache.set(word, lemma);
  }
  return lemma;
}

/**
 * "The refund's processed", "the part's here", "Kyle's been waiting": after a noun, wink reads "'s" as
 * a possessive. It is "is" (or "has" before "been", "got", "gone") when what follows is not the thing
 * owned: a verb, an adverb, a preposition, a determiner, or an adjective that no noun follows.
 */
function readCliticS(tokens: Token[]): void {
  for (let i = 1; i + 1 < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.normal !== "'s" || t.pos !== "PART") continue;
    const before = tokens[i - 1] as Token;
    const next = tokens[i + 1] as Token;
    const after = tokens[i + 2];
    if ((before.pos !== "NOUN" && before.pos !== "PROPN") || before.end !== t.start) continue;
    const nounAfter = after !== undefined && (after.pos === "NOUN" || after.pos === "PROPN" || after.pos === "ADJ");
    const verb = next.pos === "VERB" && !(next.normal.endsWith("ing") && nounAfter);
    const adjective = next.pos === "ADJ" && !nounAfter;
    if (!verb && !adjective && !["AUX", "ADV", "ADP", "DET", "PART"].includes(next.pos)) continue;
    const has = next.normal === "been" || next.normal === "got" || next.normal === "gone";
    t.normal = has ? "has" : "is";
    t.lemma = has ? "have" : "be";
    t.pos = "AUX";
  }
}

/** The words after a gerund that opens a clause: "Closing the membership", "Refunding it now". */
const AFTER_GERUND = new Set(["DET", "PRON", "ADV", "ADP", "PART"]);

/**
 * "Closing the membership now", "Refunding it now": a capital at the start of a sentence makes wink
 * read an "-ing" verb as a name. Before a determiner, pronoun, adverb or preposition it is the verb.
 */
function readCapitalGerund(tokens: Token[]): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.pos === "PROPN" && /^[A-Z][a-z]{2,}ing$/.test(t.text) && AFTER_GERUND.has((tokens[i + 1] as Token).pos)) t.pos = "VERB";
  }
}

const SCOPE_ENDS = new Set(["but", "however", "although", "though", "yet"]);

let nlp: WinkMethods | undefined;

/** The NLP pipeline, loaded on first use (about 200 ms): never on start-up paths that do not score. */
function pipeline(): WinkMethods {
  // No "negation" pipe: the scope rules below are ours, and skipping wink's saves a fifth of the time.
  nlp ??= winkNLP(model, ["sbd", "pos"]);
  return nlp;
}

/** Is a lower-case word in the language model's lexicon (a real word, never a typo to correct)? */
export function isKnownWord(word: string): boolean {
  const nlpi = pipeline();
  knownDoc ??= nlpi.readDoc("");
  return !knownDoc.isOOV(word);
}
let knownDoc: ReturnType<WinkMethods["readDoc"]> | undefined;

/**
 * Analyses a reply. The NLP reads a normalised view (apostrophes, texting forms, typos of the
 * vocabulary's words: see normalise.ts); every offset in the result indexes the reply as typed.
 */
export function analyze(reply: string, vocabulary?: Vocabulary): Analysis {
  const view = normalise(reply, vocabulary);
  const text = view.text;
  const nlpi = pipeline();
  const its = nlpi.its;
  const doc = nlpi.readDoc(text);
  const all = doc.tokens();
  const values = all.out(its.value) as string[];
  const normals = all.out(its.normal) as string[];
  const lemmas = all.out(its.lemma as never) as unknown as string[];
  const poses = all.out(its.pos) as string[];
  const types = all.out(its.type) as string[];
  const spaces = all.out(its.precedingSpaces) as string[];
  // A negation reaches over the words after it, up to the next punctuation; the clause rules in
  // the sentence loop below narrow it ("no" + its noun, a new subject, "but").
  const negFlags: boolean[] = new Array(values.length).fill(false);
  let open = false;
  for (let i = 0; i < values.length; i++) {
    if (types[i] === "punctuation") open = false;
    else if (open) negFlags[i] = true;
    if (isNegationWord(normals[i] ?? "")) open = true;
  }
  const spans = doc.sentences().out(its.span) as unknown as number[][];

  const tokens: Token[] = [];
  const flags: boolean[] = [];
  /** Where each of wink's tokens starts in `tokens` (a contraction wink kept whole becomes two). */
  const firstOf: number[] = new Array(values.length + 1);
  let offset = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? "";
    offset += (spaces[i] ?? "").length;
    let start = offset;
    // wink keeps the text intact, but fall back to a search if a token ever disagrees.
    if (text.startsWith(value, start) === false) {
      const found = text.indexOf(value, start);
      if (found >= 0) start = found;
    }
    offset = start + value.length;
    firstOf[i] = tokens.length;
    const normal = normals[i] ?? value.toLowerCase();
    const split = GLUED.exec(normal);
    if (split !== null) {
      // "I'm" at the start of a sentence can come back as one word: split it as wink does elsewhere.
      const [, subject = "", , rest = ""] = split;
      const expanded = CONTRACTIONS[rest] ?? { normal: rest, lemma: rest };
      tokens.push({
        text: value.slice(0, subject.length),
        normal: subject,
        lemma: subject,
        pos: "PRON",
        type: "word",
        negator: -1,
        start,
        end: start + subject.length,
        sentence: 0,
      });
      tokens.push({
        text: value.slice(subject.length),
        normal: expanded.normal,
        lemma: expanded.lemma,
        pos: "AUX",
        type: "word",
        negator: -1,
        start: start + subject.length,
        end: offset,
        sentence: 0,
      });
      flags.push(negFlags[i] === true, negFlags[i] === true);
      continue;
    }
    let lemma = lemmas[i] ?? normal;
    const pos = poses[i] ?? "X";
    // A capital at the start of a sentence can make wink read a word as a name: "Refunds take..."
    if (pos === "PROPN" && lemma === normal && /^[A-Z][a-z]+$/.test(value)) lemma = lemmaOf(normal);
    tokens.push({ text: value, normal, lemma, pos, type: types[i] ?? "word", negator: -1, start, end: offset, sentence: 0 });
    flags.push(negFlags[i] === true);
  }
  firstOf[values.length] = tokens.length;
  readCliticS(tokens);
  readCapitalGerund(tokens);

  // A dot inside a word ("xxxxx.pdf", "site.com") is part of a name, not the end of a sentence.
  const ranges: Array<[number, number]> = [];
  for (const span of spans) {
    const from = firstOf[span[0] ?? 0] ?? 0;
    const to = firstOf[(span[1] ?? span[0] ?? 0) + 1] ?? tokens.length;
    const previous = ranges.at(-1);
    if (previous !== undefined && gluedDot(tokens, previous[1] - 1)) previous[1] = to;
    else ranges.push([from, to]);
  }
  for (let i = 1; i + 1 < tokens.length; i++) if (gluedDot(tokens, i)) (tokens[i] as Token).type = "word";
  // "Let me pull it up... yes, it's there": an ellipsis ends a thought as a full stop does.
  for (let r = 0; r < ranges.length; r++) {
    const [from, to] = ranges[r] as [number, number];
    for (let i = from + 1; i < to - 1; i++) {
      if (!/^(\.\.\.+|…)$/.test((tokens[i] as Token).text)) continue;
      ranges.splice(r, 1, [from, i + 1], [i + 1, to]);
      break;
    }
  }

  const sentences: Sentence[] = [];
  for (const [from, to] of ranges) {
    const index = sentences.length;
    let negator = -1;
    // wink's negation scope can run on past a colon or a "but": a clause break ends it here.
    let cut = false;
    for (let i = from; i < to; i++) {
      const token = tokens[i];
      if (token === undefined) continue;
      token.sentence = index;
      if (isNegationWord(token.normal)) {
        negator = i;
        cut = false;
      } else if (token.type === "punctuation" || SCOPE_ENDS.has(token.normal)) {
        negator = -1;
        cut = true;
      } else if (
        negator >= 0 &&
        (NEW_SUBJECT.has(token.normal) || token.normal === "you") &&
        (i > negator + 1 || tokens[negator]?.normal === "no")
      ) {
        // "No, no, I'll send you one": a "no" before a subject answers the customer, it negates nothing after it.
        // A new subject starts a new clause: "if they can't fix it I'll call" negates only the "if".
        negator = -1;
        cut = true;
      } else if (flags[i] === true) {
        if (!cut) token.negator = negator >= 0 ? negator : Math.max(from, i - 1);
        // "no" negates its noun phrase ("no news", "no problem"), not the rest of the sentence.
        if (negator >= 0 && tokens[negator]?.normal === "no" && (token.pos === "NOUN" || token.pos === "PROPN")) cut = true;
      } else if (negator >= 0 && i - negator <= NEGATION_REACH && tokens[negator]?.normal !== "no") {
        // wink leaves some scopes open ("nothing we can do"): a few words after a negation,
        // within the clause, are still under it.
        token.negator = negator;
      } else {
        negator = -1;
        cut = false;
      }
    }
    let last = to - 1;
    while (last > from && tokens[last]?.type === "tabCRLF") last--;
    sentences.push({ from, to, question: tokens[last]?.text.includes("?") === true });
  }
  // Back to the reply as typed: offsets, and each token's own characters.
  const { from, to } = view;
  for (const token of tokens) {
    const start = token.start < from.length ? (from[token.start] as number) : reply.length;
    const end = token.end > token.start && token.end - 1 < to.length ? (to[token.end - 1] as number) : start;
    token.start = start;
    token.end = Math.max(start, end);
    token.text = reply.slice(token.start, token.end);
  }
  return { text: reply, tokens, sentences };
}

/** Is the token at i a dot with a word right before and after it, no space between? */
function gluedDot(tokens: Token[], i: number): boolean {
  const dot = tokens[i];
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  return (
    dot !== undefined &&
    dot.text === "." &&
    before !== undefined &&
    after !== undefined &&
    before.end === dot.start &&
    after.start === dot.end &&
    /^\w/.test(after.text) &&
    /\w$/.test(before.text)
  );
}

/** Normal forms and lemmas of a phrase, for compiling patterns with the same tokenizer as replies. */
export function wordForms(phrase: string): Array<{ normal: string; lemma: string }> {
  // A rubric is compiled once per scenario, and its words recur: read each phrase once.
  const cached = formsCache.get(phrase);
  if (cached !== undefined) return cached;
  const nlpi = pipeline();
  const its = nlpi.its;
  const tokens = nlpi.readDoc(phrase).tokens();
  const normals = tokens.out(its.normal) as string[];
  const lemmas = tokens.out(its.lemma as never) as unknown as string[];
  const forms = normals.map((normal, i) => ({ normal, lemma: lemmas[i] ?? normal }));
  if (formsCache.size < 50_000) formsCache.set(phrase, forms);
  return forms;
}

const formsCache = new Map<string, Array<{ normal: string; lemma: string }>>();
