/**
 * A normalised view of a reply, read the way a person reads it: missing apostrophes restored ("ill
 * ring u" -> "I'll ring you"), texting forms spelled out ("2moro b4 10" -> "tomorrow before 10"),
 * keyboard typos of the words the rubric and scenario use corrected ("tomorow" -> "tomorrow"), and
 * times written as digits read as times ("830 tmrw" -> "8:30 tomorrow"). The NLP reads this view;
 * every character of it maps back to the trainee's own characters, so evidence still quotes them.
 *
 * Pure and deterministic: the same text and vocabulary always give the same view.
 */
import damerau from "damerau-levenshtein";

export interface Normalised {
  /** The text the analysis reads. */
  text: string;
  /** For each character of `text`, where its source starts and ends in the reply. */
  from: number[];
  to: number[];
}

/** Words the typo step may correct towards, and words that must never be corrected. */
export interface Vocabulary {
  words: ReadonlySet<string>;
  /** Is a lower-case word a known English word (never corrected)? */
  known: (word: string) => boolean;
}

type Context = { prev: string; next: string; next2: string; prevPunct: boolean; atStart: boolean };
type Rule = string | ((c: Context) => string | undefined);

/** Nouns whose "no." is "number": "the tracking no. in a sec", "case no. 4417". */
const NUMBERED =
  /^(tracking|ref|reference|case|order|claim|booking|account|phone|policy|ticket|invoice|serial|job|flight|seat|room|house|contact|cust|customer)$/;

const VERBISH =
  /^(be|have|get|call|ring|phone|email|e-mail|text|send|sort|fix|look|check|chase|contact|make|do|give|keep|let|put|take|try|talk|speak|find|see|come|go|pass|push|book|arrange|order|fit|refund|issue|process|pay|cover|update|follow|ask|tell|stay|raise|escalate|personally|definitely|also|just|still|always|never|now|then|sure|happily|gladly|absolutely|certainly|actually|really|probably|need|want|like|love|hate|be|walk|drive|reset|resend|re-send|open|start|pop|bring|lend|loan|handle|deal|own|own|note|log|flag|set|confirm|request|write|message|reply|respond|double-check|investigate|organise|organize|sit|stay|swap|replace|repair|collect|empty|reach|own|run|hold|wait|pick|drop|grab|show|explain|inform|notify|forward|post|ship|deliver|chat|work|help|aim|promise|guarantee|owe|dig|file|lodge|log|report|visit|phone|buzz|shout|message|ping|whatsapp|dm|sms|note|jot|add|attach|upload|link|share|find|sort|clear)$/;
const REAL_ILL = new Set([
  "feel",
  "feels",
  "felt",
  "feeling",
  "be",
  "is",
  "was",
  "been",
  "am",
  "are",
  "were",
  "very",
  "quite",
  "seriously",
  "fell",
  "falls",
  "gets",
  "got",
  "getting",
  "look",
  "looks",
  "looked",
  "become",
  "became",
  "being",
  "mentally",
  "terminally",
  "critically",
  "so",
  "too",
  "an",
  "of",
]);
const DETERMINERS = new Set([
  "the",
  "a",
  "an",
  "your",
  "my",
  "our",
  "their",
  "his",
  "her",
  "its",
  "this",
  "that",
  "customer",
  "user",
  "order",
  "account",
  "photo",
  "valid",
  "any",
  "no",
]);
const AFTER_ITS =
  /^(not|been|a|an|the|on|in|going|gonna|fine|ok|okay|my|our|your|being|still|just|only|sorted|done|all|there|here|no|nothing|really|so|very|too|down|up|out|with|at|over|back|already|now|because|what|like|about|unacceptable|frustrating|ridiculous|clear|obvious|true|fair|totally|completely|absolutely|definitely|probably|likely|time|getting|taking|sitting|coming|working|happening|been|always|never|quite|pretty|terrible|awful|bad|good|great|annoying|gone|booked|fixed|done|ready|due|possible|impossible|important|normal|also|actually|more|less|been|fully|now|the|booked|approved|arriving|with|nearly|almost|over|obviously|hard|difficult|easy|my|on|ur|u|down)$/;
