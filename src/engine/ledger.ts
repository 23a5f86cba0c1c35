/**
 * The commitments a trainee makes ("I'll call the producer at 9 tomorrow"): who, what, by when.
 * Extracted from a reply with the rubric's own lexicon ({commit}, {act}, {time}, {vague-time}),
 * so a trainer who teaches new phrasings teaches the ledger too.
 */
import { type Actor, actorOf } from "./actor.js";
import { analyze, type Token } from "./analyze.js";
import type { ScoringModel } from "./model.js";
import { type Normalised, normalise } from "./normalise.js";
import { matchAll, type PatternNode, refTo, type Span, type WordView } from "./pattern.js";
import { stanceOf } from "./stance.js";

/**
 * open: made, not yet due; due: came due at a time skip (the customer holds the trainee to it);
 * kept / missed: came due, and the scenario says what became of it. "vague" is found only in
 * sessions saved before the statuses above: a promise without a time that came due.
 */
export type CommitmentStatus = "open" | "due" | "kept" | "missed" | "vague";

/** call-back: a promise to get back to the customer ("I'll ring you by 11"); step: anything else. */
export type CommitmentKind = "call-back" | "step";

export interface Commitment {
  /** Unique in the session: the turn and a running number ("open.1"). */
  id?: string;
  /** The turn the promise was made in. */
  turn: string;
  who: Actor;
  /**
   * What was promised, from the verb on, in normalised words ("ring you", not "ring u"): the
   * customer says it back ("you said you'd ring me").
   */
  what: string;
  /** When, in normalised words: "at 9 tomorrow", "by tomorrow noon", "the day your new shifter arrives"; absent without a time. */
  due?: string;
  /** True when the time is vague ("at some point", "when we can") or missing. */
  vague: boolean;
  /** True when the time is an event, not a clock time ("the day it arrives", "once I hear from them"). */
  event?: boolean;
  kind?: CommitmentKind;
  /** The trainee's own words, as typed. */
  quote: string;
  /** Where the quote sits in the reply. */
  start?: number;
  end?: number;
  status: CommitmentStatus;
  /** When it was made and when it falls due, in story minutes (see clock.ts); absent when unknown. */
  madeAt?: number;
  dueAt?: number;
  /** The turn at whose time skip it came due. */
  cameDue?: string;
  /** The customer said it back (held the trainee to it, or called out that it had no time). */
  calledOut?: boolean;
}

/** The rubric's {promise} entry when it has one, else its parts: {commit} ... {act}. */
const PROMISE: PatternNode = refTo("promise");
const COMMIT_ACT: PatternNode = { kind: "seq", items: [refTo("commit"), { kind: "gap", max: 4 }, refTo("act")] };

function firstSpan(node: PatternNode, view: WordView, model: ScoringModel): Span | undefined {
  for (const span of matchAll(node, view, model.lexicon)) return span;
  return undefined;
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
  if (p >= view.words.length) return false;
  if (!model.lexicon.has("act")) return wordAt(view.tokens, view, p).pos === "VERB";
  const ahead: WordView = { tokens: view.tokens, words: view.words.slice(p, p + 4) };
  for (const span of matchAll(refTo("act"), ahead, model.lexicon)) if (span.from === 0) return true;
  return false;
}

/** Words that follow a verb, not a noun: "move it", "ring you", "check the". */
const LIST_OBJECT = /^(it|them|you|him|her|the|your|a|an|this|that|their|his|our|my|both|everything)$/;

