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
  const swap: Record<string, string> = {
    you: "me",
    your: "my",
    yours: "mine",
    yourself: "myself",
    i: "you",
    me: "you",
    my: "your",
    mine: "yours",
    myself: "yourself",
    we: "you",
    us: "you",
    our: "your",
    ours: "yours",
  };
  return words.replace(/\b(you|your|yours|yourself|I|me|my|mine|myself|we|us|our|ours)\b/gi, (word) => {
    const swapped = swap[word.toLowerCase()] ?? word;
    return word[0] === word[0]?.toUpperCase() && word !== "I" ? swapped[0]?.toUpperCase() + swapped.slice(1) : swapped;
  });
}

const CLAUSE_END = new Set([";", ":", "—", "–", "but", "because", "so", "although"]);

interface Clause {
  /** Word positions in the sentence view: the verb of the promise, and the clause end. */
  verb: number;
  end: number;
  /** Where the promise began (the subject's modal, or "and"), for the quote. */
  from: number;
}

function wordAt(tokens: Token[], view: WordView, p: number): Token {
  return tokens[view.words[p] as number] as Token;
}

/** Does an {act} start at word p? "and call you" continues a promise with a new one. */
function actStartsAt(view: WordView, p: number, model: ScoringModel): boolean {
  if (!model.lexicon.has("act")) return wordAt(view.tokens, view, p).pos === "VERB";
  const ahead: WordView = { tokens: view.tokens, words: view.words.slice(p, p + 4) };
  for (const span of matchAll(ref("act"), ahead, model.lexicon)) if (span.from === 0) return true;
  return false;
}

/** The clause a promise runs over, stopping at a clause break or at "and" + another act. */
function clauseEnd(view: WordView, from: number, model: ScoringModel): { end: number; next: number | undefined } {
  const { tokens, words } = view;
  let end = from;
  while (end < words.length) {
    const w = view.words[end] as number;
    const gapHasBreak =
      end > from && tokens.slice((view.words[end - 1] as number) + 1, w).some((t) => CLAUSE_END.has(t.normal) || t.text === ",");
    if (gapHasBreak || CLAUSE_END.has((tokens[w] as Token).normal)) return { end, next: undefined };
    if (end > from && /^(and|then|or)$/.test((tokens[w] as Token).normal) && end + 1 < words.length) {
      // "and I'll text you": a new subject, a new promise (found on its own).
      if (/^(i|we|you|they|he|she|it)$/.test(wordAt(tokens, view, end + 1).normal)) return { end, next: undefined };
      if (actStartsAt(view, end + 1, model)) return { end, next: end + 1 };
    }
    end++;
  }
  return { end, next: undefined };
}

