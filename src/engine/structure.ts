/**
 * Is this written in sentences? Decided from grammar, not vocabulary: each token becomes a class (a
 * function word as itself, "the", "I", "'ll", "to"; any other word as its part of speech; punctuation
 * as a clause or sentence break), and two bigram models over those classes are compared: one learned
 * from replies people wrote, one from the same replies with their words shuffled. Shuffled text keeps
 * its words, even the small ones, but loses their order, so it reads as the second model.
 *
 * The counts come from `scripts/train-structure.mjs` (the development corpus, the scenarios' lines and
 * model answers) and ship as data in `structure-model.ts`: deterministic, offline.
 */
import type { Analysis, Token } from "./analyze.js";
import { STRUCTURE_MODEL } from "./structure-model.js";

/** Words whose order carries the grammar. Everything else is its part of speech. */
export const FUNCTION_WORDS = new Set(
  (
    "i you we they he she it me us them my your our their his her its the a an this that and or but so if then because " +
    "to of in on at by for with from about as until before after will would can could should may might must do does did be " +
    "is am are was were been have has had not no never 's n't 'll 're 've 'd 'm what when where who how there here just"
  ).split(" "),
);

export function structureClass(token: Token): string {
  if (token.type === "punctuation") return /[.!?]/.test(token.text) ? "." : ",";
  return FUNCTION_WORDS.has(token.normal) ? token.normal : token.pos;
}

/** The class sequence of a reply, with start and end marks; line breaks are left out. */
export function classSequence(analysis: Analysis): string[] {
  return classesOf(analysis.tokens, 0, analysis.tokens.length);
}

/** The class sequence of the tokens [from, to) read on their own (a sentence: see `readSentence`). */
function classesOf(all: readonly Token[], from: number, to: number): string[] {
  const out = ["<s>"];
  const tokens: Token[] = [];
  for (let i = from; i < to; i++) if ((all[i] as Token).type !== "tabCRLF") tokens.push(all[i] as Token);
  // A name typed without spaces ("growth-guide.pdf", "CS-29014", "site.com/page") is one word: a
  // separator with a word on both sides, touching. A full stop after a word ("Thanks.") is not.
  let glued = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const joins =
      // The length first: most tokens are words, and a one-character test answers them without the expression.
      token.text.length === 1 &&
      /^[-./_@]$/.test(token.text) &&
      before !== undefined &&
      after !== undefined &&
      before.end === token.start &&
      after.start === token.end &&
      after.type !== "punctuation";
    if (joins || glued) {
      out[out.length - 1] = "NOUN";
      glued = joins;
      continue;
    }
    out.push(structureClass(token));
  }
  out.push("</s>");
  return out;
}

export interface BigramCounts {
  /** "a b" -> how often class b followed class a. */
  bigrams: Record<string, number>;
  /** a -> how often class a was followed by anything. */
  contexts: Record<string, number>;
}

export interface StructureModel {
  natural: BigramCounts;
  shuffled: BigramCounts;
  /** Add-k smoothing and the number of classes it spreads over. */
  k: number;
  classes: number;
}

function logP(counts: BigramCounts, a: string, b: string, k: number, classes: number): number {
  return Math.log(((counts.bigrams[`${a} ${b}`] ?? 0) + k) / ((counts.contexts[a] ?? 0) + k * classes));
}

/** The log-likelihood ratio of each bigram, natural over shuffled, worked out once per model. */
const ratios = new WeakMap<StructureModel, Map<string, Map<string, number>>>();

/** The model's table of ratios by bigram, made if there is none. */
function ratioTable(model: StructureModel): Map<string, Map<string, number>> {
  let table = ratios.get(model);
  if (table === undefined) {
    table = new Map();
    ratios.set(model, table);
  }
  return table;
}

function ratioIn(table: Map<string, Map<string, number>>, model: StructureModel, a: string, b: string): number {
  let row = table.get(a);
  if (row === undefined) {
    row = new Map();
    table.set(a, row);
  }
  let value = row.get(b);
  if (value === undefined) {
    value = logP(model.natural, a, b, model.k, model.classes) - logP(model.shuffled, a, b, model.k, model.classes);
    row.set(b, value);
  }
  return value;
}

/** Mean log-likelihood ratio per bigram, natural over shuffled: below 0 reads as shuffled words. */
export function naturalness(sequence: readonly string[], model: StructureModel = STRUCTURE_MODEL): number {
  let sum = 0;
  // The model's table looked up once per sequence, not once per bigram.
  const table = ratioTable(model);
  for (let i = 1; i < sequence.length; i++) sum += ratioIn(table, model, sequence[i - 1] as string, sequence[i] as string);
  return sequence.length < 2 ? 0 : sum / (sequence.length - 1);
}

/** Too short to judge: a handful of words reads either way. */
const MIN_WORDS = 6;
/** Clearly shuffled, whatever the length. */
const SALAD = -0.45;
/** A long reply reads as shuffled below this; shorter ones need the clearer verdict above. */
const LONG = 15;
const SALAD_LONG = -0.1;
/** A list of cue words: few function words and no natural order. */
const LIST = 0.1;
const LIST_FUNCTION_SHARE = 0.2;
const FUNCTION_POS = new Set(["DET", "ADP", "PRON", "AUX", "CCONJ", "SCONJ", "PART"]);