/** The clause a promise runs over, stopping at a clause break or at "and" + another act. */
function clauseEnd(view: WordView, from: number, model: ScoringModel): { end: number; next: number | undefined } {
  const { tokens, words } = view;
  const normalAt = (p: number) => (p < words.length ? wordAt(tokens, view, p).normal : "");
  // The word after an aside's closing comma, when the clause goes on after it ("on with their technician").
  const asideEnd = (open: number): number | undefined => {
    for (let q = open + 1; q < Math.min(words.length, open + 9); q++) {
      const between = tokens.slice((words[q - 1] as number) + 1, words[q] as number);
      if (between.some((t) => t.text !== "," && t.type === "punctuation")) return undefined;
      if (between.some((t) => t.text === ",")) return /^(and|then|or|but|so|i|we|you|they|he|she|it)$/.test(normalAt(q)) ? undefined : q;
    }
    return undefined;
  };
  let end = from;
  let pastAside = false;
  while (end < words.length) {
    const w = view.words[end] as number;
    const gap = end > from ? tokens.slice((view.words[end - 1] as number) + 1, w) : [];
    const gapHasBreak = !pastAside && gap.some((t) => CLAUSE_END.has(t.normal) || t.text === ",");
    pastAside = false;
    // "put Raj, our senior technician, on with theirs", "have Raj, who knows this car, ready": an aside between commas goes on.
    if (gapHasBreak && gap.every((t) => t.text === ",") && /^(who|which|our|my|your|their|his|her|the)$/.test(normalAt(end))) {
      const close = asideEnd(end);
      if (close !== undefined) {
        end = close;
        pastAside = true;
        continue;
      }
    }
    const normal = (tokens[w] as Token).normal;
    // "I'll call the depot now, and ring you in 20 minutes": after a comma, "and" + an act goes on.
    if (
      gapHasBreak &&
      gap.every((t) => t.text === ",") &&
      /^(and|then)$/.test(normal) &&
      end + 1 < words.length &&
      !/^(i|we|you|they|he|she|it)$/.test(wordAt(tokens, view, end + 1).normal) &&
      actStartsAt(view, end + 1, model)
    )
      return { end, next: end + 1 };
    // "I'll attach it now, move it to priority and ring you by Thursday": a list of acts after commas goes on.
    // The tagger often reads such a verb as a noun ("move/NOUN it"): its object says verb ("give me a minute" is no act).
    if (gapHasBreak && gap.every((t) => t.text === ",") && LIST_OBJECT.test(normalAt(end + 1)) && actStartsAt(view, end, model))
      return { end, next: end };
    // "ring the bc dealer": a clause does not end on "the" ("bc" read as "because" is no break).
    const afterDeterminer = end > from && gap.length === 0 && wordAt(tokens, view, end - 1).pos === "DET";
    if (gapHasBreak || (CLAUSE_END.has(normal) && !afterDeterminer)) return { end, next: undefined };
    // "when you're looking for a car I'll set you up": a new "I" or "we" is a new clause.
    if (
      end > from &&
      /^(i|we)$/.test(normal) &&
      !/^(when|whenever|once|as|if|until|till|before|after|that|while|because|so|soon|what|whether|how|who|where|which)$/.test(
        wordAt(tokens, view, end - 1).normal,
      ) &&
      end + 1 < words.length &&
      /^(will|shall|can|am|are|would|could|be)$/.test(wordAt(tokens, view, end + 1).normal)
    )
      return { end, next: undefined };
    if (end > from && /^(and|then|or)$/.test(normal) && end + 1 < words.length) {
      // "and I'll text you": a new subject, a new promise (found on its own).
      if (/^(i|we|you|they|he|she|it)$/.test(wordAt(tokens, view, end + 1).normal)) return { end, next: undefined };
      if (actStartsAt(view, end + 1, model)) return { end, next: end + 1 };
    }
    end++;
  }
  return { end, next: undefined };
}

/** The normalised view of a reply, to say a promise back in the words the scorer read. */
interface SaidBack {
  reply: string;
  view: Normalised;
}

