/**
 * Text transformations for the metamorphic suite: the ways trainees really type a reply
 * (shared/calibration/README.md: "ok ill ring u 2moro b4 10"), and the edits whose effect on a
 * score is known. Every function is deterministic given its random source.
 */
import { pick, type Random, shuffled } from "../helpers/random.js";

/** Sentences of a reply: split after . ! ? when a capital follows, so "B.C. myself" and "8:30." stay whole. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const part of text.trim().split(/(?<=[.!?])\s+/)) {
    if (out.length > 0 && !/^["'‘“(]?[A-Z0-9]/.test(part)) out[out.length - 1] = `${out[out.length - 1]} ${part}`;
    else out.push(part);
  }
  return out.filter((s) => s !== "");
}

export function joinSentences(list: readonly string[]): string {
  return list
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .join(" ");
}

/** Tidies the gaps an edit leaves: double spaces, a space before punctuation, an empty clause. */
export function tidy(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/\s+([.,;:!?])/g, "$1")
    .replace(/([,;:])(?=[.!?])/g, "")
    .replace(/,\s*,/g, ",")
    .replace(/(^|[.!?]\s)[,;:]\s*/g, "$1")
    .trim();
}

/** First letter upper case. */
export function capitalise(text: string): string {
  return text.replace(/^(\s*["'‘“(]?)([a-z])/, (_m, lead: string, first: string) => lead + first.toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// Apostrophes and casual typing

/** The reply without apostrophes, as typed in a hurry: "Ill", "Im", "cant", "dont", "youre". */
export function withoutApostrophes(text: string): string {
  return text.replace(/['’]/g, "");
}

const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

function neighbours(letter: string): string[] {
  const lower = letter.toLowerCase();
  for (let r = 0; r < KEYBOARD_ROWS.length; r++) {
    const row = KEYBOARD_ROWS[r] as string;
    const c = row.indexOf(lower);
    if (c < 0) continue;
    const out: string[] = [];
    if (c > 0) out.push(row[c - 1] as string);
    if (c + 1 < row.length) out.push(row[c + 1] as string);
    return out;
  }
  return [];
}

/** One keyboard slip in a word: a neighbouring key, two letters swapped, a letter dropped or doubled. Keeps the first letter. */
export function typo(word: string, random: Random): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 4);
  const letter = word[i] as string;
  switch (kind) {
    case 0: {
      const near = neighbours(letter);
      if (near.length === 0) return word;
      return word.slice(0, i) + pick(near, random) + word.slice(i + 1);
    }
    case 1:
      return word.slice(0, i) + (word[i + 1] ?? "") + letter + word.slice(i + 2);
    case 2:
      return word.slice(0, i) + word.slice(i + 1);
    default:
      return word.slice(0, i) + letter + word.slice(i);
  }
}

/** Words a typo is never put in: the small words, and texting forms (they are typed on purpose). */
const FUNCTION_WORDS = new Set(
  "the a an and or but so to of in on at by for with from into about as if then than that this these those there their they them it its is are was were be been being have has had do does did will would shall should can could may might must not no nor you your yours we our us me my mine he she his her him who what which when where why how all any each some also just very".split(
    " ",
  ),
);

const CASUAL_WORDS: Array<[RegExp, string[]]> = [
  [/\byou(?:'|’)?re\b/gi, ["ur"]],
  [/\byour\b/gi, ["ur"]],
  [/\byou\b/gi, ["u"]],
  [/\bplease\b/gi, ["pls", "plz"]],
  [/\btomorrow\b/gi, ["tmrw", "2moro", "tmr"]],
  [/\btoday\b/gi, ["2day"]],
  [/\bbefore\b/gi, ["b4"]],
  [/\bthank you\b|\bthanks\b/gi, ["thx", "thanks"]],
  [/\breally\b/gi, ["rly"]],
  [/\bokay\b/gi, ["ok"]],
];

/**
 * The same reply typed casually: no apostrophes, texting forms ("u", "ur", "pls", "tmrw"/"2moro",
 * "b4", "thx"), mostly lower case, often no full stop at the end, and a few keyboard typos in
 * content words (about one in fifteen words, at most three). Names, numbers and times stay.
 */
export function casual(text: string, random: Random): string {
  let out = text;
  // One habit per reply, as a person has: some write "u" every time, some most times.
  const rate = 0.6 + random() * 0.4;
  for (const [pattern, forms] of CASUAL_WORDS) {
    const form = pick(forms, random);
    out = out.replace(pattern, (word: string) => (random() < rate ? form : word));
  }
  out = withoutApostrophes(out);
  if (random() < 0.75) out = out.toLowerCase();
  const words = out.split(/(\s+)/);
  const candidates = words
    .map((w, i) => ({ w, i }))
    .filter(({ w }) => /^[A-Za-z]{5,}[,.!?]?$/.test(w) && !FUNCTION_WORDS.has(w.toLowerCase().replace(/[,.!?]$/, "")));
  const count = Math.min(3, Math.max(1, Math.round(candidates.length / 15)));
  for (const { w, i } of shuffled(candidates, random).slice(0, count)) {
    const [, core = w, tail = ""] = /^([A-Za-z]+)([,.!?]?)$/.exec(w) ?? [];
    words[i] = typo(core, random) + tail;
  }
  out = words.join("");
  if (random() < 0.5) out = out.replace(/\.\s*$/, "");
  return out;
}

// ---------------------------------------------------------------------------------------------
// Spelling

/**
 * British spellings and their American forms, as they occur in complaint replies. Only pairs where
 * either form means the same everywhere: not cheque/check, tyre/tire, licence/license or
 * programme/program, whose second form is also another word.
 */
const UK_US: Array<[string, string]> = [
  ["apologise", "apologize"],
  ["apologised", "apologized"],
  ["apologising", "apologizing"],
  ["organise", "organize"],
  ["organised", "organized"],
  ["realise", "realize"],
  ["realised", "realized"],
  ["prioritise", "prioritize"],
  ["prioritised", "prioritized"],
  ["recognise", "recognize"],
  ["authorise", "authorize"],
  ["authorised", "authorized"],
  ["finalise", "finalize"],
  ["cancelled", "canceled"],
  ["cancelling", "canceling"],
  ["travelling", "traveling"],
  ["colour", "color"],
  ["favour", "favor"],
  ["behaviour", "behavior"],
  ["centre", "center"],
  ["catalogue", "catalog"],
  ["neighbour", "neighbor"],
  ["labelled", "labeled"],
  ["fulfil", "fulfill"],
  ["enrolment", "enrollment"],
  ["analyse", "analyze"],
  ["mum", "mom"],
];

export function hasSpellingVariant(text: string): boolean {
  return UK_US.some(([uk, us]) => new RegExp(`\\b(${uk}|${us})\\b`, "i").test(text));
}

/** Every British spelling in American form and every American one in British form (only the first such word when `firstOnly`). */
export function swapSpelling(text: string, firstOnly = false): string {
  let out = text;
  let done = false;
  const words = out.split(/(\b)/);
  for (let i = 0; i < words.length; i++) {
    if (done) break;
    const word = words[i] as string;
    const lower = word.toLowerCase();
    const pair = UK_US.find(([uk, us]) => uk === lower || us === lower);
    if (pair === undefined) continue;
    const swapped = pair[0] === lower ? pair[1] : pair[0];
    words[i] = /^[A-Z]/.test(word) ? swapped.charAt(0).toUpperCase() + swapped.slice(1) : swapped;
    if (firstOnly) done = true;
  }
  out = words.join("");
  return out;
}

// ---------------------------------------------------------------------------------------------
// Times

const DAY = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const CLOCK = "(?:\\d{1,2}(?::\\d{2})?(?:\\s?[ap]\\.?m\\.?)?|noon|midday|five|six|nine|ten|eleven|twelve|lunchtime|lunch)";

/** Time expressions a trainee ties a promise to, longest first. */
const TIMES: RegExp[] = [
  new RegExp(`\\bfirst thing (?:tomorrow|in the morning|on ${DAY})(?: morning)?\\b`, "gi"),
  new RegExp(`\\b(?:tomorrow|today|tonight|this|on ${DAY}|${DAY})\\s+(?:morning|afternoon|evening|lunchtime)\\b`, "gi"),
  new RegExp(`\\b(?:tomorrow|today|tonight)\\s+(?:at|by|before)\\s+${CLOCK}\\b`, "gi"),
  new RegExp(`\\b(?:at|by|before|until|after)\\s+${CLOCK}(?:\\s+(?:today|tomorrow|tonight))?\\b`, "gi"),
  /\bwithin (?:the|an|the next|one|two|twenty|thirty|\d+) (?:hour|hours|minutes|days?)\b/gi,
  /\bin (?:the next |)(?:twenty|thirty|ten|\d+) minutes\b/gi,
  new RegExp(`\\b(?:on |by |before |until )${DAY}\\b`, "gi"),
  /\b(?:by|before) the end of (?:the day|today|the week)\b/gi,
  /\b(?:right now|straight away|right away|immediately|this minute)\b/gi,
  /\b(?:today|tomorrow|tonight|now)\b/gi,
];

export function hasTime(text: string): boolean {
  return TIMES.some((t) => {
    t.lastIndex = 0;
    return t.test(text);
  });
}

/** The reply with every time expression taken out, and the grammar tidied. */
export function withoutTimes(text: string): string {
  let out = text;
  for (const t of TIMES) out = out.replace(t, " ");
  return tidy(out.replace(/\b(?:and|or),?\s*(?=[.!?,])/gi, "").replace(/\(\s*\)/g, ""));
}

// ---------------------------------------------------------------------------------------------
// Promises: finding them and saying them some other way

/** A promise the trainee makes: "I'll ...", "I will ...", "I'm going to ...", up to the end of its sentence. */
const PROMISE = /\b(?:I'll|I’ll|I will|I'm going to|I’m going to|I am going to)\s+(?!not\b|never\b)([^.!?]+)/;

export interface Promise {
  /** Index of the sentence. */
  index: number;
  /** What is promised: "call the producer at 8:30 tomorrow and ring you by 10". */
  rest: string;
}

/** The first sentence that holds a promise without a condition of its own. */
export function findPromise(list: readonly string[]): Promise | undefined {
  for (let index = 0; index < list.length; index++) {
    const m = PROMISE.exec(list[index] as string);
    if (m === null) continue;
    // A second "I'll" in the same sentence is part of the same promise: "..., and I'll call you by 10".
    const rest = (m[1] as string)
      .trim()
      .replace(/[,;:]$/, "")
      .replace(/\b(?:I'll|I’ll|I will)\s+/g, "");
    if (/\bif\b|\bunless\b/i.test(rest) || rest.split(/\s+/).length < 2) continue;
    return { index, rest };
  }
  return undefined;
}

const IRREGULAR: Record<string, string> = {
  ring: "rung",
  send: "sent",
  get: "got",
  give: "given",
  make: "made",
  put: "put",
  tell: "told",
  take: "taken",
  keep: "kept",
  speak: "spoken",
  find: "found",
  bring: "brought",
  have: "had",
  do: "done",
  go: "gone",
  pay: "paid",
  lend: "lent",
  see: "seen",
  write: "written",
  come: "come",
  let: "let",
  set: "set",
  be: "been",
  sit: "sat",
  stay: "stayed",
  leave: "left",
  hear: "heard",
  buy: "bought",
  run: "run",
  fit: "fitted",
  stop: "stopped",
  ship: "shipped",
  drop: "dropped",
  plan: "planned",
  chat: "chatted",
  text: "texted",
  email: "emailed",
  pop: "popped",
  swap: "swapped",
};

/** Words that can come before the verb of a promise: "I'll personally call", "I'll also send". */
const ADVERBS = new Set(["personally", "also", "just", "now", "still", "even", "first", "quickly"]);

/** "call" -> "called", "arrange" -> "arranged", "try" -> "tried", "fit" -> "fitted". */
export function pastParticiple(verb: string): string {
  const lower = verb.toLowerCase();
  const known = IRREGULAR[lower];
  if (known !== undefined) return known;
  if (/e$/.test(lower)) return `${lower}d`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ied`;
  return `${lower}ed`;
}

/** The promise in the past: "call the producer and ring you" -> "called the producer and rung you". */
export function promiseInThePast(rest: string): string {
  const words = rest.split(" ");
  const first = words[0] ?? "";
  // An adverb first ("personally call"): the verb is the next word.
  if ((ADVERBS.has(first) || /ly$/.test(first)) && words.length > 1)
    return [first, pastParticiple(words[1] as string), ...words.slice(2)].join(" ");
  const out = [pastParticiple(first), ...words.slice(1)].join(" ");
  // Verbs after "and" in a coordinated promise: "and call you" -> "and called you".
  return out.replace(/\band (?:then )?([a-z]+)\b/g, (m: string, verb: string) =>
    /^(?:I|we|you|the|a|an|your|my|our|it|they)$/.test(verb) ? m : m.replace(verb, pastParticiple(verb)),
  );
}

const SARCASM = [
  "Oh sure, and I suppose I'll {rest} as well?",
  "Right, and I'll just {rest} too, shall I?",
  "Yeah, because I'll {rest}, won't I?",
];
const CONDITIONAL = ["I would {rest} if we weren't so busy.", "I'd {rest} if I had the time.", "I could {rest} if the system let me."];
const COUNTERFACTUAL = [
  "I might have {past} if the form had been right.",
  "I would have {past} if someone had told me sooner.",
  "We could have {past} if we had known last week.",
];

export type NonCommitment = "sarcasm" | "conditional" | "counterfactual";

/** A promise said as sarcasm, as a conditional, or as a counterfactual: none of them commits to anything. */
export function nonCommitment(kind: NonCommitment, rest: string, random: Random): string {
  switch (kind) {
    case "sarcasm":
      return pick(SARCASM, random).replace("{rest}", rest);
    case "conditional":
      return pick(CONDITIONAL, random).replace("{rest}", rest);
    case "counterfactual": {
      // What might have been done, in the past: the promise's future times no longer fit it.
      const template = pick(COUNTERFACTUAL, random);
      let past = promiseInThePast(withoutTimes(rest).replace(/[.!?]$/, ""));
      if (template.startsWith("We")) past = past.replace(/\bmyself\b/g, "ourselves");
      return template.replace("{past}", past);
    }
  }
}

/**
 * Every first-person commitment handed to someone else: "I'll call" -> "the depot will call",
 * "I can fit" -> "the depot can fit", "leave it with me" -> "leave it with the depot".
 */
export function othersPromise(text: string, other: string): string {
  let out = text;
  out = out.replace(/\b(?:I'll|I’ll|I will)\b/g, `${other} will`);
  out = out.replace(/\b(?:I'm|I’m|I am) going to\b/g, `${other} is going to`);
  out = out.replace(/\bI can\b/g, `${other} can`);
  out = out.replace(/\bI promise\b/g, `${other} promises`);
  out = out.replace(/\b(leave it|leave this) with me\b/gi, (_m, lead: string) => `${lead} with ${other}`);
  out = out.replace(/\blet me\b/gi, (m: string) => (m.startsWith("L") ? `Let ${other}` : `let ${other}`));
  out = out.replace(/\bmyself\b/g, "themselves");
  return out.replace(/(^|[.!?]\s+)([a-z])/g, (_m, lead: string, c: string) => lead + c.toUpperCase());
}

/** Does the reply commit the trainee to anything other than what othersPromise rewrites (done work, "my job")? */
export function hasOtherOwnership(text: string): boolean {
  // Done work ("I've attached", "the files are attached"), work in hand ("I'm putting you on the list"),
  // and first-person ownership in other words ("my job", "let's"): these stay the trainee's.
  return /\b(?:I've|I’ve|I have|I had|I'd|I’d|I did|I called|I rang|I spoke|I checked|I put|I sent|I raised|I made|I took|I'm your|I’m your|I am your|my job|on me|I'm on|I’m on|personally|myself|attached|enclosed|here is|here are|let's|let’s)\b|\bI(?:'|’)?m \w+ing\b|\bI am \w+ing\b/i.test(
    text,
  );
}

// ---------------------------------------------------------------------------------------------
// Word salad

/** The words of a reply in a shuffled order, small words kept ("the", "and", "I'll"), no punctuation. */
export function wordSalad(text: string, random: Random): string {
  const words = text
    .replace(/[.,;:!?]+(?=\s|$)|[()"“”]/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "" && w !== "-" && w !== "–");
  let order = shuffled(words, random);
  // A shuffle that leaves most words where they were is no salad: shuffle again.
  for (let tries = 0; tries < 3 && order.filter((w, i) => w === words[i]).length > words.length / 3; tries++)
    order = shuffled(words, random);
  return order.join(" ");
}

/** Sentences in another order (never the same order). */
export function reordered(list: readonly string[], random: Random): string[] {
  if (list.length < 2) return [...list];
  for (let tries = 0; tries < 5; tries++) {
    const order = shuffled(list, random);
    if (order.some((s, i) => s !== list[i])) return order;
  }
  return [...list.slice(1), list[0] as string];
}

const FEELING =
  /\b(?:sorry|apologi[sz]e|apologies|understand|frustrat\w*|annoy\w*|fed up|upset\w*|imagine|must be|hear you|appreciate|worr\w*|stress\w*|exhaust\w*|awful|terrible|disappoint\w*|patience|patient|inconvenien\w*|unacceptable|not good enough|not acceptable|too long|fair enough|you're right|you’re right)\b/i;

/** The sentences of a reply that say nothing about feelings or apologies. */
export function withoutFeelings(list: readonly string[]): string[] {
  return list.filter((s) => !FEELING.test(s));
}

export function hasFeeling(text: string): boolean {
  return FEELING.test(text);
}
