/**
 * A rubric and a scenario compiled into one scoring model: the rubric's rules plus the scenario's
 * signals, patterns parsed once, lexicon entries merged (scenario words extend the rubric's).
 * Compilation problems come back with the path of the field and the offset in the pattern, so the
 * content loader can point at the exact spot in the trainer's file.
 */
import { closest } from "../content/diagnostics.js";
import type { CriterionSpec, RubricSpec, RuleSpec, ScenarioSpec } from "../content/schema.js";
import { analyze, isKnownWord } from "./analyze.js";
import type { Weighting } from "./features.js";
import type { Vocabulary } from "./normalise.js";
import {
  indexPatterns,
  matchesEmpty,
  optimise,
  type PatternError,
  type PatternIndex,
  type PatternNode,
  parsePattern,
  refsOf,
  resolveFirstWords,
  uniform,
  wordNode,
} from "./pattern.js";
import { costEstimator, MAX_PATTERN_COST, MAX_SENTENCE_WORDS } from "./pattern-cost.js";
import { WEIGHTS } from "./weights.js";

export interface CompiledRule {
  id: string;
  criterion: string;
  spec: RuleSpec;
  match: PatternNode;
  with?: PatternNode;
  without?: PatternNode;
  source: "rubric" | "scenario";
}

export interface CompiledCriterion {
  id: string;
  title: string;
  weight: number;
  levels: CriterionSpec["levels"];
  rules: CompiledRule[];
  byId: Map<string, CompiledRule>;
  /** Rules that give a level and say what to do when missing, lowest level first: the "next step" list. */
  raising: CompiledRule[];
}

export interface ScoringModel {
  rubricId: string;
  scenarioId?: string;
  /** Set when the model carries a turn's own signals. */
  turnId?: string;
  criteria: CompiledCriterion[];
  lexicon: Map<string, PatternNode>;
  flags: NonNullable<RubricSpec["flags"]>;
  /** Every rule pattern (match, with, without), indexed by the words it can start with. */
  index: PatternIndex;
  /** The words the rubric and scenario use: keyboard typos of these are read as these. */
  vocabulary: Vocabulary;
  /** Promises the scenario's facts rule out: a commitment in such a sentence earns at most level 1. */
  ruledOut: CompiledRule[];
  /** The scenario's turns: later than the opening, and after a time skip. */
  turns: Map<string, { later: boolean; skip: boolean }>;
  /** The learned weighting over the rules and the words, when one was trained for this rubric. */
  weighting?: Weighting;
}

export interface CompileProblem extends PatternError {
  /** Where the pattern sits: "rubric" or "scenario", and the path inside that document. */
  document: "rubric" | "scenario";
  path: Array<string | number>;
}

/**
 * The spec with every field a rule can have, in one order, the values its own. Scoring reads these
 * fields of every rule for every reply; specs as written come in as many layouts as there are
 * combinations of fields, and one layout keeps those reads fast.
 */
function uniformSpec(spec: RuleSpec): RuleSpec {
  const out: RuleSpec = {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    gives: spec.gives,
    caps: spec.caps,
    flag: spec.flag,
    match: spec.match,
    actor: spec.actor,
    negated: spec.negated,
    with: spec.with,
    without: spec.without,
    question: spec.question,
    requires: spec.requires,
    at: spec.at,
    unless: spec.unless,
    asserted: spec.asserted,
    offer: spec.offer,
    feedback: spec.feedback,
  };
  // Any field the schema lets through besides, kept.
  for (const [key, value] of Object.entries(spec)) if (!(key in out)) (out as Record<string, unknown>)[key] = value;
  return out;
}

/** Patterns parsed in this compile, by text: rules that share a pattern share its matches. */
type Interned = Map<string, { node: PatternNode; errors: PatternError[] }>;

function parseInterned(text: string, interned: Interned): { node: PatternNode; errors: PatternError[] } {
  let parsed = interned.get(text);
  if (parsed === undefined) {
    const raw = parsePattern(text);
    parsed = { node: optimise(raw.node), errors: raw.errors };
    interned.set(text, parsed);
  }
  return parsed;
}

/**
 * A pattern or a list of them as one node, each text's errors noted with its own path (the list
 * item it came from), so a problem in the third phrase of a list points at the third phrase.
 */