/** The normalised words for the reply's characters [start, end): "ring u 2moro" -> "ring you tomorrow". */
function normalisedText(said: SaidBack, start: number, end: number): string {
  const { from, to, text } = said.view;
  let first = -1;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    if ((from[i] as number) >= start && (to[i] as number) <= end && (to[i] as number) > (from[i] as number)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  let out = first < 0 ? said.reply.slice(start, end) : text.slice(first, last + 1);
  // An amount is said back as typed: "$412" is no time ("$4:12").
  const amounts = said.reply.slice(start, end).match(/[$€£]\s?\d[\d,.]*/g) ?? [];
  let k = 0;
  out = out.replace(/[$€£]\s?\d[\d,.:]*/g, (seen) => amounts[k++] ?? seen);
  return out
    .replace(/\s+/g, " ")
    .replace(/\s+([.,;:!?])/g, "$1")
    .trim();
}

/** Words that belong to a time just said: "by tomorrow noon", "on Friday afternoon", "by 12:30 at the latest". */
const TIME_TAIL = new Set([
  "noon",
  "midday",
  "lunch",
  "lunchtime",
  "morning",
  "afternoon",
  "evening",
  "night",
  "tonight",
  "today",
  "tomorrow",
  "am",
  "pm",
  "o'clock",
  "latest",
  "sharp",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
]);

/** "8:30", "10": a clock time, as a word. */
function isClockWord(t: Token | undefined, reply: string): boolean {
  if (t === undefined || /[$€£]\s?$/.test(reply.slice(Math.max(0, t.start - 2), t.start))) return false;
  return t.type === "time" || /^\d{1,2}([:.]\d{2})?(am|pm)?$/.test(t.normal);
}

function isTimeWord(t: Token | undefined): boolean {
  return (
    t !== undefined &&
    (TIME_TAIL.has(t.normal) || t.type === "number" || t.type === "time" || /^\d{1,2}([:.]\d{2})?(am|pm)?$/.test(t.normal))
  );
}

/** "the day your new shifter arrives", "once I hear from them": a time that is an event. */
const EVENT_START = [
  ["the", "day"],
  ["the", "same", "day"],
  ["the", "moment"],
  ["the", "minute"],
  ["the", "second"],
  ["as", "soon", "as"],
  ["soon", "as"],
  ["once"],
  ["when"],
  ["whenever"],
  ["the", "instant"],
];
/** After "when/once/as soon as": "as soon as I can", "when we get a chance" is no time at all. */
const ONLY_VAGUE =
  /^(i|we|he|she|they|someone|somebody) (can|could|get a chance|gets a chance|have (a|the) (chance|moment|minute)|has (a|the) chance|am able|are able|is able|find (the )?time)\b|^(possible|poss)\b/;

/** At word p: an event time ("the day it arrives"), a vague one ("as soon as I can"), or neither. */
function eventAt(view: WordView, p: number, end: number): "event" | "vague" | undefined {
  const { tokens } = view;
  for (const start of EVENT_START) {
    if (p + start.length >= end) continue;
    if (!start.every((w, k) => wordAt(tokens, view, p + k).normal === w)) continue;
    const rest = [];
    for (let q = p + start.length; q < Math.min(end, p + start.length + 5); q++) rest.push(wordAt(tokens, view, q).normal);
    return ONLY_VAGUE.test(rest.join(" ")) ? "vague" : "event";
  }
  return undefined;
}

/** A due that is an event, whichever way it was found. */
const EVENT_DUE = /^(on )?(the (same |very )?day|the (very )?(moment|minute|second|instant)|when|once|as soon as|whenever)\b/i;

/** "Tomorrow at 8:30 I'll call them" is said back as "tomorrow at 8:30". */
function lowerLead(due: string): string {
  return /^(Tomorrow|Today|Tonight|This|First|By|At|In|Within|Next|Before|On|Until|Right|Straight|Now|Immediately)\b/.test(due)
    ? due[0]?.toLowerCase() + due.slice(1)
    : due;
}

/** Does the question open as an offer of the trainee's own: "Can I call you back by 12?", "Shall I ring you at 5?" */
function offersWithTime(tokens: Token[], from: number): boolean {
  let i = from;
  while (/^(ok|okay|and|so|then|also|right|well)$/.test(tokens[i]?.normal ?? "") || tokens[i]?.type === "punctuation") i++;
  return /^(can|could|shall|may|should)$/.test(tokens[i]?.normal ?? "") && tokens[i + 1]?.normal === "i";
}

/** A promise to get back to the customer: "call you", "ring you back", "let you know", "be in touch". */
const CALL_BACK =
  /^(call|ring|phone|email|e-mail|text|message|contact|update|get back to|come back to|get in touch with|be in touch|reach|write to|follow up with|check in with|let|keep|send you an update)\b(?:\s+\S+){0,1}?\s*\b(you|back)\b|^be in touch\b|^get back to you\b/i;

/** An act said as the keeping of an earlier promise: "ring as I promised", "call back like I said". */
const KEEPING = /\b(?:as|like) (?:(?:i|we) (?:had )?)?(?:promised|said)\b/i;

/** An act whose object was said before it: "fit", "fit it" in "a used shifter ... I can fit now". */
export function objectSaidBefore(what: string): boolean {
  return /^[a-z-]+(?: (?:it|them|one|that|this))?$/i.test(what.trim());
}

export function kindOf(what: string): CommitmentKind {
  // "I'll call Monday at 10": a call with nobody named is a call to the customer.
  if (/^(call|ring|phone|email|e-mail|text)( back)?$/i.test(what.trim())) return "call-back";
  return CALL_BACK.test(what.trim()) ? "call-back" : "step";
}

/** The commitments in one reply: the trainee's own, asserted (not asked, reported, imagined or sarcastic). */
export function extractCommitments(
  reply: string,
  turn: string,
  model: ScoringModel,
  analysis = analyze(reply, model.vocabulary),
): Commitment[] {
  const promise = model.lexicon.has("promise") ? PROMISE : COMMIT_ACT;
  if (promise === COMMIT_ACT && (!model.lexicon.has("commit") || !model.lexicon.has("act"))) return [];
  const { tokens } = analysis;
  // The scorer's reading of whose words these are: a promise inside a question is an offer, words
  // the trainee reports or imagines ("you were told we'd call", "I'd ring them if...") are not theirs.
  const stance = stanceOf(analysis);
  const said: SaidBack = { reply, view: normalise(reply, model.vocabulary) };
  const out: Commitment[] = [];
  analysis.sentences.forEach((sentence, s) => {
    if (stance.hypothetical[s] === true) return;
    const words: number[] = [];
    for (let i = sentence.from; i < sentence.to; i++) {
      const t = tokens[i] as Token;
      if (t.type !== "punctuation" && t.type !== "tabCRLF") words.push(i);
    }
    const view: WordView = { tokens, words };
    let after = 0;
    const madeBefore = out.length;
    for (const span of matchAll(promise, view, model.lexicon)) {
      if (span.from < after) continue;
      const first = view.words[span.from] as number;
      if (words.slice(span.from, span.to).some((w) => stance.reported[w] === 1)) continue;
      // "Can I call you back by 12 with that day?": an offer with a time is held to like a promise;
      // any other question ("shall I chase them?") promises nothing yet.
      const asked = words.slice(span.from, span.to).some((w) => stance.asked[w] === 1);
      if (asked && !offersWithTime(tokens, words.find((w) => stance.asked[w] === 1) ?? sentence.from)) continue;
      const negated = words.slice(span.from, span.to).some((w) => {
        const n = (tokens[w] as Token).negator;
        return n >= 0 && n < first;
      });
      if (negated) continue;
      const actor = actorOf(tokens, first, sentence.from);
      // Only the trainee's own commitments: "your son will have to sort it out", "he'll get back to
      // you", "the manager will call you" are someone else's. An imperative ("Calling them now") is the speaker's.
      if (actor !== "self" && actor !== "team" && actor !== "none") continue;
      if (actor === "team" && !spokenByUs(tokens, first, sentence.from)) continue;
      // "Thank you for pushing us": a verb after a preposition is no promise.
      if (actor === "none" && /^(ADP|SCONJ)$/.test(tokens[first - 1]?.pos ?? "") && tokens[first - 1]?.sentence === tokens[first]?.sentence)
        continue;
      if (notOwnPromise(tokens, first, sentence.from, actor)) continue;
      const who: Actor = actor === "none" ? "self" : actor;
      // The verb: after the modal ("will", "let me", "am going to"), and any adverb.
      let verb = span.from;
      const commitEnds = model.lexicon.has("commit")
        ? [...matchAll(refTo("commit"), { tokens, words: words.slice(span.from) }, model.lexicon)].filter((m) => m.from === 0)
        : [];
      verb += commitEnds.length > 0 ? Math.max(...commitEnds.map((m) => m.to)) : 1;
      // "Can I call you back": in an offer the subject follows the modal.
      if (asked && /^(i|we)$/.test(wordAt(tokens, view, verb).normal)) verb++;
      while (verb < span.to - 1 && /^(PART|ADV)$/.test(wordAt(tokens, view, verb).pos)) verb++;
      if (verb >= span.to) verb = span.to - 1;
      // "it can be repaired or must be replaced": a passive says what may happen, not what I will do.
      if (isPassive(view, verb)) continue;
      // "I can see both charges", "I can hear that": what the trainee perceives, not what they will do.
      if (PERCEIVE.test(wordAt(tokens, view, verb).lemma) && /^(can|could|ca)$/.test(wordAt(tokens, view, verb - 1).normal)) continue;
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
      const spanAfter = after;
      after = clauses.at(-1)?.end ?? span.to;
      let previous: Commitment | undefined;
      clauses.forEach((clause, k) => {
        // "Tomorrow at 8:30 I'll call the producer": a time before the promise, in its sentence.
        // Only for the sentence's first promise: a time before a second one belongs to the first.
        const pointsToTime = /^then$/.test(wordAt(tokens, view, clause.end - 1).normal);
        const lead = k === 0 ? leadingTime(view, span.from, model, out.length === madeBefore ? 0 : spanAfter, pointsToTime) : undefined;
        // "I'll refund it myself, right now at this desk": a time just after the last clause's comma is its time.
        const tail = k === clauses.length - 1 ? trailingTime(view, clause.end, model) : undefined;
        const commitment = commitmentOf(clause, { said, turn, who, view, model, lead, tail });
        if (tail !== undefined && commitment.due !== undefined) after = Math.max(after, tail.to);
        // "I'll issue the refund right now and give you my direct line": the second promise shares
        // the first one's time when it has none of its own.
        if (commitment.due === undefined && previous?.due !== undefined && !previous.vague && !previous.event) {
          commitment.due = previous.due;
          commitment.vague = false;
        }
        // "I can refund the duplicate myself: I'm doing it now": "do it" is the time of the promise before it.
        const before = out.at(-1);
        // "I give you a gift card, I send it today by post": "it" is that gift card, and today is its time.
        const pointsBack = PRO_ACT.test(commitment.what) || PRO_OBJECT.test(commitment.what);
        if (
          pointsBack &&
          before !== undefined &&
          commitment.due !== undefined &&
          !commitment.vague &&
          (before.due === undefined || before.vague)
        ) {
          before.due = commitment.due;
          before.vague = commitment.vague;
          if (commitment.event === true) before.event = true;
        }
        if (PRO_ACT.test(commitment.what) && before !== undefined) return;
        if (asked && (commitment.due === undefined || commitment.vague === true)) return;
        // "ringing as I promised", "calling back like I said I would": an earlier promise kept, not a new one.
        if (KEEPING.test(commitment.what)) return;
        out.push(commitment);
        previous = commitment;
      });
    }
    // "I'll test it on a laptop and email you by 5": the first step is done by the time of the second.
    for (let i = out.length - 2; i >= madeBefore; i--) {
      const c = out[i] as Commitment;
      const next = out[i + 1] as Commitment;
      if (
        c.due === undefined &&
        next.due !== undefined &&
        !next.vague &&
        !next.event &&
        c.turn === next.turn &&
        c.end !== undefined &&
        next.start !== undefined &&
        /^[\s,]*(and|then)?\s*$/i.test(reply.slice(c.end, next.start))
      ) {
        c.due = next.due;
        c.vague = false;
      }
    }
    // "Call you by 10." "Checking now, call back by 11.": a call-back said without "I'll", with a time.
    for (const p of fragmentStarts(view, after, model)) {
      const { end } = clauseEnd(view, p, model);
      const commitment = commitmentOf(
        { verb: p, end: Math.max(end, p + 1), from: p },
        { said, turn, who: "self", view, model, lead: undefined },
      );
      if (commitment.due === undefined || commitment.vague) continue;
      // "Update by 3 pm": an update to the customer is a call-back.
      if (/^update$/i.test(commitment.what)) commitment.kind = "call-back";
      if (commitment.kind !== "call-back") continue;
      commitment.what = commitment.what[0]?.toLowerCase() + commitment.what.slice(1);
      out.push(commitment);
      after = end;
    }
  });
  return out;
}

/** Verbs of perceiving and understanding: after "can" they report, they do not promise. */
const PERCEIVE = /^(see|hear|tell|imagine|understand|appreciate|guess|feel|notice)$/;

/** "do it", "do that": a promise that only points back at the one before. */
const PRO_ACT = /^(do|sort) (it|that|this)$/i;
/** "send it", "post them": a promise about the thing the promise before named. */
const PRO_OBJECT = /^\S+ (it|them)$/i;

/** Words before a promise that make it nobody's promise, or not the trainee's. */
const NOT_MINE_BEFORE = /^(stop|quit|avoid|it|this|that|there|everything|nothing|something|which|what)$/;
/** A past frame: "I was sure I call you", "I thought we'd ring you" tell what was, not what will be. */
const PAST_FRAME = /^(was|were|thought|said|told|knew|believed|assumed|expected)$/;

function notOwnPromise(tokens: Token[], first: number, sentenceFrom: number, actor: Actor): boolean {
  const prev = first > sentenceFrom ? tokens[first - 1] : undefined;
  // "Stop calling us": a prohibition; "it'll get done", "it can be repaired": the thing, not the trainee.
  if (prev !== undefined && prev.type !== "punctuation" && NOT_MINE_BEFORE.test(prev.normal)) return true;
  // "when your looking for a new car": a verb with no subject of its own after a pronoun or noun is not an imperative.
  if (actor === "none" && prev !== undefined && prev.type !== "punctuation" && /^(PRON|DET|NOUN|PROPN|ADJ|NUM)$/.test(prev.pos))
    return true;
  for (let i = first - 1; i >= sentenceFrom; i--) {
    const t = tokens[i] as Token;
    if (t.type === "punctuation" || /^(and|but|so|then)$/.test(t.normal)) break;
    if (PAST_FRAME.test(t.normal)) return true;
  }
  return false;
}

/** "be repaired", "be replaced": the verb of the promise is a passive (but "be in touch", "be back" are promises). */
function isPassive(view: WordView, verb: number): boolean {
  const head = wordAt(view.tokens, view, verb);
  if (head.normal !== "be" || verb + 1 >= view.words.length) return false;
  const next = wordAt(view.tokens, view, verb + 1);
  return /(ed|en|wn)$/.test(next.normal) && next.pos === "VERB";
}

/** A time right after a clause, past a comma or colon only: "myself, right now at this desk", "by post, today". */
function trailingTime(view: WordView, end: number, model: ScoringModel): { from: number; to: number } | undefined {
  if (end >= view.words.length || !model.lexicon.has("time") || !afterComma(view, end)) return undefined;
  // Right after the comma, or past a short aside between commas: "fit it on loan, free, right now".
  for (let at = end; at < Math.min(view.words.length, end + 3); at++) {
    if (at > end && !afterComma(view, at)) continue;
    const found = timeAt(view, at, model);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Is word p preceded by a comma or colon, and nothing else? */
function afterComma(view: WordView, p: number): boolean {
  const { tokens, words } = view;
  const gap = tokens.slice((words[p - 1] as number) + 1, words[p] as number);
  return gap.length > 0 && gap.every((t) => t.text === "," || t.text === ":");
}

/** The time that starts at word `end`, if one does. */
function timeAt(view: WordView, end: number, model: ScoringModel): { from: number; to: number } | undefined {
  const { tokens, words } = view;
  const ahead: WordView = { tokens, words: words.slice(end, end + 6) };
  let found: { from: number; to: number } | undefined;
  for (const span of matchAll(refTo("time"), ahead, model.lexicon)) {
    if (span.from !== 0 && found === undefined) continue;
    if (found === undefined) found = { from: end, to: end + span.to };
    else if (end + span.from <= found.to && end + span.to > found.to) found.to = end + span.to;
  }
  return found;
}

const FRAGMENT_VERB = /^(call|ring|phone|email|e-mail|text|update|write)$/;

/** Where a subjectless call-back may start: at the sentence start or after a comma, "call you" / "call back" / "update". */
function fragmentStarts(view: WordView, after: number, model: ScoringModel): number[] {
  if (!model.lexicon.has("time")) return [];
  const { tokens, words } = view;
  const out: number[] = [];
  for (let p = Math.max(0, after); p < words.length; p++) {
    if (p > 0) {
      const gap = tokens.slice((words[p - 1] as number) + 1, words[p] as number);
      if (!gap.some((t) => t.text === ",")) continue;
    }
    const head = wordAt(tokens, view, p);
    const next = p + 1 < words.length ? wordAt(tokens, view, p + 1).normal : "";
    if (!FRAGMENT_VERB.test(head.normal)) continue;
    if (head.normal !== "update" && !/^(you|back)$/.test(next)) continue;
    out.push(p);
  }
  return out;
}

/** "We will call", "our team will call": said as us; "the manager will call" is another person's promise. */
function spokenByUs(tokens: Token[], first: number, sentenceFrom: number): boolean {
  let other = false;
  for (let i = first; i >= sentenceFrom && i >= first - 4; i--) {
    const t = tokens[i] as Token;
    if (/^(we|us|our|let's|lets)$/.test(t.normal)) return true;
    if (t.type === "punctuation") break;
    if (i < first && (t.pos === "NOUN" || t.pos === "PROPN" || (t.pos === "PRON" && t.normal !== "we"))) other = true;
  }
  return !other;
}

/** A time at the start of the sentence, before the promise: "Tomorrow at 8:30 I'll call them". */
function leadingTime(
  view: WordView,
  promiseFrom: number,
  model: ScoringModel,
  from = 0,
  anyClause = false,
): { from: number; to: number } | undefined {
  if (promiseFrom <= from || !model.lexicon.has("time")) return undefined;
  const { tokens, words } = view;
  // Only the promise's own clause: in "The producer is closed now, but tomorrow 8:30 I call them",
  // "now" is the producer's, and the time is "tomorrow 8:30"; "The page downloads straight away; I'll
  // test it" has no time for the test. "I'll call them then" points back past any break.
  let start = from;
  for (let q = promiseFrom - 1; q > from && !anyClause; q--) {
    const gap = tokens.slice((words[q - 1] as number) + 1, words[q] as number);
    if (CLAUSE_END.has(wordAt(tokens, view, q).normal) || /^(and|then|or)$/.test(wordAt(tokens, view, q).normal)) {
      start = q + 1;
      break;
    }
    if (gap.some((t) => t.text === ";" || t.text === ":" || CLAUSE_END.has(t.normal))) {
      start = q;
      break;
    }
  }
  if (start >= promiseFrom) return undefined;
  const before: WordView = { tokens, words: words.slice(start, promiseFrom) };
  let found: { from: number; to: number } | undefined;
  for (const span of matchAll(refTo("time"), before, model.lexicon)) {
    // The time nearest the promise: "Today I'll test the page, and tomorrow before 12 I write you".
    if (found !== undefined && start + span.from <= found.to + 1) {
      if (start + span.to > found.to) found.to = start + span.to;
    } else if (found === undefined || start + span.from > found.to + 1) found = { from: start + span.from, to: start + span.to };
  }
  return found;
}

function commitmentOf(
  clause: Clause,
  context: {
    said: SaidBack;
    turn: string;
    who: Actor;
    view: WordView;
    model: ScoringModel;
    lead: { from: number; to: number } | undefined;
    tail?: { from: number; to: number } | undefined;
  },
): Commitment {
  const { said, turn, who, view, model } = context;
  const { tail } = context;
  const { reply } = said;
  const { tokens, words } = view;
  const { verb, end } = clause;
  const clauseView: WordView = { tokens, words: words.slice(verb, end) };
  // In the order they are said: "by 4 this afternoon" starts at "by 4", not at the later match.
  const times = model.lexicon.has("time") ? [...matchAll(refTo("time"), clauseView, model.lexicon)].sort((a, b) => a.from - b.from) : [];
  // "keep the 10 o'clock call short": a time after "the" names a thing, it is not when.
  const time = times.find((t) => {
    const before = verb + t.from - 1 >= verb ? wordAt(tokens, view, verb + t.from - 1) : undefined;
    return !(
      before !== undefined &&
      /^(the|our|my|your|this|that)$/.test(before.normal) &&
      isClockWord(wordAt(tokens, view, verb + t.from), said.reply)
    );
  });
  const lead = context.lead ?? (time === undefined ? tail : undefined);
  const vagueTime = model.lexicon.has("vague-time") ? firstSpan(refTo("vague-time"), clauseView, model) : undefined;
  let event: number | undefined;
  let vagueAt: number | undefined;
  if (time === undefined && vagueTime === undefined && lead === undefined) {
    for (let p = verb + 1; p < end; p++) {
      const found = eventAt(view, p, end);
      if (found === "event") event = p;
      else if (found === "vague") vagueAt = p;
      if (found !== undefined) break;
    }
  }
  // "call them 8:30 tomorrow": a clock time just before the time found belongs to it.
  let timeFrom = time === undefined ? end : verb + time.from;
  while (time !== undefined && timeFrom - 1 > verb && isClockWord(tokens[words[timeFrom - 1] as number], reply)) timeFrom--;
  let whatEnd = end;
  if (time !== undefined) whatEnd = Math.min(whatEnd, timeFrom);
  if (vagueTime !== undefined) whatEnd = Math.min(whatEnd, verb + vagueTime.from);
  if (event !== undefined) whatEnd = Math.min(whatEnd, event);
  if (vagueAt !== undefined) whatEnd = Math.min(whatEnd, vagueAt);
  // Drop a dangling preposition before the time: "call you by" -> "call you".
  if (whatEnd < end) while (whatEnd - 1 > verb && /^(ADP|CCONJ)$/.test(wordAt(tokens, view, whatEnd - 1).pos)) whatEnd--;
  // Said back by the customer after "you said you'd": the verb in its base form ("refunding" -> "refund").
  const head = wordAt(tokens, view, verb);
  const base = head.pos === "VERB" || /ing$/.test(head.normal) ? head.lemma : normalisedText(said, head.start, head.end);
  const rest = whatEnd > verb + 1 ? normalisedText(said, wordAt(tokens, view, verb + 1).start, wordAt(tokens, view, whatEnd - 1).end) : "";
  let what = rest === "" ? base : `${base} ${rest}`;
  // A word the reading spelled out as a break it did not make ("the bc dealer" -> "because") is said back as typed.
  for (let p = verb + 1; p < whatEnd; p++) {
    const t = wordAt(tokens, view, p);
    if (CLAUSE_END.has(t.normal) && t.text.toLowerCase() !== t.normal) what = what.replace(new RegExp(`\\b${t.normal}\\b`), t.text);
  }
  const quoteStart = wordAt(tokens, view, clause.from).start;
  const quoteEnd = wordAt(tokens, view, end - 1).end;
  const commitment: Commitment = {
    turn,
    who,
    what,
    vague: (time === undefined && lead === undefined && event === undefined) || vagueTime !== undefined,
    kind: kindOf(what),
    quote: reply.slice(quoteStart, quoteEnd).replace(/^(and|then)\s+/i, ""),
    start: quoteStart,
    end: quoteEnd,
    status: "open",
  };
  if (commitment.quote !== reply.slice(quoteStart, quoteEnd)) commitment.start = quoteEnd - commitment.quote.length;
  if (time !== undefined || lead !== undefined) {
    // Adjoining time words belong together: "at 9 tomorrow", "first thing tomorrow morning".
    let dueFrom: number;
    let dueTo: number;
    if (time !== undefined) {
      dueFrom = verb + time.from;
      dueTo = verb + time.to;
      for (const t of times) if (verb + t.from <= dueTo + 1 && verb + t.to > dueTo) dueTo = verb + t.to;
      dueFrom = timeFrom;
      const prev = tokens[view.words[dueFrom - 1] as number];
      if (dueFrom - 1 >= verb && prev !== undefined && /^(by|before|at|until|within|in|on)$/.test(prev.normal)) dueFrom--;
    } else {
      const l = lead as { from: number; to: number };
      dueFrom = l.from;
      dueTo = l.to;
    }
    // The whole time: "by tomorrow noon", "on Friday afternoon", "by 12:30 at the latest".
    const limit = time !== undefined ? end : (lead as { to: number }).to + 3;
    for (;;) {
      const next = dueTo < limit && dueTo < words.length ? wordAt(tokens, view, dueTo) : undefined;
      const after = dueTo + 1 < limit && dueTo + 1 < words.length ? wordAt(tokens, view, dueTo + 1) : undefined;
      const third = dueTo + 2 < limit && dueTo + 2 < words.length ? wordAt(tokens, view, dueTo + 2) : undefined;
      if (isTimeWord(next)) dueTo++;
      else if (next?.normal === "at" && after?.normal === "the" && third?.normal === "latest") dueTo += 3;
      else if (next !== undefined && /^(at|the)$/.test(next.normal) && isTimeWord(after)) dueTo += 2;
      else break;
    }
    const due = normalisedText(said, wordAt(tokens, view, dueFrom).start, wordAt(tokens, view, dueTo - 1).end);
    commitment.due = lowerLead(due.replace(/[.,;:!?]+$/, ""));
    // "find out today why it fails", "I make now the priority flag": what follows the time is still the promise.
    const beforeTime = dueFrom - 1 >= verb ? wordAt(tokens, view, dueFrom - 1) : undefined;
    if (time !== undefined && dueTo < end && beforeTime !== undefined && /^(VERB|PART|ADP)$/.test(beforeTime.pos)) {
      const more = normalisedText(said, wordAt(tokens, view, dueTo).start, wordAt(tokens, view, end - 1).end).replace(/[.,;:!?]+$/, "");
      if (more !== "" && !/^(with|and|so|to)\b/i.test(more)) {
        const upTo = dueFrom - 1 > verb ? normalisedText(said, wordAt(tokens, view, verb + 1).start, beforeTime.end) : "";
        commitment.what = [base, upTo, more].filter((w) => w !== "").join(" ");
        commitment.kind = kindOf(commitment.what);
      }
    }
    // The rubric may read an event as a time ("the day it arrives"): it is still no clock time.
    if (EVENT_DUE.test(commitment.due)) commitment.event = true;
  } else if (event !== undefined) {
    const from = wordAt(tokens, view, event).start;
    const to = wordAt(tokens, view, end - 1).end;
    const spoken = normalisedText(said, from, to);
    // "the minute he's back": when the normalised words lose one, the words as typed are said back.
    const typed = reply.slice(from, to).replace(/\s+/g, " ").trim();
    const count = (text: string) => text.split(/\s+/).filter((w) => w !== "").length;
    commitment.due = (count(spoken) < count(typed) ? typed : spoken).replace(/[.,;:!?]+$/, "");
    commitment.event = true;
  }
  return commitment;
}

/** The state of the promises so far, for branch conditions and time skips. */
export function promiseState(ledger: readonly Commitment[]): "timed" | "vague" | "none" {
  if (ledger.some((c) => !c.vague)) return "timed";
  return ledger.length > 0 ? "vague" : "none";
}

/**
 * New promises into the ledger, each promise once: saying the same again (or a new call-back while
 * one is still open) updates the open promise instead of adding a second.
 */
export function addToLedger(ledger: readonly Commitment[], commitments: readonly Commitment[]): Commitment[] {
  const out = [...ledger];
  for (const c of commitments) {
    // A new call-back replaces the open one only in the same scene: "call you Monday at 10" made on
    // Wednesday is still its own promise when, on Monday, "I'll call you back by 12" is made.
    const same = (o: Commitment) =>
      o.status === "open" &&
      o.who === c.who &&
      (samePromise(o.what, c.what) ||
        (o.kind === "call-back" && c.kind === "call-back" && (o.madeAt === c.madeAt || (o.dueAt !== undefined && o.dueAt === c.dueAt))));
    // Within one reply two call-backs are two promises ("I'll ring you at 11 and text you at 3").
    const at = out.findIndex((o) => same(o) && o.turn !== c.turn);
    if (at < 0) out.push(c);
    else {
      const prior = out[at] as Commitment;
      // A restatement without a time keeps the time already promised.
      out[at] =
        c.vague && !prior.vague ? { ...prior, quote: c.quote, turn: c.turn, start: c.start, end: c.end } : { ...c, id: prior.id ?? c.id };
    }
  }
  return out;
}

const MAY_HAPPEN = /^(will|would|should|could|might|may|can|must|shall|going|if|when|once|until|hopefully)$/;

/** Words that say nothing of which promise it is. */
const LIGHT = new Set([
  "be",
  "have",
  "do",
  "get",
  "make",
  "take",
  "give",
  "put",
  "the",
  "a",
  "an",
  "you",
  "your",
  "it",
  "them",
  "myself",
  "ourselves",
  "our",
  "my",
  "for",
  "with",
  "to",
  "of",
  "on",
  "in",
  "and",
  "this",
  "that",
  "same",
  "day",
]);

function contentWords(what: string): string[] {
  return what
    .toLowerCase()
    .split(/[^a-z0-9$'-]+/)
    .filter((w) => w.length > 2 && !LIGHT.has(w));
}

/** The same promise in other words: "chase the bank myself same day" and "chase the bank myself". */
export function samePromise(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const [verbA, ...restA] = a.toLowerCase().split(/\s+/);
  const [verbB, ...restB] = b.toLowerCase().split(/\s+/);
  if (verbA !== verbB) return false;
  const wordsA = contentWords(restA.join(" "));
  const wordsB = new Set(contentWords(restB.join(" ")));
  return wordsA.length > 0 && wordsA.some((w) => wordsB.has(w));
}

/**
 * Promises the reply reports done ("I've just processed the $349 refund", "I've posted the liners to
 * you"): an open promise from an earlier turn that shares a word with what was done is kept, now.
 */
export function keptByReport(
  ledger: readonly Commitment[],
  reply: string,
  turn: string,
  model: ScoringModel,
  analysis = analyze(reply, model.vocabulary),
): Commitment[] {
  const names = ["done", "done-passive", "delivered-passive", "delivered"].filter((n) => model.lexicon.has(n));
  if (names.length === 0 || !ledger.some((c) => c.status === "open" || c.status === "due")) return [...ledger];
  const { tokens } = analysis;
  const stance = stanceOf(analysis);
  const doneWords: string[] = [];
  analysis.sentences.forEach((sentence, s) => {
    if (sentence.question || stance.hypothetical[s] === true) return;
    const words: number[] = [];
    for (let i = sentence.from; i < sentence.to; i++) if ((tokens[i] as Token).type !== "punctuation") words.push(i);
    const view: WordView = { tokens, words };
    let done = false;
    for (const name of names) {
      for (const span of matchAll(refTo(name), view, model.lexicon)) {
        const inSpan = words.slice(span.from, span.to);
        if (inSpan.some((w) => stance.asked[w] === 1 || stance.reported[w] === 1 || (tokens[w] as Token).negator >= 0)) continue;
        // "it should be sorted soon": what may happen is not done.
        const before = words.slice(Math.max(0, span.from - 3), span.from).map((w) => (tokens[w] as Token).normal);
        if (before.some((w) => MAY_HAPPEN.test(w))) continue;
        done = true;
      }
    }
    if (!done) return;
    for (const w of words) {
      const t = tokens[w] as Token;
      doneWords.push(t.lemma.toLowerCase(), t.normal);
    }
  });
  if (doneWords.length === 0) return [...ledger];
  const said = new Set(doneWords);
  return ledger.map((c) => {
    if ((c.status !== "open" && c.status !== "due") || c.turn === turn || (c.who !== "self" && c.who !== "team")) return c;
    const [verb = "", ...rest] = c.what.toLowerCase().split(/\s+/);
    const words = [...(LIGHT.has(verb) ? [] : [verb]), ...contentWords(rest.join(" "))];
    // A call-back is kept only by the call itself, which no reply can report.
    if ((c.kind ?? kindOf(c.what)) === "call-back" || !words.some((w) => said.has(w))) return c;
    return { ...c, status: "kept", cameDue: turn };
  });
}

export interface Skip {
  /** The turn the skip leads to. */
  turn: string;
  /** Where the story clock lands; undefined when the skip could not be read. */
  at: number | undefined;
  /** What became of the promises that came due, by kind (default due). */
  outcomes?: Partial<Record<CommitmentKind, "kept" | "missed" | "due">>;
}

/**
 * At a time skip, the open promises whose time has come come due: those with a clock time before the
 * skip lands, those without a time the clock can read, and vague ones. A promise tied to an event
 * ("the day it arrives") stays open. Each promise comes due once, however many skips follow.
 */
export function comeDue(ledger: readonly Commitment[], skip: Skip): Commitment[] {
  return ledger.map((c) => {
    if (c.status !== "open") return c;
    if (c.event === true) return c;
    if (c.dueAt !== undefined && skip.at !== undefined && c.dueAt > skip.at) return c;
    // What the scenario says became of it applies to promises with a time; one without a time is
    // simply due: nobody can say it was kept, and the customer may call it out.
    const status = c.vague ? "due" : (skip.outcomes?.[c.kind ?? kindOf(c.what)] ?? "due");
    return { ...c, status, cameDue: skip.turn };
  });
}
