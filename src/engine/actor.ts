/**
 * Who acts in a clause: "I'll call" (self), "we will look into it" (team), "you need to email"
 * (customer), "the producer decides" (third party), "leave it with me" (none: an imperative).
 * A light reading of the words before the verb, good enough for the short sentences of a reply.
 */
import type { Token } from "./analyze.js";

export type Actor = "self" | "team" | "customer" | "third-party" | "none";

const SUBJECTS: Record<string, Actor> = {
  i: "self",
  we: "team",
  you: "customer",
  he: "third-party",
  she: "third-party",
  they: "third-party",
  someone: "third-party",
  somebody: "third-party",
  nobody: "third-party",
  everyone: "third-party",
};

/** The company's own people and places, whoever's desk they sit at. */
const STAFF = new Set([
  "team",
  "department",
  "manager",
  "colleague",
  "supervisor",
  "technician",
  "tech",
  "engineer",
  "staff",
  "mechanic",
  "adviser",
  "advisor",
  "billing",
  "accounts",
  "finance",
  "crew",
  "crews",
  "depot",
  "workshop",
  "office",
  "store",
  "shop",
]);

/** Words that belong to the verb group and sit between a subject and its verb. */
const VERB_GROUP = new Set(["AUX", "PART", "ADV", "VERB"]);
const CLAUSE_BREAK = new Set([
  ".",
  ";",
  ":",
  "!",
  "?",
  "-",
  "–",
  "—",
  "but",
  "because",
  "although",
  "though",
  "while",
  "if",
  "so",
  "whatever",
  "when",
]);
const COORDINATION = new Set(["and", "then", ",", "or"]);

function isBreak(token: Token): boolean {
  return CLAUSE_BREAK.has(token.normal) || token.type === "tabCRLF";
}

/** The actor of a pronoun or noun standing as subject at index i. */
function subjectAt(tokens: Token[], i: number, from: number): Actor | undefined {
  const token = tokens[i] as Token;
  const direct = SUBJECTS[token.normal];
  if (direct !== undefined) return direct;
  if (token.normal === "me" || token.normal === "us") {
    // "let me call", "let us check": the speaker acts; "Raj and me will call" too.
    const before = tokens[i - 1];
    if (i - 1 >= from && before?.normal === "let") return token.normal === "me" ? "self" : "team";
    if (i - 1 >= from && before?.normal === "and" && /^(AUX|VERB)$/.test(tokens[i + 1]?.pos ?? ""))
      return token.normal === "me" ? "self" : "team";
    return undefined;
  }
  if (token.pos === "NOUN" || token.pos === "PROPN") {
    // "our team", "my colleague": still us; "the producer", "your bank": someone else.
    for (let j = i - 1; j >= from && j >= i - 3; j--) {
      const t = tokens[j] as Token;
      if (t.normal === "our") return "team";
      if (t.normal === "my" && /^(colleague|manager|team|boss)$/.test(token.lemma)) return "team";
      if (t.pos !== "ADJ" && t.pos !== "NOUN" && t.pos !== "PROPN") break;
    }
    // "The web team will test it today", "the crew will collect it": the company's own people.
    if (STAFF.has(token.lemma)) return "team";
    return "third-party";
  }
  if (token.pos === "PRON" && /^(it|this|that|there|what|which|who)$/.test(token.normal)) return "none";
  return undefined;
}

/** Words that can open a reply before a verb whose subject is left out: "ok, will call you at 5". */
const OPENERS = new Set([
  "ok",
  "okay",
  "yes",
  "yeah",
  "yep",
  "sure",
  "right",
  "so",
  "also",
  "and",
  "then",
  "now",
  "no",
  "well",
  "oh",
  "fine",
  "great",
  "absolutely",
  "definitely",
  "thanks",
  "done",
  "hi",
  "hello",
  "morning",
  "good",
]);
const IRREGULAR_PAST = new Set([
  "rang",
  "spoke",
  "sent",
  "put",
  "got",
  "found",
  "made",
  "told",
  "gave",
  "took",
  "sorted",
  "done",
  "brought",
  "caught",
  "left",
  "paid",
  "set",
  "kept",
  "heard",
  "bought",
  "went",
]);