function toAlt(
  patterns: string | string[],
  path: Array<string | number>,
  note: (path: Array<string | number>, errors: PatternError[], node: PatternNode) => void,
  interned: Interned,
): PatternNode {
  if (typeof patterns === "string") {
    const parsed = parseInterned(patterns, interned);
    note(path, parsed.errors, parsed.node);
    return parsed.node;
  }
  const options = patterns.map((text, i) => {
    const parsed = parseInterned(text, interned);
    note([...path, i], parsed.errors, parsed.node);
    return parsed.node;
  });
  if (options.length === 1) return options[0] as PatternNode;
  const key = JSON.stringify(patterns);
  const cached = interned.get(key);
  if (cached !== undefined) return cached.node;
  const node = optimise({ kind: "alt", options });
  interned.set(key, { node, errors: [] });
  return node;
}

/** "did you mean `{time}`?" for `{tme}`; else the entries there are. */
function entryHint(name: string, known: string[]): string {
  const intended = closest(name, known);
  return intended === undefined ? `known entries: ${known.map((n) => `{${n}}`).join(", ")}` : `did you mean \`{${intended}}\`?`;
}

/** The problem for a pattern whose matching could take too long on the longest reply. */
function tooComplex(cost: number): PatternError {
  const billions = (n: number) => (n / 1e9).toFixed(n < 1e10 ? 1 : 0);
  return {
    code: "pattern-too-complex",
    message: `this pattern could take ${billions(cost)} billion steps to match a long reply (a sentence of ${MAX_SENTENCE_WORDS.toLocaleString("en")} words); the limit is ${billions(MAX_PATTERN_COST)} billion`,
    offset: 0,
    hint: "each `...`, optional part or alternative that follows another multiplies the work: use fewer in one pattern, or split it into a list of shorter ones",
  };
}

