/**
 * The one source of truth for the two content formats trainers write: rubrics and scenarios.
 * The JSON Schemas beside the shipped files are generated from these (`npm run schemas`),
 * and a test keeps them current.
 */
import { z } from "zod";

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lower-case words joined by hyphens, like `bike-shifter`")
  .describe("A stable identifier: lower-case letters, digits and hyphens.");

/** A pattern in the rule notation (see docs/authoring.md), or several of which any may match. */
const pattern = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .describe(
    'Rule notation: words match every form (call = calls, calling, called); a/b/c are alternatives; [speak to / talk to] groups alternatives of several words; (right) marks optional words; "exact" matches one form only; {name} is a lexicon entry; * is any word; ... is a gap of up to four words. A list means any of them.',
  );

const levelNumber = z.number().int().min(0).max(3);

/** An expected level: an exact level (2) or a range (">=2", "<=1", "1-2"). */
export const levelExpectation = z
  .union([levelNumber, z.string().regex(/^\s*(?:[<>]=?\s*[0-3]|[0-3]\s*-\s*[0-3])\s*$/)])
  .describe('A level 0-3, or a range: ">=2", "<=1", "1-2".');

/** An expected score: an exact score or a range (">=70", "<35", "40-60"). */
export const scoreExpectation = z
  .union([z.number().min(0).max(100), z.string().regex(/^\s*(?:[<>]=?\s*\d{1,3}|\d{1,3}\s*-\s*\d{1,3})\s*$/)])
  .describe('A score 0-100, or a range: ">=70", "<35", "40-60".');

const feedback = z
  .strictObject({
    hit: z.string().min(1).optional().describe("Shown when the rule fires: what the trainee did and why it matters."),
    miss: z
      .string()
      .min(1)
      .optional()
      .describe("Shown when the rule is missing and would raise the level: what to do instead, with an example."),
  })
  .describe("Feedback for the trainee.");

export const actorValues = ["self", "team", "we", "customer", "third-party", "none", "any"] as const;

export const ruleSchema = z
  .strictObject({
    id: id.describe("Unique within the rubric (and the scenario's signals)."),
    title: z
      .string()
      .min(1)
      .optional()
      .describe('What the trainee reads for this rule, in a few words: "a call-back with a time". Default: the description.'),
    description: z.string().optional().describe("What the rule looks for, in plain words."),
    gives: levelNumber.optional().describe("The level this rule earns for its criterion when it fires (the highest earned level counts)."),
    caps: levelNumber.optional().describe("When the rule fires, the criterion can be at most this level (for violations such as blame)."),
    flag: id.optional().describe("A flag raised on the reply when the rule fires (e.g. blame, works-here)."),
    match: pattern.describe("What to look for, in the rule notation."),
    actor: z
      .enum(actorValues)
      .optional()
      .describe(
        "Who acts in the matched words: self (I, me, let me), team (we, us, our team), we (self or team), customer (you), third-party (they, the producer, the system), none (no subject), any (default).",
      ),
    negated: z
      .union([z.boolean(), z.literal("any")])
      .optional()
      .describe("false (default): only when not negated ('I won't call' does not count); true: only when negated; any: either."),
    with: pattern.optional().describe("Another pattern that must occur in the same sentence, e.g. {time}."),
    without: pattern.optional().describe("A pattern that must not occur in the same sentence."),
    question: z.boolean().optional().describe("true: only in a question; false: only outside questions."),
    requires: z.array(id).optional().describe("Other rules of the same criterion that must also fire for this one to count."),
    at: z
      .enum(["opening", "later", "after-skip", "no-skip"])
      .optional()
      .describe(
        "Only at these turns: the opening, any later turn, a turn after a time skip (where reporting back on a promise is the point), or any turn but those (no-skip). Default: every turn.",
      ),
    unless: z
      .array(id)
      .optional()
      .describe(
        "Rules (of any criterion) that, when any of them fires anywhere in the reply, stop this one counting: 'they're down to be collected' hides behind the system only when nothing else is done.",
      ),
    asserted: z
      .boolean()
      .optional()
      .describe(
        "true: the rule counts only the trainee's own assertions, not words they quote or report ('you were told...') or imagine ('I would if...', 'we might have...'). Default: true for rules with `actor` or `flag`, false otherwise.",
      ),
    offer: levelNumber
      .optional()
      .describe(
        "The most this rule gives when its words are asked as a question: 'would it help if I fitted the spare today?' is an offer, not yet a commitment.",
      ),
    feedback: feedback.optional(),
  })
  .describe("A rule: when its pattern and conditions match a sentence, it gives or caps a level.");

const exampleReply = z.strictObject({
  reply: z.string().describe("A trainee reply."),
  level: levelExpectation.describe("The level this criterion must get for the reply."),
  note: z.string().optional().describe("Why the reply should get that level, for other trainers."),
});

