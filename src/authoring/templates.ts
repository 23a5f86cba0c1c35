/**
 * The files `coach new` writes: a scenario or a rubric, commented field by field, that passes
 * `coach validate` and `coach test` as written (warning only of the placeholder text left to
 * replace), ready for the trainer to make their own.
 * Pure: answers in, YAML text out.
 */
import { stringify } from "yaml";

export interface ScenarioAnswers {
  id: string;
  title: string;
  difficulty: "easy" | "medium" | "hard";
  rubric: string;
  customerName: string;
  wants: string;
  opening: string;
}

export interface RubricAnswers {
  id: string;
  title: string;
}

/**
 * Sentences the templates leave for the trainer to replace. `coach validate` warns while a file
 * still holds one (placeholder-text), so a template copied unchanged does not pass --strict.
 */
export const PLACEHOLDERS = [
  "Describe what has happened so far, as the trainee knows it: what the customer bought or asked for, what went wrong, who already tried what.",
  "What the trainee can offer, and by when.",
  "Describe how they talk and what they have been through.",
  "What this rubric scores, in one sentence.",
] as const;

/** The default rubric; the scenario template's examples are written for it. */
export const DEFAULT_RUBRIC = "complaint-handling";

/** Ids name files too, so they stay short: at most 64 characters. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** An id from free text: "Late Parcel!" -> "late-parcel". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** "late-parcel" -> "Late parcel". */
export function titleFromId(id: string): string {
  const words = id.replace(/-+/g, " ").trim();
  return words.length === 0 ? id : words[0]?.toUpperCase() + words.slice(1);
}

/** A one-line YAML value: plain when it can be, quoted when it must be. */
export function scalar(value: string): string {
  const text = stringify(value, { lineWidth: 0 }).trimEnd();
  return text.includes("\n") ? JSON.stringify(value) : text;
}

export function scenarioDefaults(id: string, title?: string): ScenarioAnswers {
  return {
    id,
    title: title ?? titleFromId(id),
    difficulty: "medium",
    rubric: DEFAULT_RUBRIC,
    customerName: "Alex",
    wants: "The order they paid for, or a date they can trust.",
    opening: "I ordered this two weeks ago and it still hasn't come. Nobody answers my emails. What is going on?",
  };
}

function examplesFor(rubric: string): string {
  if (rubric !== DEFAULT_RUBRIC) {
    return `# Run by \`coach test\`: each reply must get these levels (0-3) from rubric \`${rubric}\`.
# examples:
#   - reply: "A reply a trainee might give."
#     expect: { some-criterion: ">=2" }
#     note: Why it should score that way.
`;
  }
  return `# Run by \`coach test\`: each reply must get these levels (0-3) with this scenario's rubric and
# signals. Replace them with replies from your story: one that fails, one that does well.
examples:
  - reply: "The courier is responsible for the delay, not us."
    flags: [blame]
    expect: { ownership: 0 }
    note: Blame costs ownership whatever else is said.
  - reply: >-
      I'm sorry your order is late. I'll call the courier now and call you back by 3 today with a
      delivery date.
    expect: { ownership: ">=2", process: ">=2" }
    note: Takes it on, with a time and a call back.
`;
}