/** Compiles a rubric, with a scenario's lexicon and signals when given. Never throws on bad patterns. */
export function compileModel(
  rubric: RubricSpec,
  scenario?: ScenarioSpec,
  turn?: string,
): { model: ScoringModel; problems: CompileProblem[] } {
  const problems: CompileProblem[] = [];
  const interned: Interned = new Map();
  const note = (document: CompileProblem["document"], path: Array<string | number>, errors: PatternError[]) => {
    for (const e of errors) problems.push({ ...e, document, path });
  };

  // Lexicon: every phrase of an entry is one alternative; scenario phrases are added to the rubric's.
  const phrases = new Map<string, Array<{ node: PatternNode; document: CompileProblem["document"]; path: Array<string | number> }>>();
  const addLexicon = (document: CompileProblem["document"], lexicon: Record<string, string[]> | undefined) => {
    for (const [name, list] of Object.entries(lexicon ?? {})) {
      const entry = phrases.get(name) ?? [];
      list.forEach((text, i) => {
        const parsed = parsePattern(text);
        note(document, ["lexicon", name, i], parsed.errors);
        entry.push({ node: parsed.node, document, path: ["lexicon", name, i] });
      });
      phrases.set(name, entry);
    }
  };
  addLexicon("rubric", rubric.lexicon);
  addLexicon("scenario", scenario?.lexicon);
  // What the customer wants, in the scenario's own words, is part of {want} even when the trainer
  // wrote no lexicon: "a working shifter" makes "shifter" count as mentioning the outcome.
  const wanted = scenario === undefined ? [] : wantedWords(scenario.customer.wants);
  if (wanted.length > 0 && phrases.has("want")) {
    (phrases.get("want") as Array<{ node: PatternNode; document: CompileProblem["document"]; path: Array<string | number> }>).push({
      node: { kind: "alt", options: wanted.map((w) => wordNode(w.normal, w.lemma)) },
      document: "scenario",
      path: ["customer", "wants"],
    });
  }
  // What the briefing says the trainee may do ("You may fit it on loan", "You can send a 4G router")
  // feeds {offer}: offering it is acting on the outcome, in a scenario with no lexicon of its own.
  const offered = scenario === undefined ? [] : offeredWords(scenario.briefing.facts ?? []);
  if (offered.length > 0 && phrases.has("offer")) {
    (phrases.get("offer") as Array<{ node: PatternNode; document: CompileProblem["document"]; path: Array<string | number> }>).push({
      node: { kind: "alt", options: offered.map((w) => wordNode(w.normal, w.lemma)) },
      document: "scenario",
      path: ["briefing", "facts"],
    });
  }
  const lexicon = new Map<string, PatternNode>();
  for (const [name, entry] of phrases) lexicon.set(name, optimise({ kind: "alt", options: entry.map((e) => e.node) }));

  // Lexicon references must exist and must not loop.
  const checkRefs = (node: PatternNode, document: CompileProblem["document"], path: Array<string | number>) => {
    for (const ref of refsOf(node)) {
      if (ref.name !== "number" && !lexicon.has(ref.name)) {
        problems.push({
          code: "unknown-lexicon",
          message: `unknown lexicon entry {${ref.name}}`,
          offset: ref.offset,
          hint: entryHint(ref.name, ["number", ...lexicon.keys()]),
          document,
          path,
        });
      }
    }
  };
  for (const [name, entry] of phrases) {
    for (const e of entry) checkRefs(e.node, e.document, e.path);
    const cycle = findCycle(name, lexicon);
    if (cycle !== undefined) {
      const first = entry[0];
      problems.push({
        code: "lexicon-cycle",
        message: `lexicon entry {${name}} refers to itself: ${cycle.map((n) => `{${n}}`).join(" -> ")}`,
        offset: 0,
        hint: "a lexicon entry may use other entries, but not itself, directly or through others",
        document: first?.document ?? "rubric",
        path: first?.path ?? ["lexicon", name],
      });
    }
  }

  // Patterns that would make matching slow: each pattern text on its own, wherever it is written.
  // A rubric's phrases are weighed when it is compiled alone; with a scenario, the scenario's own
  // (a scenario is checked against the rubric's outline, whose phrases weigh wrong: their words are `*`).
  const costs = costEstimator(lexicon);
  const weigh = (node: PatternNode, document: CompileProblem["document"], path: Array<string | number>) => {
    const { cost } = costs.pattern(node);
    if (cost > MAX_PATTERN_COST) problems.push({ ...tooComplex(cost), document, path });
  };
  if (!problems.some((p) => p.code === "lexicon-cycle"))
    for (const entry of phrases.values())
      for (const e of entry)
        if ((scenario === undefined) === (e.document === "rubric") && e.path[0] === "lexicon") weigh(e.node, e.document, e.path);

  const resolve = (name: string) => lexicon.get(name);
  const compileRule = (spec: RuleSpec, criterion: string, source: CompiledRule["source"], path: Array<string | number>): CompiledRule => {
    const compile = (key: "match" | "with" | "without", patterns: string | string[]) => {
      let failed = false;
      const node = toAlt(
        patterns,
        [...path, key],
        (at, errors, item) => {
          note(source, at, errors);
          checkRefs(item, source, at);
          if (errors.length > 0) failed = true;
          else weigh(item, source, at);
        },
        interned,
      );
      return { node, failed };
    };
    const { node: match, failed } = compile("match", spec.match);
    if (!failed && matchesEmpty(match, resolve)) {
      problems.push({
        code: "pattern-always-matches",
        message: `rule \`${spec.id}\` matches every reply: its pattern can match no words at all`,
        offset: 0,
        hint: "make at least one word required (not inside ( ) and not only ...)",
        document: source,
        path: [...path, "match"],
      });
    }
    const rule: CompiledRule = { id: spec.id, criterion, spec: uniformSpec(spec), match, with: undefined, without: undefined, source };
    for (const key of ["with", "without"] as const) {
      const value = spec[key];
      if (value === undefined) continue;
      rule[key] = compile(key, value).node;
    }
    return rule;
  };

  const criteria: CompiledCriterion[] = rubric.criteria.map((criterion, ci) => ({
    id: criterion.id,
    title: criterion.title,
    weight: criterion.weight,
    levels: criterion.levels,
    rules: criterion.rules.map((rule, ri) => compileRule(rule, criterion.id, "rubric", ["criteria", ci, "rules", ri])),
    byId: new Map(),
    raising: [],
  }));
  for (const [criterionId, rules] of Object.entries(scenario?.signals ?? {})) {
    const criterion = criteria.find((c) => c.id === criterionId);
    if (criterion === undefined) continue; // reported by the content checks, with a hint
    rules.forEach((rule, ri) => {
      criterion.rules.push(compileRule(rule, criterionId, "scenario", ["signals", criterionId, ri]));
    });
  }
  // A turn's own signals: added to its criteria, or replacing the rule with the same id.
  const turnIndex = turn === undefined || scenario === undefined ? -1 : scenario.turns.findIndex((t) => t.id === turn);
  const turnSpec = turnIndex < 0 ? undefined : scenario?.turns[turnIndex];
  for (const [criterionId, rules] of Object.entries(turnSpec?.signals ?? {})) {
    const criterion = criteria.find((c) => c.id === criterionId);
    if (criterion === undefined) continue;
    rules.forEach((rule, ri) => {
      const compiled = compileRule(rule, criterionId, "scenario", ["turns", turnIndex, "signals", criterionId, ri]);
      const at = criterion.rules.findIndex((r) => r.id === rule.id);
      if (at >= 0) criterion.rules[at] = compiled;
      else criterion.rules.push(compiled);
    });
  }
  const ruledOut: CompiledRule[] = [];
  const addRuledOut = (entries: RubricSpec["ruled-out"], source: CompiledRule["source"]) =>
    (entries ?? []).forEach((entry, i) => {
      const { turns, ...rule } = entry;
      if (turns !== undefined && (turnSpec === undefined || !turns.includes(turnSpec.id))) return;
      ruledOut.push(compileRule({ ...rule, flag: "over-promise" }, "ruled-out", source, ["ruled-out", i]));
    });
  addRuledOut(rubric["ruled-out"], "rubric");
  addRuledOut(scenario?.["ruled-out"], "scenario");
  // A scenario without ruled-out promises of its own still states its limits: "up to £25, no more".
  if (scenario !== undefined && scenario["ruled-out"] === undefined) {
    addRuledOut(limitsOf(scenario.briefing.facts ?? []), "scenario");
    addRuledOut(refusalsOf(scenario.briefing.facts ?? []), "scenario");
  }

  for (const c of criteria) {
    c.byId = new Map(c.rules.map((r) => [r.id, r]));
    c.raising = c.rules
      .filter((r) => r.spec.gives !== undefined && r.spec.feedback?.miss !== undefined)
      .sort((a, b) => (a.spec.gives as number) - (b.spec.gives as number));
  }
  // Every node in one layout, so the matcher's reads of them stay fast (see `uniform`).
  const seen = new Map<PatternNode, PatternNode>();
  for (const [name, node] of lexicon) lexicon.set(name, uniform(node, seen));
  for (const r of [...criteria.flatMap((c) => c.rules), ...ruledOut]) {
    r.match = uniform(r.match, seen);
    if (r.with !== undefined) r.with = uniform(r.with, seen);
    if (r.without !== undefined) r.without = uniform(r.without, seen);
  }
  const patterns: PatternNode[] = [];
  // The rules' own patterns, and what they are said with or without: matched through the index, those
  // cost less than walking each sentence word by word after their rule matched.
  for (const c of criteria) for (const r of c.rules) patterns.push(r.match);
  for (const r of ruledOut) patterns.push(r.match);
  for (const r of [...criteria.flatMap((c) => c.rules), ...ruledOut])
    for (const node of [r.with, r.without]) if (node !== undefined) patterns.push(node);
  // A pattern whose every rule reads only questions (or only other sentences) is matched only there.
  const askedBy = new Map<PatternNode, boolean | undefined>();
  for (const c of criteria)
    for (const r of c.rules) {
      const asked = r.spec.question;
      askedBy.set(r.match, askedBy.has(r.match) && askedBy.get(r.match) !== asked ? undefined : asked);
    }
  for (const r of ruledOut) askedBy.set(r.match, undefined);
  const words = new Set<string>(COMMON_WORDS);
  for (const node of lexicon.values()) wordsOf(node, words);
  for (const c of criteria)
    for (const r of c.rules) for (const node of [r.match, r.with, r.without]) if (node !== undefined) wordsOf(node, words);
  if (scenario !== undefined) for (const w of analyze(`${scenario.customer.name} ${scenario.customer.wants}`).tokens) words.add(w.normal);
  for (const w of [...words]) if (!/^[a-z]+$/.test(w)) words.delete(w);
  const everyPattern: PatternNode[] = [...patterns];
  for (const c of criteria)
    for (const r of c.rules) for (const node of [r.with, r.without]) if (node !== undefined) everyPattern.push(node);
  for (const r of ruledOut) for (const node of [r.with, r.without]) if (node !== undefined) everyPattern.push(node);
  if (problems.length === 0) resolveFirstWords(everyPattern, lexicon);
  // The index is built when the model first matches a reply: compiling content to check it needs only the problems.
  let index: PatternIndex | undefined;
  const model: ScoringModel = {
    rubricId: rubric.id,
    criteria,
    lexicon,
    flags: rubric.flags ?? {},
    get index(): PatternIndex {
      index ??= indexPatterns(patterns, lexicon, (node) => askedBy.get(node));
      return index;
    },
    vocabulary: { words, known: isKnownWord },
    ruledOut,
    turns: new Map((scenario?.turns ?? []).map((t, i) => [t.id, { later: i > 0, skip: t.skip !== undefined }])),
  };
  if (WEIGHTS !== undefined && WEIGHTS.rubric === rubric.id) model.weighting = WEIGHTS;
  if (scenario !== undefined) model.scenarioId = scenario.id;
  if (turnSpec !== undefined) model.turnId = turnSpec.id;
  return { model, problems };
}

