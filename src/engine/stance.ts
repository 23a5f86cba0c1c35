/**
 * Whose words, and said how: a reply often carries words that are not the trainee's own claim.
 *
 *   quoted       'those "tomorrow" texts', "it works here" in quotation marks
 *   reported     "you were told it works on our side", "the message said tomorrow", "I said I'd call"
 *   not asserted "I'm not going to tell you it works here" (a negated verb of saying)
 *   disowned     a sentence that judges what happened as wrong: "...was wrong", "should never have gone out"
 *   hypothetical "I would ring them if we weren't so busy", "we might have sorted it if...",
 *                "Right, and I suppose I'll fly out to B.C. myself as well?"
 *   offer        a commitment inside a question: "would it help if I fitted the spare today?"
 *
 * Flags and commitments are read only from the trainee's own assertions; the rest still counts where
 * it shows understanding ("you were told a few days, and nothing happened" acknowledges the customer).
 * Pure: an analysis in, marks out.
 */
import type { Analysis, Token } from "./analyze.js";

export interface Stance {
  /** Per token: 1 when the words are quoted, reported or not asserted. */
  reported: Uint8Array;
  /** Per sentence. */
  disowned: boolean[];
  /**
   * Per token: 1 in a clause that judges what happened as wrong. "Sorry about that, it's just an
   * automated message": the apology is one clause, the excuse another.
   */
  disownedWords: Uint8Array;
  /** Per sentence: true when the whole sentence is imagined, not said. */
  hypothetical: boolean[];
  /**
   * Per token: 1 in a clause that imagines rather than says. "I shouldn't have said first thing, but
   * the crew will collect it before noon": the first clause is imagined, the second is a commitment.
   */
  imagined: Uint8Array;
  /** Per token: 1 when it sits in the clause a question mark closes. */
  asked: Uint8Array;
}

const QUOTES = /"[^"\n]{1,200}"|“[^”\n]{1,200}”|‘[^’\n]{1,200}’|(?<![\p{L}\d])'[^'\n]{1,200}'(?![\p{L}\d])/gu;

/** Verbs that report what someone said, in the forms that report (not "I promise to call"). */
const REPORTING = new Set([
  "told",
  "said",
  "promised",
  "claimed",
  "assured",
  "informed",
  "advised",
  "says",
  "claims",
  "reads",
  "read",
  "stated",
  "wrote",
  "replied",
  "answered",
  "insisted",
  "offered",
  // What earlier words stood for: "'it works here' only meant it works on my machine"; "I meant to call".
  "meant",
]);
const SAYING = new Set(["tell", "say", "pretend", "claim", "insist", "suggest", "blame", "promise", "guarantee"]);
/** Nouns whose content is what someone else said: "the answer you got", "the message you received". */
const MESSAGES = new Set([
  "answer",
  "reply",
  "message",
  "messages",
  "text",
  "texts",
  "response",
  "email",
  "emails",
  "note",
  "letter",
  "notification",
  "update",
  "advice",
  "information",
  "info",
]);
const GOT = new Set(["get", "receive", "hear", "have", "see"]);