const AFTER_WERE_WE =
  /^(going|gonna|on|sorting|looking|working|doing|really|so|very|sorry|happy|still|just|trying|waiting|chasing|calling|here|aware|dealing|checking|all|not|now|already|fixing|handling|short|behind|extremely|currently|definitely|both|getting|taking)$/;
const AFTER_UR_YOURE =
  /^(not|right|welcome|so|still|being|entitled|owed|due|going|gonna|absolutely|totally|completely|in|on|at|the|a|all|covered|sorted|booked|getting|waiting|probably|definitely|correct|frustrated|annoyed|upset|angry|fed|stuck|left|having|doing|telling|asking|saying|one|ok|okay|good|fine)$/;
/** Words English writes with a capital: a capitalised typo of one is no name. */
const CAPITALISED = new Set([
  ..."monday tuesday wednesday thursday friday saturday sunday".split(" "),
  ..."january february march april june july august september october november december".split(" "),
]);
const DAY_PREPS = new Set(["on", "by", "before", "until", "till", "til", "next", "this", "from", "after", "since", "latest"]);
const TIME_PREPS = new Set(["at", "by", "before", "around", "until", "till", "til", "from", "after", "about", "approx", "b4", "@"]);
const TIME_AFTER = new Set(["am", "pm", "tmrw", "tomorrow", "2moro", "today", "tonight", "this", "sharp", "latest", "tmr", "2morrow"]);