/** Words of every reply, whatever the rubric: typos of these are common and change the reading. */
const COMMON_WORDS = (
  "the that with have what when your you sorry really definitely receive received business because until which their there though " +
  "through tomorrow today tonight morning afternoon evening minutes hours week weeks monday tuesday wednesday thursday friday " +
  "saturday sunday apologise apologize apologies understand appreciate frustrating frustration frustrated annoying annoyed " +
  "immediately personally straight right back call ring phone email contact update know let will would could should shall " +
  "happening happened please thanks thank again account refund colleague manager customer problem issue people probably " +
  "before after about again first thing around working sure actually already still just"
).split(" ");

/** Every word form a pattern can match, added to `out`. */
function wordsOf(node: PatternNode, out: Set<string>): void {
  switch (node.kind) {
    case "word":
      out.add(node.normal);
      out.add(node.lemma);
      break;
    case "exact":
      out.add(node.normal);
      break;
    case "set":
      for (const w of node.words) out.add(w);
      for (const w of node.exact) out.add(w);
      break;
    case "seq":
      for (const n of node.items) wordsOf(n, out);
      break;
    case "alt":
      for (const n of node.options) wordsOf(n, out);
      break;
    case "opt":
      wordsOf(node.node, out);
      break;
    default:
      break;
  }
}