/** Is this a verb form that says who acts without a subject: a modal, "-ing" or a past form? */
function subjectless(token: Token): boolean {
  if (token.pos === "AUX") return /^(will|shall|can|would|could|have|am|be)$/.test(token.normal) || token.normal === "going";
  if (token.pos !== "VERB" && !(token.pos === "NOUN" && /ing$/.test(token.normal))) return false;
  return /ing$/.test(token.normal) || (token.normal !== token.lemma && /ed$/.test(token.normal)) || IRREGULAR_PAST.has(token.normal);
}

/**
 * Hurried replies leave the subject out: "will call you tmrw", "Refunding it now", "Called them at
 * 10:25". With nothing but openers ("ok", "yes") before it, such a verb is the speaker's own.
 * A bare verb ("Call the bank") is an imperative, so it stays without an actor.
 */
function elided(tokens: Token[], index: number, sentenceFrom: number): Actor {
  // The clause starts after the last comma or colon: "ok no problem, doing the refund now".
  let first = sentenceFrom;
  for (let k = index - 1; k > sentenceFrom; k--) {
    if (/^[,:;–—-]$/.test((tokens[k] as Token).text)) {
      first = k + 1;
      break;
    }
  }
  while (first < index && (OPENERS.has((tokens[first] as Token).normal) || (tokens[first] as Token).type === "punctuation")) first++;
  for (let k = first; k < index; k++) if (!VERB_GROUP.has((tokens[k] as Token).pos)) return "none";
  const head = tokens[first] as Token;
  // "Can you call back this afternoon?": the subject comes after the modal in a question.
  const after = tokens[first + 1];
  if (head.pos === "AUX" && after !== undefined && SUBJECTS[after.normal] !== undefined) return SUBJECTS[after.normal] as Actor;
  if (!subjectless(head)) return "none";
  return gerundSubject(tokens, first) ? "none" : "self";
}

/** Words that end the clause a gerund may be the subject of. */
const CLAUSE_END = new Set(["and", "but", "so", "because", "then", "while", "or"]);

/**
 * "Ringing every day won't make it go any faster", "getting upset won't help": an "-ing" word with a
 * verb of its own later in the clause is the subject of that verb, not a step left without "I".
 */
function gerundSubject(tokens: Token[], head: number): boolean {
  const start = tokens[head] as Token;
  if (!/ing$/.test(start.normal)) return false;
  for (let k = head + 1; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    const clauseEnds = t.sentence !== start.sentence || isBreak(t) || CLAUSE_END.has(t.normal) || t.type === "punctuation";
    if (clauseEnds || t.pos === "PRON") return false;
    if (t.pos === "AUX") return true;
  }
  return false;
}

/**
 * The actor of the verb at `index`, looking back within its clause. Coordinated verbs share
 * their subject: in "I'll ring them first thing tomorrow and call you", I call.
 */
export function actorOf(tokens: Token[], index: number, sentenceFrom: number, depth = 0): Actor {
  let j = index - 1;
  // A pronoun at the head of the match is its own actor: "I will call".
  const head = tokens[index] as Token;
  // "Let me call", "let us check": the speaker acts.
  if (head.normal === "let") {
    const object = tokens[index + 1]?.normal;
    if (object === "me") return "self";
    if (object === "us") return "team";
  }
  const own = head.pos === "PRON" || head.pos === "NOUN" || head.pos === "PROPN" ? subjectAt(tokens, index, sentenceFrom) : undefined;
  if (own !== undefined && head.pos === "PRON") return own;
  while (j >= sentenceFrom && VERB_GROUP.has((tokens[j] as Token).pos) && !isBreak(tokens[j] as Token)) j--;
  if (j < sentenceFrom) return elided(tokens, index, j + 1);
  const before = tokens[j] as Token;
  if (isBreak(before)) return elided(tokens, index, j + 1);
  const subject = subjectAt(tokens, j, sentenceFrom);
  if (subject !== undefined) return subject;
  if (COORDINATION.has(before.normal) && depth < 4) {
    // Find the previous verb in the clause and take its subject.
    for (let k = j - 1; k >= sentenceFrom; k--) {
      const t = tokens[k] as Token;
      if (isBreak(t)) break;
      if (t.pos === "VERB" || t.pos === "AUX") return actorOf(tokens, k, sentenceFrom, depth + 1);
    }
  }
  return elided(tokens, index, sentenceFrom);
}