const DISOWNING = [
  /\bwrong\b/,
  /\bnot (?:true|right|good enough|acceptable|okay|ok|on|an answer|fair|helpful)\b/,
  /\bwas(?:n't| not) (?:an answer|true|right|good enough|acceptable|fair|helpful)\b/,
  /\buntrue\b/,
  /\b(?:was|is|were|be) no (?:answer|help|excuse|use|good)\b/,
  /\bshould (?:never|not) have\b/,
  /\bshouldn'?t have\b/,
  /\bnever should have\b/,
  /\bmistakes?\b/,
  /\bunacceptable\b/,
  /\bno excuse\b/,
  /\bmissed the point\b/,
  /\bmy bad\b/,
  /\b(?:our|my) fault\b/,
  /\bon us\b/,
  /\b(?:i|we) (?:apologi[sz]e|am sorry|are sorry) (?:for|that|about)\b/,
  /\bapologi[sz]e for\b/,
  /\bsorry (?:for|that|about) (?:the|those|that|this|our|my)\b/,
  /\b(?:not going to|won't|will not|never) (?:tell|say|pretend|give you)\b/,
  /\b(?:rubbish|nonsense|useless|pointless|meaningless)\b/,
  /\b(?:we|i) got (?:it|this|that) wrong\b/,
  /\bdropped the ball\b/,
  /\blet you down\b/,
];

/** Counterfactuals: what would have been. They reach over their own clause. */
const COUNTERFACTUAL = [
  // "You shouldn't have to carry messages" says what is owed now, not what might have been.
  /\b(?:would|could|might|must)(?: not|n't)? have\b/,
  /\bshould(?: not|n't)? have\b(?! to\b)/,
  /\b(?:i|we|you|they|he|she|it)'d have\b/,
  /\bif (?:i|we|you|they|someone|somebody|anyone|it) (?:had|'d)\b/,
  /\bhad (?:i|we|they|you) (?:known|called|checked|looked|asked|done)\b/,
  /\bif only\b/,
];

/** Sarcasm and mock offers: they turn the whole sentence. */
const SARCASM = [
  /\bi suppose i(?:'ll| will)\b[^.!]*\?/,
  /\bi guess i(?:'ll| will)\b/,
  /\b(?:oh|yeah) (?:sure|right)\b/,
  /^(?:sure|right|oh|yeah),? and\b/,
  /\bas if\b/,
  /\bshould i also\b/,
  /\bam i supposed to\b/,
  /\bhow am i supposed\b/,
  /\bwhat (?:do|would) you (?:want|expect) me to\b/,
  /\b(?:want|expect) me to [^?]{0,60}(?:myself|too|as well|also)\?/,
  /\b(?:myself|too|as well|also) as well\?/,
  /\bas well\?\s*$/,
  // "Yeah, because I'll fit it myself, won't I?": sarcasm, not a promise.
  /\bwon't i\?/,
  /\bwill i\?\s*$/,
  /^(?:yeah|yes|oh|sure|right|of course|ok|okay)\b[ ,]*(?:because|cos|sure|right|and|of course)\b/,
];

/** "I would ring them if we weren't so short-staffed", "I could chase them if the system let me": a wish, not a commitment. */
const CONDITIONAL_WOULD =
  /\b(?:i|we)(?: would| could|'d| might| may)(?! (?:like|love|prefer|be (?:happy|glad|pleased|delighted)|suggest|recommend|rather|say|expect|imagine|feel|think|be annoyed|be fed up|be frustrated|be furious|be angry|be livid|be gutted|be upset))\b[^.!?]*\bif\b(?! (?:you|that(?:'s| is| would| helps)|it (?:helps|suits|works)|needed|necessary|possible)\b)/;

/** Each list as one expression: a sentence is read once, not once per pattern. */
const DISOWNING_GLOBAL = new RegExp(DISOWNING.map((re) => `(?:${re.source})`).join("|"), "g");
const COUNTERFACTUAL_GLOBAL = new RegExp([...COUNTERFACTUAL, CONDITIONAL_WOULD].map((re) => `(?:${re.source})`).join("|"), "g");
const SARCASM_ANY = new RegExp(SARCASM.map((re) => `(?:${re.source})`).join("|"));

/** Words that may open a clause before its verb: "Hello, can I take...", "and could you...". */
const CLAUSE_OPENERS = new Set(["and", "so", "ok", "okay", "hello", "hi", "also", "then", "but", "please", "oh", "sorry", "right"]);

/**
 * Earlier clauses of a question that are questions too: in "Hello, can I take your order number
 * please, and what's the issue today?" the first clause asks, with its verb before its subject.
 */
function markInvertedClauses(tokens: Token[], from: number, to: number, asked: Uint8Array): void {
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i < to && !/^[,;:–—-]$/.test((tokens[i] as Token).text)) continue;
    let head = start;
    while (head < i && CLAUSE_OPENERS.has((tokens[head] as Token).normal)) head++;
    const verb = tokens[head];
    const subject = tokens[head + 1];
    if (head + 1 < i && verb?.pos === "AUX" && subject?.pos === "PRON") for (let k = start; k < i; k++) asked[k] = 1;
    start = i + 1;
  }
}

export function stanceOf(analysis: Analysis): Stance {
  const { text, tokens, sentences } = analysis;
  const reported = new Uint8Array(tokens.length);
  const asked = new Uint8Array(tokens.length);
  // Quoted words.
  const spans: Array<[number, number]> = [];
  for (const m of matchesIn(text, QUOTES)) spans.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  if (spans.length > 0) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (spans.some(([s, e]) => t.start >= s && t.end <= e)) reported[i] = 1;
    }
  }
  const disowned: boolean[] = [];
  const hypothetical: boolean[] = [];
  const imagined = new Uint8Array(tokens.length);
  const disownedWords = new Uint8Array(tokens.length);
  for (const sentence of sentences) {
    const { text: lowered, starts } = lowerText(tokens, sentence.from, sentence.to);
    disowned.push(markClauses(tokens, sentence.from, sentence.to, lowered, starts, DISOWNING_GLOBAL, disownedWords));
    hypothetical.push(markImagined(tokens, sentence.from, sentence.to, lowered, starts, imagined));
    markReported(tokens, sentence.from, sentence.to, reported);
    if (sentence.question) {
      // The question mark closes the last clause: "I'm ringing the depot now, ok if I call you by 12?"
      let from = sentence.to - 1;
      while (from > sentence.from && !/^[,;:–—-]$/.test((tokens[from - 1] as Token).text)) from--;
      for (let i = from; i < sentence.to; i++) asked[i] = 1;
      markInvertedClauses(tokens, sentence.from, from, asked);
    }
  }
  return { reported, disowned, disownedWords, hypothetical, imagined, asked };
}

/**
 * The sentence in normal forms, contractions spelled out, so "wasn't" and "was not" read alike, and
 * "will not" and "I would have" read as "won't" and "I'd have"; with where each token starts in it.
 */
function lowerText(tokens: Token[], from: number, to: number): { text: string; starts: number[] } {
  let out = "";
  const starts: number[] = [];
  for (let i = from; i < to; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1]?.normal;
    const joined =
      i > from &&
      ((tokens[i - 1]?.normal === "will" && t.normal === "not") ||
        (t.normal === "would" && next === "have" && PRONOUN.test(tokens[i - 1]?.normal ?? "")));
    if (i > from && t.type !== "punctuation" && !joined) out += " ";
    starts.push(out.length);
    if (t.normal === "will" && next === "not" && i + 1 < to) out += "won'";
    else if (joined && t.normal === "not") out += "t";
    else if (joined) out += "'d";
    else out += t.type === "punctuation" ? t.text : t.normal;
  }
  return { text: out, starts };
}