/** The nouns of the customer's stated want ("her $349 back" -> none; "a working shifter" -> shifter). */
function wantedWords(wants: string): Array<{ normal: string; lemma: string }> {
  const seen = new Set<string>();
  const out: Array<{ normal: string; lemma: string }> = [];
  for (const t of analyze(wants).tokens) {
    if ((t.pos !== "NOUN" && t.pos !== "PROPN") || t.normal.length < 3 || GENERIC_NOUNS.has(t.lemma) || seen.has(t.lemma)) continue;
    seen.add(t.lemma);
    out.push({ normal: t.normal, lemma: t.lemma });
  }
  return out;
}

/** Round amounts a trainee offers, for a limit's "more than": "£100 for the trouble". */
const ROUND_AMOUNTS = [10, 15, 20, 25, 30, 35, 40, 50, 60, 70, 75, 80, 90, 100, 120, 150, 200, 250, 300, 500];
/** Currency codes, written before or after an amount: "GBP 10", "50 EUR". */
const CURRENCY_CODES = new Set(["gbp", "eur", "usd", "cad", "aud"]);
const CODES = [...CURRENCY_CODES].join("|");
/** "up to £25", "up to GBP 10", "no more than 50 euros": the currency as a sign, a code or a word. */
const LIMIT = new RegExp(
  `\\b(?:up to|at most|no more than|(?:a )?maximum of|max(?:imum)?)\\s+(?:of\\s+)?(?:([£$€]|${CODES})\\s?(\\d+)|(\\d+)\\s?(pounds?|euros?|dollars?|${CODES})\\b)`,
  "i",
);
const GIFT_WORDS = "[voucher / vouchers / credit / goodwill / gift / gesture / compensation / discount / payment / off]";