export interface StructureVerdict {
  /** "salad": shuffled words; "list": cue words strung together. */
  kind: "salad" | "list";
  naturalness: number;
  start: number;
  end: number;
}

/**
 * Where the reply reads as shuffled words or a list of cue words rather than sentences. Thresholds
 * were set on held-out halves of the development corpus and their shuffles, for no real reply flagged:
 * a hurried, typo-laden sentence keeps its word order, which is what this reads.
 */
export function findSalad(analysis: Analysis): StructureVerdict | undefined {
  // The whole reply and each sentence are judged from the same sentences: each is read once, when first needed.
  const readings: Array<SentenceReading | undefined> = new Array(analysis.sentences.length);
  const whole = verdict(analysis, 0, analysis.tokens.length, WHOLE, readings);
  if (whole !== undefined) return whole;
  // A natural sentence in front does not make a list a reply: "Busy week here. sorry understand call tomorrow..."
  // (One sentence alone was judged with the whole reply, on looser terms.)
  // But one list-like line among sentences ("Attached are growth-guide.pdf and growth-checklist.pdf.")
  // does not make the reply a list: the sentences read as lists must carry most of its words.
  if (analysis.sentences.length < 2) return undefined;
  let first: StructureVerdict | undefined;
  let listed = 0;
  for (const sentence of analysis.sentences) {
    const part = verdict(analysis, sentence.from, sentence.to, SENTENCE, readings);
    if (part === undefined) continue;
    first ??= part;
    listed += wordCount(analysis, sentence.from, sentence.to);
  }
  return first !== undefined && listed * 2 >= wordCount(analysis, 0, analysis.tokens.length) ? first : undefined;
}

function wordCount(analysis: Analysis, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const t = analysis.tokens[i] as Token;
    if (t.type !== "punctuation" && t.type !== "tabCRLF") n++;
  }
  return n;
}

interface Thresholds {
  minWords: number;
  /** Below this naturalness, shuffled words; `longSalad` applies from `LONG` words on, if set. */
  salad: number;
  longSalad?: number;
  /** A list: naturalness below `list` with a share of function words below `listShare`. */
  list: number;
  listShare: number;
}

const WHOLE: Thresholds = { minWords: MIN_WORDS, salad: SALAD, longSalad: SALAD_LONG, list: LIST, listShare: LIST_FUNCTION_SHARE };
/** A sentence on its own is judged only on a clear verdict, and from more words. */
const SENTENCE: Thresholds = { minWords: 8, salad: SALAD, list: -0.2, listShare: 0.2 };

function verdict(
  analysis: Analysis,
  from: number,
  to: number,
  limits: Thresholds,
  readings: Array<SentenceReading | undefined>,
): StructureVerdict | undefined {
  // The words counted in place, with the first, the last and the function words: no copies of the range.
  let words = 0;
  let functionWords = 0;
  let first: Token | undefined;
  let last: Token | undefined;
  for (let i = from; i < to; i++) {
    const t = analysis.tokens[i] as Token;
    if (t.type === "punctuation" || t.type === "tabCRLF") continue;
    words++;
    if (FUNCTION_POS.has(t.pos)) functionWords++;
    first ??= t;
    last = t;
  }
  if (words < limits.minWords) return undefined;
  const score = bySentence(analysis, from, to, readings);
  const functionShare = functionWords / words;
  let kind: StructureVerdict["kind"] | undefined;
  if (score < limits.salad || (limits.longSalad !== undefined && words >= LONG && score < limits.longSalad)) kind = "salad";
  else if (score < limits.list && functionShare < limits.listShare) kind = "list";
  if (kind === undefined || first === undefined || last === undefined) return undefined;
  return { kind, naturalness: score, start: first.start, end: last.end };
}

/**
 * Naturalness read sentence by sentence, each from its own start, weighted by length: a hurried reply
 * of short sentences ("thx, thats all i need. refunding now") starts each one as a sentence starts,
 * while shuffled words keep no sentence natural whichever way they are cut.
 */
function bySentence(analysis: Analysis, from: number, to: number, readings: Array<SentenceReading | undefined>): number {
  let sum = 0;
  let weight = 0;
  analysis.sentences.forEach((sentence, s) => {
    const a = Math.max(from, sentence.from);
    const b = Math.min(to, sentence.to);
    if (b <= a) return;
    // A sentence the range holds whole is read for the reply and again for itself: remembered.
    let reading: SentenceReading;
    if (a === sentence.from && b === sentence.to) {
      reading = readings[s] ?? readSentence(analysis, a, b);
      readings[s] = reading;
    } else reading = readSentence(analysis, a, b);
    sum += reading.naturalness * reading.bigrams;
    weight += reading.bigrams;
  });
  return weight === 0 ? 0 : sum / weight;
}

/** The naturalness of the tokens [from, to) read as a sentence, and how many bigrams it is the mean of. */
interface SentenceReading {
  naturalness: number;
  bigrams: number;
}

function readSentence(analysis: Analysis, from: number, to: number): SentenceReading {
  // Read in place: a copy of the analysis with the sentence's tokens sliced out would be the same sequence.
  const seq = classesOf(analysis.tokens, from, to);
  return { naturalness: naturalness(seq), bigrams: seq.length - 1 };
}