const PRONOUN = /^(i|we|you|they|he|she|it)$/;

/**
 * The matches of a global expression in the text. Most sentences have none: a plain test says so
 * without the copy of the expression `matchAll` makes.
 */
function matchesIn(text: string, pattern: RegExp): Iterable<RegExpMatchArray> {
  let any = ANY.get(pattern);
  if (any === undefined) {
    any = new RegExp(pattern.source, pattern.flags.replace("g", ""));
    ANY.set(pattern, any);
  }
  return any.test(text) ? text.matchAll(pattern) : [];
}

/** Each global expression's twin without the flag, for `test`. */
const ANY = new Map<RegExp, RegExp>();

/** Marks the clauses (split at commas before a subject too) where `pattern` matches; true when any does. */
function markClauses(
  tokens: Token[],
  from: number,
  to: number,
  lowered: string,
  starts: number[],
  pattern: RegExp,
  marks: Uint8Array,
): boolean {
  let any = false;
  let breaks: number[] | undefined;
  for (const m of matchesIn(lowered, pattern)) {
    breaks ??= clauseBreaks(tokens, from, to, true);
    const at = tokenAt(starts, from, to, m.index ?? 0);
    const clause = clauseAround(breaks, from, to, at);
    marks.fill(1, clause.from, clause.to);
    any = true;
  }
  return any;
}

/** The token of the sentence [from, to) whose text starts at or before `offset` of its lowered text. */
function tokenAt(starts: number[], from: number, to: number, offset: number): number {
  let at = from;
  while (at + 1 < to && (starts[at + 1 - from] as number) <= offset) at++;
  return at;
}

/** Words that end the clause an imagined part sits in: "I'd have called, but I'll call you now". */
const CLAUSE_BREAK = new Set(["but", "however", ";", "–", "—"]);

const SUBJECT = /^(i|we|you|they|he|she|it|will)$/;
/** "I'll refund it now and it'll be back tonight": a new subject after "and" starts a clause of its own. */
const AND_SUBJECT = /^(i|we|you|they|he|she|it)$/;

/**
 * Where the clauses of the sentence [from, to) start: at "but", "however", a semicolon or a dash, and
 * at "and I"/"and we" ("We should have collected it, and I'll ring the depot now"). With `commas`, also
 * at a comma before a subject ("ill refund it now, will be back tmrw"). With `newSubjects`, at "and"
 * before any subject ("I'll refund it now and it'll be back tonight"); a disowning ("they should
 * never have gone out") reaches back over such an "and" to what it judges.
 */
export function clauseBreaks(tokens: Token[], from: number, to: number, commas: boolean, newSubjects = false): number[] {
  const breaks: number[] = [];
  for (let i = from + 1; i < to; i++) {
    const t = tokens[i] as Token;
    const next = tokens[i + 1]?.normal ?? "";
    if (CLAUSE_BREAK.has(t.type === "punctuation" ? t.text : t.normal)) breaks.push(i);
    else if (t.normal === "and" && (newSubjects ? AND_SUBJECT : /^(i|we)$/).test(next)) breaks.push(i);
    else if (commas && t.text === "," && SUBJECT.test(next)) breaks.push(i);
  }
  return breaks;
}

/** The clause [from, to) of the sentence that token `at` sits in, given the sentence's clause breaks. */
export function clauseAround(breaks: number[], from: number, to: number, at: number): { from: number; to: number } {
  return { from: breaks.filter((b) => b <= at).pop() ?? from, to: breaks.find((b) => b > at) ?? to };
}