/**
 * The limit a granting fact sets on a gift ("a goodwill payment of up to £25, no more"), as a promise
 * the facts rule out: a larger round amount offered as a gift.
 */
function limitsOf(facts: readonly string[]): NonNullable<RubricSpec["ruled-out"]> {
  const out: NonNullable<RubricSpec["ruled-out"]> = [];
  for (const fact of facts) {
    const limit = LIMIT.exec(fact);
    if (limit === null || !PERMISSION.test(fact)) continue;
    const [, sign, signed, worded, word] = limit;
    const amount = signed ?? worded;
    const currency = sign === undefined ? "" : /^[£$€]$/.test(sign) ? sign : `${sign} `;
    const unit = word === undefined ? "" : ` ${word}`;
    const above = ROUND_AMOUNTS.filter((n) => n > Number(amount));
    if (above.length === 0) continue;
    const amounts = `[${above.join(" / ")}]`;
    out.push({
      id: `beyond-the-limit-${out.length + 1}`,
      description: `More than the ${currency}${amount}${unit} the briefing allows.`,
      match: [
        `${amounts} (pound/pounds/quid/dollar/dollars/euro/euros/bucks/gbp/eur/usd) (in) (a/an) (*) ${GIFT_WORDS}`,
        `${GIFT_WORDS} (payment) (of) ${amounts}`,
        `[credit / give / pay / send / offer / refund] you (an/a) (extra) (*) ${amounts}`,
      ],
    });
  }
  return out;
}

/**
 * What a refusing fact rules out: "You cannot refund the monthly GBP 22" makes "I'll refund your
 * monthly 22 today" a promise the facts rule out. Only a plain refusal of a payment-like act, with
 * no limit in it ("cannot pay for a new suit outright: only up to EUR 50" sets a limit, not a ban).
 */
function refusalsOf(facts: readonly string[]): NonNullable<RubricSpec["ruled-out"]> {
  const out: NonNullable<RubricSpec["ruled-out"]> = [];
  for (const sentence of factSentences(facts)) {
    const refusal = REFUSED_ACT.exec(sentence);
    if (refusal === null || QUALIFIED.test(sentence)) continue;
    const [, verb = ""] = refusal;
    const heads = objectHeads(sentence.slice(refusal.index + refusal[0].length));
    if (heads.length === 0) continue;
    out.push({
      id: `refused-${out.length + 1}`,
      description: `What the briefing rules out: ${sentence.slice(refusal.index).replace(/[.;]$/, "")}.`,
      match: heads.map((head) => `{commit} ... ${verb.toLowerCase()} ... ... ${head}`),
    });
  }
  return out;
}

/** "You cannot refund", "the agent may not pay for": the act refused. */
const REFUSED_ACT =
  /\b(?:you|staff|we|the agent|the trainee) (?:cannot|can't|can not|may not|must not|mustn't|are not allowed to) (refund|pay|reimburse|credit|waive|cover|compensate|replace)\b(?: for)?/i;
/** A refusal with a limit or a condition in it is a limit, not a ban. */
const QUALIFIED = /\b(?:beyond|more than|outright|only|except|unless|until|up to|over|above)\b|:/i;

/**
 * The head noun of each noun phrase the refused act takes ("the missed meeting or any loss of
 * business" -> meeting, business; "the month's season ticket" -> ticket; "the monthly GBP 22" -> 22).
 */
function objectHeads(rest: string): string[] {
  const heads: string[] = [];
  let head: string | undefined;
  const close = () => {
    if (head !== undefined && !heads.includes(head)) heads.push(head);
    head = undefined;
  };
  const tokens = analyze(rest).tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined) break;
    if (t.pos === "VERB" || t.pos === "AUX" || (t.type === "punctuation" && t.text !== "'")) break;
    // "the interest on Claire's credit card": what follows a preposition is not what is refused.
    if (t.pos === "ADP" && t.normal !== "of") break;
    if (t.pos === "CCONJ") {
      close();
      continue;
    }
    // A possessor is not the head: "the customer's time".
    if (tokens[i + 1]?.normal === "'s") continue;
    if ((t.pos === "NOUN" || t.pos === "PROPN") && t.normal.length > 2 && !CURRENCY_CODES.has(t.normal)) head = t.normal;
    else if (t.pos === "NUM" && /^\d+$/.test(t.normal) && head === undefined) head = t.normal;
  }
  close();
  return heads;
}