/** The commitments in one reply. */
export function extractCommitments(
  reply: string,
  turn: string,
  model: ScoringModel,
  analysis = analyze(reply, model.vocabulary),
): Commitment[] {
  const promise = model.lexicon.has("promise") ? PROMISE : COMMIT_ACT;
  if (promise === COMMIT_ACT && (!model.lexicon.has("commit") || !model.lexicon.has("act"))) return [];
  const { tokens } = analysis;
  const out: Commitment[] = [];
  for (const sentence of analysis.sentences) {
    if (sentence.question) continue;
    const words: number[] = [];
    for (let i = sentence.from; i < sentence.to; i++) {
      const t = tokens[i] as Token;
      if (t.type !== "punctuation" && t.type !== "tabCRLF") words.push(i);
    }
    const view: WordView = { tokens, words };
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
      // The verb: after the modal ("will", "let me", "am going to"), and any adverb.
      let verb = span.from;
      const commitEnds = model.lexicon.has("commit")
        ? [...matchAll(ref("commit"), { tokens, words: words.slice(span.from) }, model.lexicon)].filter((s) => s.from === 0)
        : [];
      verb += commitEnds.length > 0 ? Math.max(...commitEnds.map((s) => s.to)) : 1;
      while (verb < span.to - 1 && /^(PART|ADV)$/.test(wordAt(tokens, view, verb).pos)) verb++;
      if (verb >= span.to) verb = span.to - 1;
      // One promise, or several joined by "and": "I'll call the producer at 9 and phone you by 11".
      const clauses: Clause[] = [];
      let clauseFrom = verb;
      let quoteFrom = Math.max(0, span.from - 1);
      for (;;) {
        const { end, next } = clauseEnd(view, clauseFrom, model);
        clauses.push({ verb: clauseFrom, end: Math.max(end, clauseFrom + 1), from: quoteFrom });
        if (next === undefined) break;
        quoteFrom = next - 1;
        clauseFrom = next;
      }
      after = clauses.at(-1)?.end ?? span.to;
      let previous: Commitment | undefined;
      for (const clause of clauses) {
        const commitment = commitmentOf(clause, { reply, turn, who, view, model });
        // "I'll issue the refund right now and give you my direct line": the second promise shares
        // the first one's time when it has none of its own.
        if (commitment.due === undefined && previous?.due !== undefined && !previous.vague && (who === "self" || who === "team")) {
          commitment.due = previous.due;
          commitment.vague = false;
        }
        out.push(commitment);
        previous = commitment;
      }
    }
  }
  return out;
}

function commitmentOf(
  clause: Clause,
  context: { reply: string; turn: string; who: Actor; view: WordView; model: ScoringModel },
): Commitment {
  const { reply, turn, who, view, model } = context;
  const { tokens, words } = view;
  const { verb, end } = clause;
  const clauseView: WordView = { tokens, words: words.slice(verb, end) };
  const times = model.lexicon.has("time") ? [...matchAll(ref("time"), clauseView, model.lexicon)] : [];
  const time = times[0];
  const vagueTime = model.lexicon.has("vague-time") ? firstSpan(ref("vague-time"), clauseView, model) : undefined;
  let whatEnd = end;
  if (time !== undefined) whatEnd = Math.min(whatEnd, verb + time.from);
  if (vagueTime !== undefined) whatEnd = Math.min(whatEnd, verb + vagueTime.from);
  // Drop a dangling preposition before the time: "call you by" -> "call you".
  while (whatEnd - 1 > verb && /^(ADP|CCONJ)$/.test(wordAt(tokens, view, whatEnd - 1).pos)) whatEnd--;
  // Said back by the customer after "you said you'd": the verb in its base form ("refunding" -> "refund").
  const head = wordAt(tokens, view, verb);
  const rest = textOf(tokens, view, verb + 1, Math.max(whatEnd, verb + 1), reply);
  const base = head.pos === "VERB" || /ing$/.test(head.normal) ? head.lemma : head.text;
  const what = rest === "" ? base : `${base}${reply.slice(head.end, (tokens[view.words[verb + 1] as number] as Token).start)}${rest}`;
  const commitment: Commitment = {
    turn,
    who,
    what,
    vague: time === undefined || vagueTime !== undefined || (who !== "self" && who !== "team"),
    quote: textOf(tokens, view, clause.from, end, reply).replace(/^(and|then)\s+/i, ""),
    status: "open",
  };
  if (time !== undefined) {
    // Adjoining time words belong together: "at 9 tomorrow", "first thing tomorrow morning".
    let dueFrom = verb + time.from;
    let dueTo = verb + time.to;
    for (const t of times) if (verb + t.from <= dueTo + 1 && verb + t.to > dueTo) dueTo = verb + t.to;
    const prev = tokens[view.words[dueFrom - 1] as number];
    if (dueFrom - 1 >= verb && prev !== undefined && /^(by|before|at|until|within|in|on)$/.test(prev.normal)) dueFrom--;
    commitment.due = textOf(tokens, view, dueFrom, dueTo, reply);
  }
  return commitment;
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