/**
 * Marks the clauses that imagine rather than say ("we should have called", "if I'd known", sarcasm);
 * true when they make up the whole sentence.
 */
function markImagined(tokens: Token[], from: number, to: number, lowered: string, starts: number[], imagined: Uint8Array): boolean {
  const breaks = clauseBreaks(tokens, from, to, false);
  if (SARCASM_ANY.test(lowered)) {
    imagined.fill(1, from, to);
    return true;
  }
  let whole = false;
  for (const m of matchesIn(lowered, COUNTERFACTUAL_GLOBAL)) {
    const at = tokenAt(starts, from, to, m.index ?? 0);
    const { from: clauseFrom, to: clauseTo } = clauseAround(breaks, from, to, at);
    for (let i = clauseFrom; i < clauseTo; i++) imagined[i] = 1;
    if (clauseFrom === from && clauseTo === to) whole = true;
  }
  if (!whole && breaks.length > 0) {
    // Every clause imagined is the whole sentence imagined.
    whole = true;
    for (let i = from; i < to; i++) if (imagined[i] !== 1 && !breaks.includes(i)) whole = false;
  }
  return whole;
}

const CLAUSE_END = new Set(["but", "however", "although", "though", "whereas", "so"]);

/** Marks words that report what someone else said, from the reporting word to the end of its clause. */
function markReported(tokens: Token[], from: number, to: number, reported: Uint8Array): void {
  for (let i = from; i < to; i++) {
    const t = tokens[i] as Token;
    let start = -1;
    if (REPORTING.has(t.normal) && !isNotAReport(tokens, i, from)) start = i + 1;
    // "I did say I'd call you back by noon": an earlier promise told, not a new one.
    else if (t.lemma === "say" && i > from && tokens[i - 1]?.normal === "did") start = i + 1;
    else if (SAYING.has(t.lemma) && t.negator >= 0) start = i + 1;
    // "without you we'd still be telling people it works here": what we would be saying, not what we say.
    else if ((t.normal === "telling" || t.normal === "saying") && wouldBe(tokens, i, from)) start = i + 1;
    // "an answer that it works on our side", "the text saying tomorrow": what the message said.
    else if (MESSAGES.has(t.normal) && /^(that|saying)$/.test(tokens[i + 1]?.normal ?? "")) start = i + 2;
    else if (MESSAGES.has(t.normal) && GOT.has(tokens[i + 2]?.lemma ?? "") && /^(you|we|they|he|she)$/.test(tokens[i + 1]?.normal ?? "")) {
      // "the answer you got (last time) was wrong": the noun phrase is what they were told.
      start = i;
    }
    if (start < 0) continue;
    let j = start;
    for (; j < to; j++) {
      const u = tokens[j] as Token;
      if (u.type === "punctuation" && /^[.;:!?–—]$/.test(u.text)) break;
      if (CLAUSE_END.has(u.normal)) break;
      // "..., and I'm sorry that happened": a new clause of the trainee's own.
      if (u.normal === "and" && /^(i|we)$/.test(tokens[j + 1]?.normal ?? "")) break;
      if (u.type === "punctuation" && u.text === "," && /^(i|we)$/.test(tokens[j + 1]?.normal ?? "") && j > start + 1) break;
      reported[j] = 1;
    }
    i = j;
  }
}

/** Is the word at i the -ing of "would (still) be ...": "we'd still be telling people"? */
function wouldBe(tokens: Token[], i: number, from: number): boolean {
  let k = i - 1;
  if (k < from || tokens[k]?.normal !== "be") return false;
  k--;
  if (k >= from && /^(still|just|probably|all)$/.test(tokens[k]?.normal ?? "")) k--;
  return k >= from && /^(would|'d)$/.test(tokens[k]?.normal ?? "");
}

/**
 * "Read" reports only what a message reads: "the text read 'tomorrow'", not "I read your email". And
 * "like I said, ..." ("as I told you") is the trainee saying it again, now: "like i said its with them, nothing i can do".
 */
function isNotAReport(tokens: Token[], i: number, _from: number): boolean {
  const t = tokens[i] as Token;
  // "as I told you when I rang back yesterday, ...", "like we promised": said again now, in the trainee's own voice.
  if (
    /^(said|told|mentioned|promised)$/.test(t.normal) &&
    /^(i|we)$/.test(tokens[i - 1]?.normal ?? "") &&
    /^(like|as)$/.test(tokens[i - 2]?.normal ?? "")
  )
    return true;
  if (t.normal !== "read" && t.normal !== "reads") return false;
  return !MESSAGES.has(tokens[i - 1]?.normal ?? "");
}