export function scenarioTemplate(a: ScenarioAnswers, schema: string): string {
  return `# yaml-language-server: $schema=${schema}
#
# ${a.title}: a complaint scenario for complaint coach, written by \`coach new\`.
# Every field is explained in docs/authoring.md; your editor completes and checks them through the
# schema line above. After each change: coach validate && coach test
id: ${a.id}
title: ${scalar(a.title)}
difficulty: ${a.difficulty}
# The rubric that scores the trainee's replies (coach list shows the ones you have).
rubric: ${a.rubric}

# What the trainee reads before the customer speaks.
briefing:
  role: You work at the customer desk.
  situation: >-
    Describe what has happened so far, as the trainee knows it: what the customer bought or asked
    for, what went wrong, who already tried what.
  # What the trainee knows and may do. Reward only what is possible here.
  facts:
    - What the trainee can offer, and by when.

customer:
  name: ${scalar(a.customerName)}
  persona: Polite but tired of chasing. Describe how they talk and what they have been through.
  # furious, angry, annoyed, neutral, calm or pleased
  mood: annoyed
  wants: ${scalar(a.wants)}

# Words this story adds to the rubric's lexicon entries, e.g. what the customer wants:
# lexicon:
#   want:
#     - order
#     - parcel

# Scenario rules added to the rubric's criteria, e.g. what "the outcome" means here:
# signals:
#   outcome:
#     - id: ${a.id}-interim
#       gives: 2
#       match: "[send / give] (you) a replacement"
#       feedback:
#         hit: A replacement now is what the customer wants.

# The customer's turns. The first one opens the conversation. In each turn the branches are tried
# top to bottom and the first whose \`if\` holds picks the next turn (or \`end\`); the last branch has
# no \`if\`, so there is always a way on. \`mood\` moves the customer calmer (+) or angrier (-).
turns:
  - id: open
    customer: ${scalar(a.opening)}
    model: >-
      Two weeks of waiting and no reply to your emails: I'd be fed up too, and I'm sorry. Leave it
      with me: I'll call the courier now and call you back by 3 today with a delivery date. If it
      has gone missing, I'll send it again today, at no cost. Which day suits you for delivery?
    hint: Acknowledge the wait, take it on yourself, and agree a next step with a time.
    branches:
      - if: { flag: blame }
        mood: -2
        next: not-my-problem
        note: Blaming someone else makes it worse.
      - if: { promise: timed, min: { ownership: 2 } }
        mood: 2
        next: follow-up
        note: A promise with a time calms the customer.
      - mood: -1
        next: follow-up

  - id: not-my-problem
    customer: I don't care whose fault it is. What are you going to do about it?
    model: >-
      You're right, and I'm sorry: two weeks of chasing and no answer is too long. I'll call the
      courier myself now and ring you back by 3 today with a date. If they can't give me one, I'll
      send it again today, free of charge.
    hint: Don't defend. Say what you will do, and by when.
    branches:
      - if: { promise: timed }
        mood: 1
        next: follow-up
      - mood: -2
        next: end

  # Time can pass: \`skip\` shows a scene break, and the customer can hold the trainee to a promise.
  - id: follow-up
    skip: Later that day
    customer:
      timed: "You said you'd {promise} {due}. So, what did you find out?"
      vague: "You said you'd {promise}. I've heard nothing. Has anything happened?"
      none: Nobody called me back. I'm asking again.
    model: >-
      I called the courier at 2, as I said: it arrives tomorrow before noon. I'm sorry it took
      two weeks of chasing. I've refunded the delivery fee for the trouble, and I'll call you
      tomorrow at 1 to check it arrived.
    hint: Give the news first, then what you did about it.
    branches:
      - if: { min: { outcome: 2 } }
        mood: 2
        next: end
      - mood: -1
        next: end

# How the conversation ends, by final mood: the first ending the customer's mood reaches is shown.
# The last one has no mood: it is the fallback.
endings:
  - mood: calm
    text: ${scalar(`${a.customerName} thanks you and waits for your call.`)}
  - text: ${scalar(`${a.customerName} leaves, still without what they came for.`)}

${examplesFor(a.rubric)}`;
}