/** Missing apostrophes, and words typed without them, keyed by the lower-case word. */
const WORDS: Record<string, Rule> = {
  im: "I'm",
  ive: "I've",
  ill: (c) =>
    /^(health|effects?|will|feeling|treatment|advised)$/.test(c.next) ||
    (REAL_ILL.has(c.prev) && !(VERBISH.test(c.next) && /^(so|too|and|but|then|now|also|just)$/.test(c.prev)))
      ? undefined
      : "I'll",
  // "should of looked", "could of rung": "have", as it sounds ("I could of course call" stays).
  of: (c) =>
    /^(should|could|would|must|might|shouldn't|couldn't|wouldn't|shouldnt|couldnt|wouldnt)$/.test(c.prev) && c.next !== "course"
      ? "have"
      : undefined,
  // "il chase the producer 2moro": one l dropped too, but only before a verb ("il" is a name elsewhere).
  il: (c) => (VERBISH.test(c.next) ? "I'll" : undefined),
  id: (c) =>
    DETERMINERS.has(c.prev) || /^(number|card|check|badge|code|please|and|or)$/.test(c.next) || c.next === "" ? undefined : "I'd",
  youre: "you're",
  youve: "you've",
  youll: "you'll",
  youd: "you'd",
  theyre: "they're",
  theyve: "they've",
  theyll: "they'll",
  theyd: "they'd",
  weve: "we've",
  were: (c) => (c.prevPunct && AFTER_WERE_WE.test(c.next) && c.next !== "you" ? "we're" : undefined),
  well: (c) => (c.prevPunct && VERBISH.test(c.next) && !/^(be|have|done|said)$/.test(c.next) ? "we'll" : undefined),
  hes: "he's",
  shes: "she's",
  its: (c) => (AFTER_ITS.test(c.next) || c.next === "" ? "it's" : undefined),
  itll: "it'll",
  itd: "it'd",
  thats: "that's",
  thatll: "that'll",
  whats: "what's",
  theres: "there's",
  therell: "there'll",
  heres: "here's",
  wheres: "where's",
  whos: "who's",
  hows: "how's",
  lets: (c) => (/^(me|us|you|him|her|them|it|the|a|customers|people)$/.test(c.next) ? undefined : "let's"),
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  cant: "can't",
  cannt: "can't",
  wont: "won't",
  isnt: "isn't",
  arent: "aren't",
  wasnt: "wasn't",
  werent: "weren't",
  havent: "haven't",
  hasnt: "hasn't",
  hadnt: "hadn't",
  couldnt: "couldn't",
  wouldnt: "wouldn't",
  shouldnt: "shouldn't",
  mustnt: "mustn't",
  neednt: "needn't",
  aint: "isn't",
  shouldve: "should've",
  couldve: "could've",
  wouldve: "would've",
  mightve: "might've",
  mustve: "must've",
  yall: "you all",
  // Texting forms.
  u: (c) => (c.prev === "and" && c.next === "" ? undefined : "you"),
  ya: (c) => (c.atStart ? "yes" : "you"),
  yu: "you",
  yuo: "you",
  ur: (c) => (AFTER_UR_YOURE.test(c.next) || /ing$/.test(c.next) ? "you're" : "your"),
  urs: "yours",
  uve: "you've",
  uv: "you've",
  ull: "you'll",
  ud: "you'd",
  wud: "would",
  shud: "should",
  cud: "could",
  yr: "your",
  r: (c) => (c.prev !== "" && c.next !== "" ? "are" : undefined),
  pls: "please",
  plz: "please",
  plse: "please",
  pleas: "please",
  thx: "thanks",
  thnx: "thanks",
  thanx: "thanks",
  thks: "thanks",
  tnx: "thanks",
  ty: "thank you",
  tyvm: "thank you very much",
  thankyou: "thank you",
  "2day": "today",
  "2moro": "tomorrow",
  "2morro": "tomorrow",
  "2morrow": "tomorrow",
  "2morow": "tomorrow",
  "2mrw": "tomorrow",
  "2mro": "tomorrow",
  tmrw: "tomorrow",
  tmr: "tomorrow",
  tmw: "tomorrow",
  tmrow: "tomorrow",
  tmoz: "tomorrow",
  tomoz: "tomorrow",
  tomo: "tomorrow",
  tmorrow: "tomorrow",
  "2nite": "tonight",
  "2night": "tonight",
  tonite: "tonight",
  nite: "night",
  b4: "before",
  rly: "really",
  rlly: "really",
  gonna: "going to",
  wanna: "want to",
  gotta: "got to",
  coz: "because",
  cos: (c) => (c.prev === "" || c.prevPunct || /^(it|that|and|just|but)$/.test(c.prev) ? "because" : undefined),
  cuz: "because",
  bc: "because",
  bcoz: "because",
  bcos: "because",
  becuase: "because",
  becasue: "because",
  msg: "message",
  msgs: "messages",
  ppl: "people",
  abt: "about",
  bout: "about",
  hrs: "hours",
  hr: "hour",
  mins: "minutes",
  wk: "week",
  wks: "weeks",
  sry: "sorry",
  srry: "sorry",
  soz: "sorry",
  sozz: "sorry",
  tho: "though",
  thru: "through",
  kk: "ok",
  okk: "ok",
  k: (c) => (c.atStart ? "ok" : undefined),
  n: (c) => (c.prev !== "" && c.next !== "" ? "and" : undefined),
  nd: "and",
  cu: "see you",
  idk: "I don't know",
  dunno: "don't know",
  aswell: "as well",
  alot: "a lot",
  defo: "definitely",
  def: (c) => (/^(not|will|gonna|going|can|be|the|a)$/.test(c.next) || c.next === "" ? "definitely" : undefined),
  prob: "probably",
  probs: "probably",
  rn: "right now",
  em: (c) =>
    /^(call|ring|phone|chase|email|text|tell|ask|contact|give|send|bug|push|hassle|nudge|poke|call|ping)$/.test(c.prev)
      ? "them"
      : undefined,
  chk: "check",
  hav: "have",
  shld: "should",
  wld: "would",
  cld: "could",
  bk: "back",
  txt: "text",
  kno: "know",
  knw: "know",
  wat: "what",
  wot: "what",
  wen: "when",
  nxt: "next",
  yday: "yesterday",
  ystrdy: "yesterday",
  biz: "business",
  arvo: "afternoon",
  morn: "morning",
  w: (c) => (c.next !== "" && !/^\d/.test(c.next) ? "with" : undefined),
  your: (c) =>
    /^(right|welcome|correct|absolutely|totally|completely|entitled|owed|going|gonna|not)$/.test(c.next) ? "you're" : undefined,
  // "sorry 4 the wait" is "for"; "by 4 this afternoon" is a time.
  "4": (c) =>
    !TIME_PREPS.has(c.prev) &&
    /^(you|u|the|a|your|ur|me|us|it|this|that|him|her|them|all|now|sure|being|waiting|calling|letting|any|ur|ya|free|nothing)$/.test(c.next)
      ? "for"
      : undefined,
  "2": (c) =>
    /^(going|want|need|have|got|able|back|talk|speak|sorry|due|come|get|listen|next|according|thanks|try|trying|reply|respond|ought|used)$/.test(
      c.prev,
    ) &&
    /^[a-z]+$/.test(c.next) &&
    !/^(days?|weeks?|hours?|minutes?|mins|hrs|pm|am|working|business|months?)$/.test(c.next)
      ? "to"
      : undefined,
  np: "no problem",
  tbh: "to be honest",
  l8r: "later",
  mite: "might",
  b: (c) =>
    /^(will|ll|to|gonna|can|should|shld|may|might|mite|would|could|must|wont|cant|dont)$/.test(c.prev) ||
    /^(there|back|here|done|ready|sorted|fine|ok|able|in)$/.test(c.next)
      ? "be"
      : undefined,
  no1: "no one",
  gimme: "give me",
  lemme: "let me",
  nothin: "nothing",
  somethin: "something",
  yeh: "yeah",
  yep: "yes",
  yup: "yes",
  nope: "no",
  req: "request",
  dd: "direct debit",
  teh: "the",
  hte: "the",
  taht: "that",
  adn: "and",
  jsut: "just",
  waht: "what",
  wiht: "with",
  recieve: "receive",
  recieved: "received",
  untill: "until",
  til: "until",
  till: "until",
  wil: "will",
  wll: "will",
  // "let you no" is "let you know"; "case no CS-123" is a number; "and than I call you" is "then".
  no: (c) =>
    c.prev === "you" || c.prev === "u"
      ? c.next === "" || /^(what|when|if|how|by|asap|as|the|about|right)$/.test(c.next)
        ? "know"
        : undefined
      : /^(case|ref|reference|phone|account|order|ticket|main|contact|direct|tel|claim|job)$/.test(c.prev)
        ? "number"
        : undefined,
  than: (c) => (c.prevPunct || c.prev === "and" ? "then" : undefined),
  mon: (c) => (DAY_PREPS.has(c.prev) ? "Monday" : undefined),
  // "tue" and "fri" are no English words: a day wherever they stand ("ill ring u fri").
  tue: "Tuesday",
  tues: "Tuesday",
  wed: (c) => (DAY_PREPS.has(c.prev) ? "Wednesday" : undefined),
  weds: "Wednesday",
  thu: (c) => (DAY_PREPS.has(c.prev) ? "Thursday" : undefined),
  thur: "Thursday",
  thurs: "Thursday",
  fri: "Friday",
  sat: (c) => (DAY_PREPS.has(c.prev) ? "Saturday" : undefined),
  sun: (c) => (DAY_PREPS.has(c.prev) ? "Sunday" : undefined),
};

/** The rules by word, in a map: a word such as "constructor" must not find an object's own property. */
const RULES = new Map<string, Rule>(Object.entries(WORDS));

/** Two words typed for one: "i ll" -> "I'll", "don t" -> "don't". */
const SPLIT_CLITIC = /^(ll|m|ve|re|d|s|t)$/;
const SPLIT_BASES = new Set([
  "i",
  "you",
  "we",
  "they",
  "he",
  "she",
  "it",
  "that",
  "there",
  "don",
  "can",
  "won",
  "isn",
  "aren",
  "wasn",
  "didn",
  "doesn",
  "couldn",
  "wouldn",
  "shouldn",
  "haven",
  "hasn",
]);

const WORD = /[A-Za-z0-9]+(?:['’`´][A-Za-z]+|;(?:ll|m|ve|re|d|s|t)(?![A-Za-z]))*|[^A-Za-z0-9]+/g;
const CLITIC_TAIL = /['’`´;](ll|m|ve|re|d|s|t)$/i;

function capitalise(word: string, like: string): string {
  if (/^[A-Z]/.test(like) && /^[a-z]/.test(word)) return word[0]?.toUpperCase() + word.slice(1);
  return word;
}

/** Does the piece start with a letter or digit of the alphabet pieces are cut by (a word, not a run between words)? */
function startsWithWordChar(piece: string): boolean {
  const c = piece.charCodeAt(0);
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A time typed as digits: "830" -> "8:30" where the words around it say it is a time. */
function asTime(word: string, prev: string, next: string): string | undefined {
  const m = /^(1[0-2]|0?[1-9])([0-5]\d)$/.exec(word);
  if (m === null) return undefined;
  if (!TIME_PREPS.has(prev) && !TIME_AFTER.has(next)) return undefined;
  return `${m[1]}:${m[2]}`;
}

/** A keyboard typo of a vocabulary word: one edit (two for long words), the only closest candidate. */
function correction(word: string, vocabulary: Vocabulary, cache: Map<string, string | null>): string | undefined {
  // Short words are never corrected: most words of a reply, answered without the memo.
  if (word.length < 4) return undefined;
  const cached = cache.get(word);
  if (cached !== undefined) return cached ?? undefined;
  let result: string | undefined;
  if (/^[a-z]+$/.test(word) && !vocabulary.words.has(word) && !vocabulary.known(word)) {
    const max = word.length >= 8 ? 2 : 1;
    let best = max + 1;
    let candidates: string[] = [];
    for (const candidate of vocabulary.words) {
      if (Math.abs(candidate.length - word.length) > max || candidate.length < 3) continue;
      // Typos rarely hit the first letter; skipping other initials keeps the search small.
      if (candidate[0] !== word[0] && candidate[1] !== word[1]) continue;
      const { steps } = damerau(word, candidate);
      if (steps < best) {
        best = steps;
        candidates = [candidate];
      } else if (steps === best) candidates.push(candidate);
    }
    if (best <= max) {
      const sameStart = candidates.filter((c) => c[0] === word[0]);
      const pool = sameStart.length > 0 ? sameStart : candidates;
      if (pool.length === 1) result = pool[0];
      else {
        // A doubled letter typed once (or twice) is the commonest slip: "sory" is "sorry", not "sort".
        const doubled = pool.filter((c) => isDoubling(word, c));
        if (doubled.length === 1) result = doubled[0];
      }
    }
  }
  if (cache.size < 5000) cache.set(word, result ?? null);
  return result;
}

/** Do two words differ by one letter typed once instead of twice, or twice instead of once? */
function isDoubling(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  // long[i] is the extra letter: a double when it repeats its neighbour.
  return (long[i] === long[i - 1] || long[i] === long[i + 1]) && long.slice(i + 1) === short.slice(i);
}

/** Maps `length` characters of the view from `at` on one to one onto the reply's, from `start` on; returns the next free place. */
function mapEach(from: number[], to: number[], at: number, start: number, length: number): number {
  for (let k = 0; k < length; k++) {
    from[at + k] = start + k;
    to[at + k] = start + k + 1;
  }
  return at + length;
}

/** Maps `length` characters of the view from `at` on, all of them, onto the reply's [start, end): a replacement. */
function mapWhole(from: number[], to: number[], at: number, start: number, end: number, length: number): number {
  for (let k = 0; k < length; k++) {
    from[at + k] = start;
    to[at + k] = end;
  }
  return at + length;
}

/** Per-vocabulary memo of corrections: a pure function of the word and the vocabulary. */
const corrections = new WeakMap<Vocabulary, Map<string, string | null>>();

export function normalise(reply: string, vocabulary?: Vocabulary): Normalised {
  const pieces = reply.match(WORD) ?? [];
  const lower = pieces.map((p) => p.toLowerCase());
  const isWord = pieces.map(startsWithWordChar);
  const out: string[] = [];
  // Where each character of the view comes from; expansions ("u" -> "you") make the view longer.
  // Plain arrays: a typed array of a reply's length lives outside the heap, and costs more to make
  // and collect. Made at about the view's length and cut to it at the end: pushes, a character at a
  // time, would copy each array four or five times as it grows.
  const from: number[] = new Array(reply.length + 8);
  const to: number[] = new Array(reply.length + 8);
  let mapped = 0;
  let cache: Map<string, string | null> | undefined;
  if (vocabulary !== undefined) {
    cache = corrections.get(vocabulary);
    if (cache === undefined) {
      cache = new Map();
      corrections.set(vocabulary, cache);
    }
  }
  const corrected = (word: string): string =>
    vocabulary === undefined || cache === undefined ? word : (correction(word, vocabulary, cache) ?? word);
  const emit = (text: string, start: number, end: number, same: boolean) => {
    out.push(text);
    mapped = same ? mapEach(from, to, mapped, start, text.length) : mapWhole(from, to, mapped, start, end, text.length);
  };
  /** The nearest word before or after piece i (the pieces between words are one run). */
  const wordAt = (i: number, step: number): number => {
    const j = i + step;
    if (j < 0 || j >= pieces.length) return -1;
    if (isWord[j]) return j;
    const k = j + step;
    return k >= 0 && k < pieces.length && isWord[k] ? k : -1;
  };
  const PUNCT = /[.,;:!?()"]/;
  // Words and the runs between them alternate, so a neighbour is one or two pieces away. The
  // context is worked out only for the few words whose reading depends on it.
  const contextAt = (at: number): Context => {
    const p = wordAt(at, -1);
    const n = wordAt(at, 1);
    const n2 = n < 0 ? -1 : wordAt(n, 1);
    const before = p < 0 || p === at - 1 ? "" : (pieces[at - 1] as string);
    const after = n < 0 || n === at + 1 ? "" : (pieces[at + 1] as string);
    const afterNext = n2 < 0 || n2 === n + 1 ? "" : (pieces[n + 1] as string);
    // A neighbour across punctuation is in another phrase: "I feel ill. It's..." has no next word for "ill".
    return {
      prev: p < 0 || PUNCT.test(before) ? "" : (lower[p] as string),
      // The next word as it will read: "Ill proceess the refund" is "I'll process", not "ill".
      next: n < 0 || PUNCT.test(after) ? "" : corrected(lower[n] as string),
      next2: n2 < 0 || PUNCT.test(after) || PUNCT.test(afterNext) ? "" : (lower[n2] as string),
      prevPunct: p < 0 || /[.,;:!?]/.test(before),
      atStart: p < 0 || /[.!?]/.test(before),
    };
  };
  let offset = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as string;
    const start = offset;
    offset += piece.length;
    if (!isWord[i]) {
      if (piece === " ") {
        emit(piece, start, offset, true);
        continue;
      }
      // "+" and "&" between words are "and"; curly and stray apostrophes become plain ones.
      if (/^\s*[+&]\s*$/.test(piece) && i > 0 && i + 1 < pieces.length) {
        emit(piece.replace(/[+&]/, "and"), start, offset, false);
        continue;
      }
      // Two dots typed for an ellipsis end the sentence as three do: "ok let me check.. its showing located".
      if (piece.startsWith("..") && !piece.startsWith("...")) {
        emit(piece.replace("..", "..."), start, offset, false);
        continue;
      }
      emit(piece.replace(/[’`´]/g, "'"), start, offset, true);
      continue;
    }
    const ctx = (): Context => contextAt(i);
    const word = lower[i] as string;
    let replacement: string | undefined;
    // Stray apostrophe marks and semicolons typed for apostrophes: "can;t", "I´ll".
    if (/['’`´;]/.test(piece)) {
      const fixed = piece.replace(/[’`´;]/g, "'");
      if (fixed !== piece) replacement = fixed;
      // A typo before a possessive: "tomorow's list" is "tomorrow's list" (not "shouldn't": its base is no word).
      const apostrophe = fixed.indexOf("'");
      const base = fixed.slice(0, apostrophe);
      if (vocabulary !== undefined && cache !== undefined && fixed.endsWith("'s") && /^[a-z]+$/.test(base)) {
        const fixedBase = correction(base, vocabulary, cache);
        if (fixedBase !== undefined) replacement = fixedBase + fixed.slice(apostrophe);
      }
    } else if (SPLIT_BASES.has(word) && pieces[i + 1] === " " && isWord[i + 2] === true && SPLIT_CLITIC.test(ctx().next)) {
      const context = ctx();
      // "I ll call": join the two words, the second is emitted as nothing.
      const clitic = context.next === "t" ? "n't" : `'${context.next}`;
      const base = word === "i" ? "I" : word.endsWith("n") && context.next === "t" ? word.slice(0, -1) : word;
      const joined = capitalise(base === "won" ? "won't" : base === "can" && context.next === "t" ? "can't" : base + clitic, piece);
      const end = offset + 1 + (pieces[i + 2] as string).length;
      emit(joined, start, end, false);
      offset = end;
      i += 2;
      continue;
    } else if (piece === "IT" && !ctx().atStart) {
      // "IT" in capitals is the department, not the pronoun "it".
      replacement = "tech team";
    } else if (
      piece === "IT" &&
      /^(should|ought|dropped|messed|never|did|have|has|had|will|were|was|team|department|guys|lot|can|could)$/.test(ctx().next)
    ) {
      replacement = "Tech team";
    } else {
      const rule = RULES.get(word);
      if (rule !== undefined) replacement = typeof rule === "string" ? rule : rule(ctx());
      if (replacement === undefined && isDigit(word.charCodeAt(0)) && /^\d+$/.test(word))
        replacement = asTime(word, ctx().prev, ctx().next);
      // "Kyles been without a car": a name's "has" typed without its apostrophe.
      if (replacement === undefined && piece.endsWith("s") && /^[A-Za-z]{2,}[^s]s$/.test(piece) && /^(been|got|gone)$/.test(ctx().next))
        replacement = `${piece.slice(0, -1)}'s`;
      // (Words under four letters are never corrected: `correction` answers them, but the length says so first.)
      if (
        replacement === undefined &&
        vocabulary !== undefined &&
        cache !== undefined &&
        word.length >= 4 &&
        /^[a-z]+$|^[A-Z][a-z]+$/.test(piece)
      ) {
        // Capitalised words inside a sentence are names ("Sander"): left as typed, unless the word they
        // are a typo of is written with a capital anyway ("by Firday").
        const corrected = correction(word, vocabulary, cache);
        if (piece === word || ctx().atStart || (corrected !== undefined && CAPITALISED.has(corrected))) replacement = corrected;
      }
      if (replacement !== undefined && replacement !== "I'm" && !replacement.startsWith("I'") && replacement !== "I don't know")
        replacement = capitalise(replacement, piece);
    }
    if (replacement === undefined) emit(piece, start, offset, true);
    else emit(replacement, start, offset, false);
    // A word with an apostrophe ending right before punctuation reads differently to the NLP after
    // it has seen one ("producer's." is kept whole and remembered): a space keeps every reading alike.
    // Any mark glued to it teaches wink the same ("producer's—", "producer's'"), not only . , ; : ! ?
    // "no." is read as the abbreviation of "number", and its negation runs on into the next sentence.
    const following = pieces[i + 1];
    const emitted = replacement ?? piece;
    // The mark is tested first: almost every word is followed by a space, and that answers it (a plain
    // space without the expression).
    if (
      following !== undefined &&
      following !== " " &&
      /^[^\s\p{L}\p{N}]/u.test(following) &&
      (CLITIC_TAIL.test(emitted) ||
        /\d(am|pm)$/i.test(emitted) ||
        (/^no$/i.test(emitted) && following.startsWith(".") && !NUMBERED.test(ctx().prev)))
    ) {
      emit(" ", offset, offset, false);
    }
  }
  from.length = mapped;
  to.length = mapped;
  return { text: out.join(""), from, to };
}