const criterionSchema = z.strictObject({
  id: id.describe("The criterion id, e.g. ownership, empathy, process, outcome."),
  title: z.string().min(1).describe("The criterion's name as the trainee sees it on the scorecard."),
  weight: z.number().positive().describe("Relative weight in the overall score; weights should add up to 100."),
  description: z.string().optional().describe("What the criterion is about, in plain words."),
  levels: z
    .strictObject({
      "0": z.string().min(1).describe("Level 0: absent or violated."),
      "1": z.string().min(1).describe("Level 1: weak."),
      "2": z.string().min(1).describe("Level 2: solid."),
      "3": z.string().min(1).describe("Level 3: exemplary."),
    })
    .describe("What each level means, in a trainer's words."),
  rules: z
    .array(ruleSchema)
    .min(1)
    .describe("The rules that decide the level: the highest `gives` that fired counts, and every `caps` that fired holds it down."),
  examples: z.array(exampleReply).optional().describe("Example replies with the level they must get; run by `coach test`."),
});

const lexicon = z
  .record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.array(z.string().min(1)))
  .describe("Named lists of phrases (in the rule notation), used in patterns as {name}.");

/** Promises the facts rule out: in a scenario (its own facts) or a rubric (any scenario's). */
const ruledOut = z
  .array(
    z.strictObject({
      id: id.describe("Unique within the scenario."),
      description: z.string().optional().describe("What the briefing's facts rule out, in plain words."),
      match: pattern.describe("A promise the facts rule out, in the rule notation: 'guarantee', 'new one by Friday'."),
      with: pattern.optional().describe("Another pattern that must occur in the same sentence."),
      without: pattern.optional().describe("A pattern that must not occur in the same sentence."),
      turns: z
        .array(id)
        .optional()
        .describe("The turns where the facts rule it out (default: every turn); after a time skip, news can make it a fact."),
    }),
  )
  .optional()
  .describe(
    "Promises the briefing's facts rule out (a date nobody can know, a gift beyond what is allowed). A commitment in such a sentence earns at most level 1 and raises the over-promise flag; the rest of the reply is scored as usual.",
  );

const schemaLink = z
  .string()
  .optional()
  .describe("The JSON Schema this file is checked against; `coach schema` writes one beside your files.");

export const rubricSchema = z
  .strictObject({
    $schema: schemaLink,
    id,
    title: z.string().min(1).describe("The rubric's name, shown in `coach list`."),
    description: z.string().optional().describe("What this rubric scores, in one sentence."),
    lexicon: lexicon.optional(),
    criteria: z
      .array(criterionSchema)
      .min(1)
      .describe("The behaviours a reply is scored on, each 0-3; the default rubric has ownership, empathy, process and outcome."),
    "ruled-out": ruledOut,
    flags: z
      .record(
        id,
        z.strictObject({
          title: z.string().min(1).describe("The flag's name as the trainee sees it, e.g. Blame-shifting."),
          feedback: z.string().min(1).describe("What the trainee is told when the flag is raised."),
          caps: z.record(id, levelNumber).optional().describe("While the flag is raised, each named criterion is at most this level."),
          spares: z
            .record(id, levelNumber)
            .optional()
            .describe(
              "A level at least this high, earned in the same reply, survives the cap: blame costs ownership, but a refund actually done still counts for outcome.",
            ),
          "unless-disowned": z
            .boolean()
            .optional()
            .describe(
              "true: a sentence that judges the words wrong does not raise the flag ('the answer you got, that it works here, was wrong'; 'those texts should never have gone out').",
            ),
        }),
      )
      .optional()
      .describe("Flags the rules may raise, with what they mean for the trainee."),
  })
  .describe("A complaint-handling rubric: criteria, their weights, the rules for each level.");

export const moodValues = ["furious", "angry", "annoyed", "neutral", "calm", "pleased"] as const;

/** One name or several, any of which will do. */
const names = z.union([id, z.array(id).min(1)]);

export const promiseKinds = ["call-back", "step", "any"] as const;
const promiseKind = z
  .enum(promiseKinds)
  .describe("call-back: a promise to get back to the customer (call you, let you know); step: any other; any: either.");

/** What a branch, a customer line, a narration or an ending can depend on; every given condition must hold. */
export interface ConditionSpec {
  flag?: string;
  min?: Record<string, number>;
  max?: Record<string, number>;
  score?: number | string;
  asked?: boolean;
  promise?: "timed" | "vague" | "none";
  said?: string | string[];
  "said-before"?: string | string[];
  offered?: string | string[];
  promised?: string | string[];
  delivered?: string | string[];
  open?: (typeof promiseKinds)[number];
  due?: (typeof promiseKinds)[number];
  kept?: (typeof promiseKinds)[number];
  missed?: (typeof promiseKinds)[number];
  visited?: string | string[];
  any?: ConditionSpec[];
  all?: ConditionSpec[];
  not?: ConditionSpec;
}