export function rubricTemplate(a: RubricAnswers, schema: string): string {
  return `# yaml-language-server: $schema=${schema}
#
# ${a.title}: a rubric for complaint coach, written by \`coach new\`. docs/authoring.md explains
# every field and the rule notation. After each change: coach validate && coach test
#
# How a criterion gets its level (0-3):
#   - every rule whose pattern (and conditions) match somewhere in the reply fires, once;
#   - the criterion gets the highest \`gives\` among the rules that fired (0 if none);
#   - a rule with \`caps\`, or a raised flag with \`caps\`, holds the level down whatever else fired.
# The reply's score (0-100) is the criteria's levels weighted by \`weight\`.
id: ${a.id}
title: ${scalar(a.title)}
description: What this rubric scores, in one sentence.

# Named lists of phrases, used in patterns as {name}. Scenarios add their own words to these.
lexicon:
  # A time a customer can hold you to.
  time:
    - today/tonight/tomorrow/now
    - this morning/afternoon/evening
    - (by/before/at) {number} (am/pm)
    - within the hour
  # Who a trainee could hide behind.
  third-party:
    - courier/supplier/producer/manufacturer/system
  # What the customer wants; scenarios add the thing itself.
  want:
    - refund/replacement/repair/delivery

# Flags a rule can raise, with what they cost while raised.
flags:
  blame:
    title: Blame-shifting
    feedback: You put the problem on someone else. Take responsibility for your part instead.
    caps: { ownership: 0 }

criteria:
  - id: ownership
    title: Ownership
    weight: 30
    levels:
      "0": Blames others or takes nothing on.
      "1": Says something will happen.
      "2": Takes the next step on personally.
      "3": Takes it on personally, with a time.
    rules:
      - id: will-do
        gives: 1
        description: Says something will happen.
        match: will call/check/look/sort/send
        feedback:
          hit: You said something will happen.
          miss: 'Say what will happen next: "I will check it."'
      - id: i-will
        gives: 2
        description: The trainee takes the step on personally.
        match: will call/check/look/sort/send
        actor: self
        feedback:
          hit: You took the next step on yourself.
          miss: 'Make the next step yours: "I will call them."'
      - id: i-will-timed
        gives: 3
        match: will call/check/look/sort/send
        actor: self
        with: "{time}"
        feedback:
          hit: You took it on yourself and gave it a time.
          miss: 'Give your step a time: "I will call them today."'
      - id: blames
        flag: blame
        match: ["{third-party} be responsible", "[their / the {third-party}'s] fault"]
        feedback:
          hit: Pointing at someone else costs the customer's trust.
    examples:
      - reply: "I will call the courier today."
        level: 3
      - reply: "The courier is responsible for the delay."
        level: 0

  - id: empathy
    title: Empathy
    weight: 20
    levels:
      "0": No acknowledgement.
      "1": A generic apology.
      "2": Names what the customer went through.
      "3": Names it in the customer's own terms.
    rules:
      - id: sorry
        gives: 1
        match: sorry/apologise/apologize
        feedback:
          hit: You apologised.
          miss: Acknowledge the customer before anything else.
      - id: names-feeling
        gives: 2
        match: frustrating/annoying/worrying/stressful/upsetting
        feedback:
          hit: You named what the customer went through.
          miss: 'Name it: "That must be frustrating."'
    examples:
      - reply: "That must be so frustrating."
        level: 2
      - reply: "Please hold."
        level: 0

  - id: process
    title: Process agreements
    weight: 25
    levels:
      "0": No next step.
      "1": A next step without a time.
      "2": A next step with a time.
      "3": A next step with a time, and when the customer hears back.
    rules:
      - id: next-step
        gives: 1
        match: will call/email/check/chase
        feedback:
          hit: You named a next step.
          miss: 'Name the next step: "I will call the courier."'
      - id: timed-step
        gives: 2
        match: will call/email/check/chase
        with: "{time}"
        feedback:
          hit: Your next step has a time.
          miss: 'Give it a time: "I will call them this morning."'
      - id: call-back
        gives: 3
        match: "[call / ring / email] you back"
        with: "{time}"
        requires: [timed-step]
        feedback:
          hit: The customer knows when they will hear from you.
          miss: 'Say when they hear back: "and call you back by 3."'
    examples:
      - reply: "I will call the courier now and call you back by 3."
        level: 3
      - reply: "Thanks for waiting."
        level: 0

  - id: outcome
    title: Outcome focus
    weight: 25
    levels:
      "0": Ignores what the customer wants.
      "1": Mentions what the customer wants.
      "2": Delivers it, or commits to it.
      "3": Delivers it and adds a small surprise.
    rules:
      - id: mentions-want
        gives: 1
        match: "{want}"
        feedback:
          hit: You kept what the customer wants in view.
          miss: Name what the customer wants.
      - id: delivers
        gives: 2
        match: will send/refund/replace/repair/deliver
        feedback:
          hit: You committed to what the customer wants.
          miss: 'Commit to it: "I will send a replacement today."'
    examples:
      - reply: "I will send a replacement today."
        level: 2
      - reply: "Thank you for calling."
        level: 0
`;
}
