/**
 * The commitments a trainee makes ("I'll call the producer at 9 tomorrow"): who, what, by when.
 * Extracted from a reply with the rubric's own lexicon ({commit}, {act}, {time}, {vague-time}),
 * so a trainer who teaches new phrasings teaches the ledger too.
 */
import { type Actor, actorOf } from "./actor.js";
import { analyze, type Token } from "./analyze.js";
import type { ScoringModel } from "./model.js";
import { matchAll, type PatternNode, type Span, type WordView } from "./pattern.js";

export type CommitmentStatus = "open" | "due" | "vague";

export interface Commitment {
  /** The turn the promise was made in. */
  turn: string;
  who: Actor;
  /** What was promised, in the trainee's words from the verb on: "call the producer". */
  what: string;
  /** When, as said: "at 9 tomorrow"; absent for a promise without a time. */
  due?: string;
  /** True when the time is vague ("at some point", "when we can") or missing. */
  vague: boolean;
  quote: string;
  status: CommitmentStatus;
}

const ref = (name: string): PatternNode => ({ kind: "ref", name, offset: 0 });
/** The rubric's {promise} entry when it has one, else its parts: {commit} ... {act}. */
const PROMISE: PatternNode = ref("promise");
const COMMIT_ACT: PatternNode = { kind: "seq", items: [ref("commit"), { kind: "gap", max: 4 }, ref("act")] };

function firstSpan(node: PatternNode, view: WordView, model: ScoringModel): Span | undefined {
  for (const span of matchAll(node, view, model.lexicon)) return span;
  return undefined;
}

function textOf(tokens: Token[], view: WordView, from: number, to: number, text: string): string {
  if (to <= from) return "";
  const start = (tokens[view.words[from] as number] as Token).start;
  const end = (tokens[view.words[to - 1] as number] as Token).end;
  return text.slice(start, end);
}

/** Rewrites the trainee's words for the customer to say back: "phone you" -> "phone me". */
export function toCustomerVoice(words: string): string {
  const swap: Record<string, string> = { you: "me", your: "my", yourself: "myself", i: "you", me: "you", my: "your", myself: "yourself" };
  return words.replace(/\b(you|your|yourself|I|me|my|myself)\b/gi, (word) => {
    const swapped = swap[word.toLowerCase()] ?? word;
    return word[0] === word[0]?.toUpperCase() && word !== "I" ? swapped[0]?.toUpperCase() + swapped.slice(1) : swapped;
  });
}

const CLAUSE_END = new Set([";", ":", "—", "–", "but", "because", "so", "although"]);

/** The commitments in one reply. */
export function extractCommitments(reply: string, turn: string, model: ScoringModel): Commitment[] {
  const promise = model.lexicon.has("promise") ? PROMISE : COMMIT_ACT;
  if (promise === COMMIT_ACT && (!model.lexicon.has("commit") || !model.lexicon.has("act"))) return [];
  const analysis = analyze(reply);
  const { tokens } = analysis;
  const out: Commitment[] = [];
  for (const sentence of analysis.sentences) {
    const words: number[] = [];
    for (let i = sentence.from; i < sentence.to; i++) {
      const t = tokens[i] as Token;
      if (t.type !== "punctuation" && t.type !== "tabCRLF") words.push(i);
    }
    const view: WordView = { tokens, words };
    if (sentence.question) continue;
    let after = 0;
    for (const span of matchAll(promise, view, model.lexicon)) {
      if (span.from < after) continue;
      const first = view.words[span.from] as number;
      const negated = words.slice(span.from, span.to).some((w) => {
        const n = (tokens[w] as Token).negator;
        return n >= 0 && n < first;
      });
      if (negated) continue;
      const who = actorOf(tokens, first, sentence.from);
      if (who === "customer") continue;
      // The promise runs from the verb to the end of its clause.
      let verb = span.from + 1;
      while (verb < span.to && /^(AUX|PART|ADV)$/.test((tokens[view.words[verb] as number] as Token).pos)) verb++;
      if (verb >= span.to) verb = span.to - 1;
      let end = span.to;
      while (end < words.length) {
        const w = view.words[end] as number;
        const gapHasBreak = tokens.slice(view.words[end - 1] as number, w).some((t) => CLAUSE_END.has(t.normal) || t.text === ",");
        if (gapHasBreak || CLAUSE_END.has((tokens[w] as Token).normal)) break;
        // A second promise in the same sentence starts a new entry: "and call you by 11".
        if (
          (tokens[w] as Token).normal === "and" &&
          end + 1 < words.length &&
          /^(VERB|AUX)$/.test((tokens[view.words[end + 1] as number] as Token).pos)
        )
          break;
        end++;
      }
      after = end;
      const clause: WordView = { tokens, words: words.slice(span.from, end) };
      const time = model.lexicon.has("time") ? firstSpan(ref("time"), clause, model) : undefined;
      const vagueTime = model.lexicon.has("vague-time") ? firstSpan(ref("vague-time"), clause, model) : undefined;
      let whatEnd = end;
      if (time !== undefined) whatEnd = Math.min(whatEnd, span.from + time.from);
      if (vagueTime !== undefined) whatEnd = Math.min(whatEnd, span.from + vagueTime.from);
      // Drop a dangling preposition before the time: "call you by" -> "call you".
      while (whatEnd - 1 > verb && /^(ADP|CCONJ)$/.test((tokens[view.words[whatEnd - 1] as number] as Token).pos)) whatEnd--;
      const what = textOf(tokens, view, verb, Math.max(whatEnd, verb + 1), reply);
      const commitment: Commitment = {
        turn,
        who,
        what,
        vague: time === undefined || vagueTime !== undefined || (who !== "self" && who !== "team"),
        quote: textOf(tokens, view, Math.max(0, span.from - 1), end, reply).replace(/^\W+/, ""),
        status: "open",
      };
      if (time !== undefined) {
        // All the time words of the clause: "at 9 tomorrow", "first thing tomorrow morning".
        let dueFrom = span.from + time.from;
        let dueTo = span.from + time.to;
        for (const t of matchAll(ref("time"), clause, model.lexicon)) dueTo = Math.max(dueTo, span.from + t.to);
        const prev = tokens[view.words[dueFrom - 1] as number];
        if (dueFrom - 1 >= verb && prev !== undefined && /^(by|before|at|until|within|in|on)$/.test(prev.normal)) dueFrom--;
        commitment.due = textOf(tokens, view, dueFrom, dueTo, reply);
      }
      out.push(commitment);
    }
  }
  return out;
}

/** The state of the promises so far, for branch conditions and time skips. */
export function promiseState(ledger: readonly Commitment[]): "timed" | "vague" | "none" {
  if (ledger.some((c) => !c.vague)) return "timed";
  return ledger.length > 0 ? "vague" : "none";
}

/** At a time skip, every promise comes due: dated ones are held to their time, vague ones called out. */
export function comeDue(ledger: readonly Commitment[]): Commitment[] {
  return ledger.map((c) => (c.status === "open" ? { ...c, status: c.vague ? "vague" : "due" } : c));
}