const condition: z.ZodType<ConditionSpec> = z
  .strictObject({
    flag: id.optional().describe("The reply raised this flag (e.g. blame)."),
    min: z.record(id, levelNumber).optional().describe("Each named criterion reached at least this level."),
    max: z.record(id, levelNumber).optional().describe("Each named criterion is at most this level."),
    score: scoreExpectation.optional().describe("The reply's score is in this range."),
    asked: z.boolean().optional().describe("The reply asked the customer a question."),
    promise: z
      .enum(["timed", "vague", "none"])
      .optional()
      .describe("The commitments made so far: at least one with a time, only vague ones, or none."),
    said: names.optional().describe("A rule, signal, ruled-out promise or flag (by id) fired in this reply; a list means any of them."),
    "said-before": names.optional().describe("A rule, signal, ruled-out promise or flag (by id) fired in an earlier reply of the session."),
    offered: names.optional().describe("A thing (see `things`) was offered so far, or promised, or delivered."),
    promised: names.optional().describe("A thing was promised so far (a commitment to give it), or delivered."),
    delivered: names.optional().describe("A thing was delivered so far (said done, or a promise to give it kept at a time skip)."),
    open: promiseKind.optional().describe("A promise of this kind is open: made, and not yet due."),
    due: promiseKind
      .optional()
      .describe("A promise of this kind came due at the latest time skip, and the scenario did not say what became of it."),
    kept: promiseKind
      .optional()
      .describe("A promise of this kind came due at the latest time skip and was kept (the turn's `promises:` says so)."),
    missed: promiseKind
      .optional()
      .describe("A promise of this kind came due at the latest time skip and was missed (the turn's `promises:` says so)."),
    visited: names.optional().describe("The customer has said this turn's line in this session (the path taken)."),
    get any() {
      return z.array(condition).min(1).optional().describe("At least one of these conditions holds.");
    },
    get all() {
      return z.array(condition).min(1).optional().describe("Every one of these conditions holds.");
    },
    get not() {
      return condition.optional().describe("This condition does not hold.");
    },
  })
  .meta({ id: "condition" })
  .describe("All given conditions must hold.");

const branch = z
  .strictObject({
    if: condition.optional().describe("When to take this branch; a branch without `if` always matches."),
    mood: z.number().int().min(-5).max(5).optional().describe("How the customer's mood moves (+ calmer, - angrier)."),
    next: z.string().min(1).describe("The id of the next turn, or `end`."),
    note: z.string().optional().describe("Why this branch exists, for other trainers."),
  })
  .describe("The first branch whose conditions hold picks the customer's next turn.");

/** A line with variants: the first whose `if` holds is said; the last should have no `if`. */
const variants = (what: string) =>
  z
    .array(
      z.strictObject({
        if: condition.optional().describe("When this variant is said; without `if` it always is."),
        text: z.string().min(1).describe(`${what}. {promise} and {due} fill in from the promise its ledger condition found.`),
      }),
    )
    .min(1);

const customerLine = z
  .union([
    z.string().min(1),
    z.strictObject({
      timed: z.string().min(1).optional().describe("When a promise with a time was made: {promise} and {due} fill in."),
      vague: z.string().min(1).optional().describe("When only vague promises were made: {promise} fills in."),
      none: z.string().min(1).describe("When nothing was promised."),
    }),
    variants("What the customer says"),
  ])
  .describe(
    "What the customer says: one line; or variants tried top to bottom, each with an `if` on the story so far (what was said, offered, delivered, promised); or the first format's timed/vague/none.",
  );

const promiseOutcome = z.enum(["kept", "missed", "due"]);
const turn = z.strictObject({
  id,
  skip: z.string().min(1).optional().describe('Time passes before this turn: shown as a scene break, e.g. "The next day, 12:15".'),
  narration: z
    .union([z.string(), variants("What happened in the meantime")])
    .optional()
    .describe("What happened in the meantime, told to the trainee: one text, or variants with `if` like the customer's line."),
  promises: z
    .strictObject({
      "call-back": promiseOutcome.optional().describe("Promises to get back to the customer."),
      step: promiseOutcome.optional().describe("Every other promise."),
    })
    .optional()
    .describe(
      "At a time skip: what became of the promises with a time that came due. kept (narrate it; a thing it promised is delivered), missed (the customer says so), due (default: the customer holds the trainee to it). A promise without a time is always due.",
    ),
  customer: customerLine,
  model: z.string().min(1).describe("A model answer to this turn, shown beside the trainee's."),
  hint: z.string().optional().describe("What a good reply to this turn needs, shown on /hint."),
  signals: z
    .record(id, z.array(ruleSchema))
    .optional()
    .describe(
      "Rules for this turn only, keyed by criterion id: what the outcome is at this point (after a time skip, reporting back on the promise). A rule with the id of a rubric or scenario rule replaces it here.",
    ),
  branches: z
    .array(branch)
    .min(1)
    .describe("Where the conversation goes next: tried top to bottom, the first whose `if` holds is taken; end with one without `if`."),
});