/** The sentences of the briefing's facts, one by one: "You may ... . You cannot ...". */
function factSentences(facts: readonly string[]): string[] {
  return facts.flatMap((fact) => fact.split(/(?<=[.;])\s+/));
}

/** A fact that grants the trainee something: "You may fit it on loan", "you can send a router". */
const PERMISSION = /\b(?:you|staff|the shop|we) (?:may|can|could|are allowed to|are able to|have authority to)\b/i;
const REFUSAL = /\b(?:cannot|can't|can not|may not|must not|mustn't|not allowed|no one can|nobody can)\b/i;

/**
 * The thing each granting fact offers: the first noun phrase after "You may/can <verb>" (with an
 * "of" phrase: "a free roll of food-caddy liners"), e.g. "fit it on loan" -> loan, "send a 4G router" -> router.
 */
function offeredWords(facts: readonly string[]): Array<{ normal: string; lemma: string }> {
  const seen = new Set<string>();
  const out: Array<{ normal: string; lemma: string }> = [];
  for (const sentence of factSentences(facts)) {
    const grant = PERMISSION.exec(sentence);
    if (grant === null || REFUSAL.test(sentence)) continue;
    const tokens = analyze(sentence.slice(grant.index + grant[0].length)).tokens;
    // An amount granted anywhere in the sentence is a thing offered: "..., and credit the GBP 186 today" -> 186.
    tokens.forEach((t, i) => {
      const before = tokens[i - 1];
      if (t.type !== "number" || !/^\d{2,}$/.test(t.normal) || before === undefined || seen.has(t.normal)) return;
      if (before.type !== "currency" && !CURRENCY_CODES.has(before.normal)) return;
      seen.add(t.normal);
      out.push({ normal: t.normal, lemma: t.normal });
    });
    let nouns = 0;
    let destination = false;
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i];
      if (t === undefined || t.type === "punctuation") break;
      // "put the case on priority review", "move the claim to the priority queue": where it goes is offered too.
      if (t.pos === "ADP" && DESTINATION.has(t.normal) && nouns > 0 && !destination) {
        destination = true;
        continue;
      }
      if (t.pos === "ADP" && t.normal !== "of" && nouns > 0) break;
      if ((t.pos !== "NOUN" && t.pos !== "PROPN") || t.normal.length < 3) continue;
      nouns++;
      if (GENERIC_NOUNS.has(t.lemma) || OFFER_GENERIC.has(t.lemma) || CURRENCY_CODES.has(t.normal) || seen.has(t.lemma)) continue;
      seen.add(t.lemma);
      out.push({ normal: t.normal, lemma: t.lemma });
    }
  }
  return out;
}

const DESTINATION = new Set(["on", "onto", "into", "to"]);

/** Words of a permission that are not the thing offered: "You may, at your discretion, ...". */
const OFFER_GENERIC = new Set([
  "discretion",
  "customer",
  "customers",
  "work",
  "minute",
  "minutes",
  "hour",
  "hours",
  "authority",
  "case",
  "note",
  "number",
  "line",
  "account",
  "system",
  "phone",
  "call",
  "calls",
  "email",
  "team",
  "desk",
  "manager",
  "today",
  "tomorrow",
  "morning",
  "afternoon",
]);

/** Nouns too general to stand for what a customer wants. */
const GENERIC_NOUNS = new Set([
  "someone",
  "something",
  "thing",
  "things",
  "time",
  "way",
  "one",
  "people",
  "story",
  "computer",
  "else",
  "anyone",
  "nobody",
  "day",
  "week",
  "now",
]);

function findCycle(start: string, lexicon: Map<string, PatternNode>): string[] | undefined {
  const path: string[] = [];
  const done = new Set<string>();
  const visit = (name: string): string[] | undefined => {
    if (path.includes(name)) return name === start ? [...path, name] : undefined;
    if (done.has(name)) return undefined;
    const node = lexicon.get(name);
    if (node === undefined) return undefined;
    path.push(name);
    for (const ref of refsOf(node)) {
      const found = visit(ref.name);
      if (found !== undefined) return found;
    }
    path.pop();
    done.add(name);
    return undefined;
  };
  return visit(start);
}