const scenarioExample = z.strictObject({
  turn: z.string().optional().describe("The turn the reply answers (default: the first)."),
  reply: z.string().describe("A trainee reply."),
  expect: z.record(id, levelExpectation).optional().describe("The level each named criterion must get."),
  score: scoreExpectation.optional().describe("The overall score (0-100) the reply must get."),
  flags: z.array(id).optional().describe("Flags the reply must raise."),
  note: z.string().optional().describe("Why the reply should score that way, for other trainers."),
});

export const scenarioSchema = z
  .strictObject({
    $schema: schemaLink,
    id,
    title: z.string().min(1).describe("Shown in `coach list` and at the start of a session."),
    difficulty: z.enum(["easy", "medium", "hard"]).describe("How hard the customer is to handle: easy, medium or hard."),
    rubric: id.describe("The id of the rubric this scenario is scored with."),
    source: z.string().optional().describe("Where the story comes from."),
    clock: z
      .string()
      .min(1)
      .optional()
      .describe(
        'When the story starts, e.g. "Tuesday 17:40": with it, a time skip knows which promises came due ("by 10" has by the next day).',
      ),
    briefing: z
      .strictObject({
        role: z.string().min(1).describe("Who the trainee is."),
        situation: z.string().min(1).describe("What has happened, as the trainee knows it."),
        facts: z.array(z.string()).optional().describe("What the trainee knows or can do."),
      })
      .describe("What the trainee reads before the customer speaks."),
    customer: z
      .strictObject({
        name: z.string().min(1).describe("The customer's name."),
        persona: z.string().min(1).describe("How they talk, what they have been through."),
        mood: z.enum(moodValues).describe("The customer's mood at the start."),
        wants: z.string().min(1).describe("What the customer actually wants."),
      })
      .describe("Who the trainee is talking to."),
    lexicon: lexicon.optional().describe("Scenario words added to the rubric's lexicon, e.g. want: [shifter, ride] for {want}."),
    signals: z
      .record(id, z.array(ruleSchema))
      .optional()
      .describe("Scenario-specific rules added to the rubric's criteria (keyed by criterion id)."),
    "ruled-out": ruledOut,
    things: z
      .record(
        id,
        z.strictObject({
          description: z.string().optional().describe("What the thing is, in plain words."),
          offered: names.optional().describe("Rules or signals (by id) whose firing offers it; said as a commitment, it is promised."),
          delivered: names.optional().describe("Rules or signals (by id) whose firing means it was given."),
        }),
      )
      .optional()
      .describe(
        "What the trainee can give the customer in this story (the spare shifter, the refund, the files), and the rules that say it was offered or delivered. Conditions then ask `offered:`, `promised:`, `delivered:`.",
      ),
    feedback: z
      .record(id, feedback)
      .optional()
      .describe(
        "This scenario's own feedback for any rubric rule or flag (by id): hit and miss, as in a rule. Placeholders work here too.",
      ),
    turns: z.array(turn).min(1).describe("The customer's turns; the first one opens the conversation."),
    endings: z
      .array(
        z.strictObject({
          if: condition
            .optional()
            .describe("Used only when this holds, on the last reply and the story so far (what was said, delivered, the turns visited)."),
          mood: z.enum(moodValues).optional().describe("Used when the final mood is at least this calm."),
          text: z.string().min(1).describe("Told to the trainee: what became of the customer, in the second person where you appear."),
        }),
      )
      .min(1)
      .describe(
        "How the conversation ends: the first ending whose `if` holds and whose `mood` the customer reached; the last one, without either, is the fallback.",
      ),
    examples: z
      .array(scenarioExample)
      .optional()
      .describe("Example replies with the levels they must get, scored with this scenario; run by `coach test`."),
  })
  .describe("A complaint scenario: the customer, their turns, the branches and model answers.");

export type RuleSpec = z.infer<typeof ruleSchema>;
export type RubricSpec = z.infer<typeof rubricSchema>;
export type CriterionSpec = RubricSpec["criteria"][number];
export type ScenarioSpec = z.infer<typeof scenarioSchema>;
export type TurnSpec = ScenarioSpec["turns"][number];
export type BranchSpec = TurnSpec["branches"][number];
export type EndingSpec = ScenarioSpec["endings"][number];
export type ThingSpec = NonNullable<ScenarioSpec["things"]>[string];
export type PromiseKind = (typeof promiseKinds)[number];
export type Mood = (typeof moodValues)[number];
