/**
 * The shipped scenarios played along their branches: each path is a scripted session (a reply, or "M"
 * for the turn's model answer) with the turns it must visit, words the customer's lines and the
 * narration must say (or must not), and words of the ending. These are the play-throughs the scenarios
 * were checked with by hand, kept so the story goes on answering what was said, offered, delivered
 * and promised: nothing given is asked for again, a call-back due before a skip is picked up after it.
 *
 * And the model answers, played turn by turn as the branches pick them, reach 85 with the best ending.
 */
import { describe, expect, it } from "vitest";
import type { ScenarioSpec } from "../../src/content/schema.js";
import { applyReply, type SessionState, startSession, summarise } from "../../src/engine/session.js";
import { rubric, scenario } from "../helpers/content.js";

const NOW = new Date("2026-11-24T10:00:00Z");
const IDS = ["bike-shifter", "double-charge", "failed-download", "missed-bin", "out-of-town-repair"];

interface Played {
  state: SessionState;
  /** Every customer line and narration, in order. */
  text: string;
}

function play(s: ScenarioSpec, replies: readonly string[]): Played {
  const r = rubric(s.rubric);
  let state = startSession(s, r, { mode: "practice", now: NOW });
  const said: string[] = [];
  const hear = () => {
    if (state.line === undefined) return;
    if (state.line.narration !== undefined) said.push(state.line.narration);
    said.push(state.line.text);
  };
  hear();
  for (const reply of replies) {
    if (state.ended) break;
    const turn = s.turns.find((t) => t.id === state.turn);
    state = applyReply(state, reply === "M" ? (turn?.model ?? "") : reply, s, r);
    hear();
  }
  return { state, text: said.join("\n").replace(/\s+/g, " ") };
}

interface Path {
  name: string;
  replies: string[];
  turns: string[];
  says?: string[];
  never?: string[];
  ending: string;
}

const PATHS: Record<string, Path[]> = {
  "bike-shifter": [
    {
      name: "the model answers: asked what to propose, the spare fitted, the call-back kept",
      replies: ["M", "M", "M"],
      turns: ["open", "riding", "on-the-spare"],
      says: ["Tell them it's been three and a half weeks", "That evening you fitted the spare shifter", "thanks for ringing with the news"],
      never: ["still in the workshop"],
      ending: "your free service",
    },
    {
      name: "blame, then the spare promised now",
      replies: ["The producer is responsible for the delay, not us. We just send the parts.", "M", "M"],
      turns: ["open", "only-door", "on-the-spare"],
      says: ["I'm not asking whose fault it is", "The spare works fine"],
      ending: "remembers being told whose fault it was",
    },
    {
      name: "reading the screen out",
      replies: ["The system says it's with the producer, awaiting assessment. That's all I can see.", "M", "M"],
      turns: ["open", "only-door", "on-the-spare"],
      says: ["what your screen says"],
      ending: "knows who is on it",
    },
    {
      name: "nothing I can do",
      replies: ["Honestly there's nothing I can do, it's with the producer.", "M", "M"],
      turns: ["open", "only-door", "on-the-spare"],
      says: ["Nothing you can do?"],
      never: ["what your screen says"],
      ending: "knows who is on it",
    },
    {
      name: "excuses about the shop",
      replies: ["Sorry, we're swamped and my colleague is only part-time.", "M", "M"],
      turns: ["open", "only-door", "on-the-spare"],
      says: ["who was busy or who works part-time"],
      ending: "whose fault it was",
    },
    {
      name: "a date for the producer, held against 'a few days', then taken back",
      replies: ["I'm sorry it's taken so long. It'll be back by Friday, I'll make sure of it.", "M", "M"],
      turns: ["open", "heard-that", "on-the-spare"],
      says: ['your colleague told me "a few days"'],
      ending: "knows who is on it",
    },
    {
      name: "a date twice",
      replies: ["It'll be back by Friday, I promise.", "It will definitely be back by Friday."],
      turns: ["open", "heard-that"],
      ending: "a promise only the producer could have made",
    },
    {
      name: "a timed call-back only: kept, and the spare asked for the same day",
      replies: ["I'm sorry. I will call the producer tomorrow at 8:30 and call you by 10 with their answer.", "Ok, ten days then.", "M"],
      turns: ["open", "next-day", "ten-days"],
      says: ["You rang Sander with the news", "Thanks for ringing, as you said you would", "Ten more days. That makes nearly five weeks"],
      ending: "knows who is on it",
    },
    {
      name: "the producer chased, nobody told him",
      replies: ["I'll call the producer at 8:30 tomorrow.", "M"],
      turns: ["open", "next-day"],
      says: ["You had not said when you would tell Sander", "Yesterday you said you'd call the producer at 8:30 today. Did you?"],
      ending: "rides home",
    },
    {
      name: "nothing said: he never hears the news, so he does not quote it",
      replies: ["ok", "ok", "ok", "ok"],
      turns: ["open", "what-now", "next-day", "ten-days"],
      says: ["Nobody has told Sander yet", "I still don't know what the producer said"],
      never: ["Ten more days"],
      ending: "still has no shifter",
    },
    {
      name: "the spare for tomorrow: not fitted yet the next noon",
      replies: ["Sorry about that. I'll fit the spare shifter tomorrow after work.", "M"],
      turns: ["open", "on-the-spare"],
      says: ["set aside in the workshop", "when can I come in and have it fitted"],
      never: ["rode to work"],
      ending: "wheels his bike in",
    },
    {
      name: "the spare fitted, nothing said the next day",
      replies: ["We have a spare shifter in the workshop. I'll fit it now, so you can ride home tonight.", "ok thanks", "M"],
      turns: ["open", "on-the-spare", "who-calls"],
      says: ["Nobody has told Sander yet", "Ten more days on a borrowed shifter"],
      ending: "knows who is on it",
    },
  ],
  "double-charge": [
    {
      name: "the model answers: refunded at the desk, a call on Monday at 10 still to come",
      replies: ["M", "M", "M"],
      turns: ["open", "how-long", "monday"],
      says: ["A case in your name", "The refund left the store on Wednesday", "I know you said you'd call me on Monday at 10"],
      ending: "spends the gift card",
    },
    {
      name: "blaming her email: she answers it",
      replies: ["Did you email the store like you were told?", "M", "M", "M"],
      turns: ["open", "not-my-problem", "how-long", "monday"],
      says: ["Yes, I emailed, like I was told"],
      ending: "one phone call too many",
    },
    {
      name: "a refund only promised, then for Friday: Monday finds both charges",
      replies: ["I'll refund it for you. Leave it with me.", "I'll do it by Friday.", "M"],
      turns: ["open", "procedure", "still-charged"],
      says: ["You'll refund it. That's what I was told", "never put through", "you'd do it by Friday. Nothing happened"],
      never: ["left the store on Wednesday"],
      ending: "a week and several phone calls later",
    },
    {
      name: "a gift card instead of the refund",
      replies: ["I can give you a $50 gift card for the trouble.", "M", "M", "M"],
      turns: ["open", "procedure", "how-long", "monday"],
      says: ["I don't want a gift card, I want my $349"],
      ending: "one phone call too many",
    },
    {
      name: "the money tomorrow: held to it on Monday",
      replies: ["I'm refunding the $349 now. You'll have it back in your account tomorrow.", "ok", "M"],
      turns: ["open", "how-long", "monday"],
      says: ["Tomorrow? Last time I was told five days", "it would be in my account the next day"],
      ending: "one phone call too many",
    },
    {
      name: "the manager tomorrow, who is off until Monday",
      replies: ["I'll ask the manager to sort it out tomorrow.", "ok", "ok"],
      turns: ["open", "procedure", "still-charged"],
      says: ["I emailed the manager three weeks ago", "you'd ask the manager to sort it the next day. Nothing happened"],
      ending: "disputes the charge",
    },
  ],
  "failed-download": [
    {
      name: "the model answers: the files and the workbook, the email by 5 kept",
      replies: ["M", "M", "M"],
      turns: ["open", "got-them", "next-morning"],
      says: ["a workbook too", "you got back to Daniel as you had promised", "Thanks for explaining"],
      ending: "the first sale from that page",
    },
    {
      name: "'it works here' twice",
      replies: ["Works fine on my machine.", "It works here, I tested it again."],
      turns: ["open", "not-here"],
      says: ['"It works here." That\'s exactly what I was told'],
      ending: "once more that the problem is not yours",
    },
    {
      name: "the files with 'it works here': he asks why, not for the files",
      replies: ["I've attached both PDFs. It works here though, so it must be something on your side.", "M", "M"],
      turns: ["open", "thanks-but", "next-morning"],
      says: ["Thanks for the files, they opened fine"],
      never: ["I'm asking for two PDFs"],
      ending: "a fair answer",
    },
    {
      name: "which file: both",
      replies: ["Which file did you want?", "M", "M", "M"],
      turns: ["open", "which-one", "got-them", "next-morning"],
      says: ["Both: the growth guide and the checklist"],
      ending: "the first sale",
    },
    {
      name: "his cache to clear, and still no files",
      replies: ["Please clear your cache and try a different browser.", "ok"],
      turns: ["open", "still-waiting"],
      says: ["clearing my cache won't turn a blank page into a PDF"],
      ending: "never gets his files",
    },
    {
      name: "the files promised, not sent: he waits for them",
      replies: ["I'll send them over today.", "M", "M", "M"],
      turns: ["open", "still-waiting", "got-them", "next-morning"],
      says: ["You say you'll send them. So when do I get the files?"],
      ending: "a fair answer",
    },
    {
      name: "a fix date nobody knew, held to it the next morning",
      replies: ["I've attached both guides. The page will be fixed by tomorrow.", "ok thanks", "M"],
      turns: ["open", "got-them", "next-morning"],
      says: ["Fixed that soon, you say?", "You said it would be fixed by now"],
      ending: "a fair answer",
    },
    {
      name: "a call at 10 still to come",
      replies: ["I've attached both guides.", "Thanks. I'll call you tomorrow at 10 to go through it.", "M"],
      turns: ["open", "got-them", "next-morning"],
      says: ["I know you said you'd call me today at 10"],
      ending: "the first sale",
    },
  ],
  "missed-bin": [
    {
      name: "the model answer: the depot rung, the call-back kept",
      replies: ["M", "M"],
      turns: ["open", "next-morning"],
      says: ["you called him back as you had promised", "Thanks for calling back yesterday"],
      ending: "someone took ownership",
    },
    {
      name: "automated messages, no control over them",
      replies: ["Oh, they are just automated messages.", "We have no control over them.", "M", "M"],
      turns: ["open", "automated", "any-range", "next-morning"],
      says: ["Might I respectfully suggest", "any kind of range"],
      ending: "one call too many",
    },
    {
      name: "the crews, then your guess is as good as mine",
      replies: ["No, it's nothing to do with us, that's down to the crews to decide.", "I couldn't say - your guess is as good as mine."],
      turns: ["open", "any-range"],
      ending: "none the wiser",
    },
    {
      name: "down to be collected: 'Great. Do you know when?'",
      replies: ["Yes, they are down to be collected.", "M", "M"],
      turns: ["open", "when", "next-morning"],
      says: ["Great. Do you know when?"],
      ending: "someone took ownership",
    },
    {
      name: "a sure day, then nothing: day six",
      replies: ["They will definitely be collected today, I promise.", "ok", "M"],
      turns: ["open", "when", "day-six"],
      says: ["Today? That's what the message has said for five days", "you sounded very sure about the day"],
      never: ["priority list"],
      ending: "a day later than they could have",
    },
    {
      name: "a call-back without the depot: still to come at 7:50",
      replies: ["I'm sorry. I'll call you back tomorrow at 9.", "I'll look into it and call you back tomorrow.", "M"],
      turns: ["open", "when", "day-six"],
      says: ["I know you said you'd call me back today"],
      ending: "a day later",
    },
    {
      name: "blame, but the depot promised: acted on, not forgotten",
      replies: ["It's down to the crews, but I'll ring the depot.", "ok", "M"],
      turns: ["open", "any-range", "next-morning"],
      says: ["priority list"],
      never: ["nobody asked the depot", "Nothing has changed"],
      ending: "one call too many",
    },
    {
      name: "the messages promised to stop",
      replies: ["I'll stop those messages today and ring the depot now.", "M"],
      turns: ["open", "next-morning"],
      says: ["you said you'd stop those messages"],
      ending: "someone took ownership",
    },
  ],
  "out-of-town-repair": [
    {
      name: "the model answers: the call now, Raj, the bill on the account",
      replies: ["M", "M", "M", "M"],
      turns: ["open", "symptoms", "twenty-minutes", "the-bill"],
      says: ["Good. Tell them this", "I saw you on the phone", "Raj knew the fault"],
      ending: "guess where he buys it",
    },
    {
      name: "his car now, then the call",
      replies: ["It's his car now, he has to sort it out where he lives.", "M", "M", "M"],
      turns: ["open", "not-his-car", "twenty-minutes", "the-bill"],
      says: ["pick up the phone"],
      ending: "never had to pass on a message",
    },
    {
      name: "Kyle sent back, nothing done: twenty minutes for a call nobody made",
      replies: ["He'll need to take it back to them and ask them to call us.", "ok", "M", "M"],
      turns: ["open", "go-between", "no-call", "the-bill"],
      says: ["So Kyle takes it back to them", "nobody has called it", "Has anyone actually called them?"],
      never: ["I saw you on the phone"],
      ending: "remembers the waiting",
    },
    {
      name: "fixed by Friday, nobody knowing what is wrong",
      replies: ["Don't worry, it'll be fixed by Friday.", "M", "M", "M"],
      turns: ["open", "go-between", "twenty-minutes", "the-bill"],
      says: ["Fixed by then? Nobody out there even knows"],
      ending: "guess where he buys it",
    },
    {
      name: "a call for later: he waits, and the car is fixed without Raj",
      replies: ["What is the car doing exactly?", "I'll ring them this afternoon and call you by 5.", "ok", "ok"],
      turns: ["open", "symptoms", "no-call", "the-bill"],
      says: ["I know you said you'd call me by 5", "found the fault in the end", "no thanks to the back and forth"],
      ending: "Kyle pays the B.C. dealer's bill",
    },
    {
      name: "Raj asked, the dealer not called now: Raj's diagnosis comes by the call-back",
      replies: ["What is the car doing exactly?", "I'll talk to Raj this afternoon and call you by 5.", "ok", "M"],
      turns: ["open", "symptoms", "no-call", "the-bill"],
      says: ["I know you said you'd call me by 5", "Raj knew the fault", "thanks for calling with the diagnosis"],
      never: ["no thanks to the back and forth"],
      ending: "the bill is settled, and Ron is satisfied",
    },
    {
      name: "the bill offered early: he does not ask who pays",
      replies: ["I'll call the other dealership right now. I'll pay them and add it to your account so Kyle doesn't pay.", "M", "M"],
      turns: ["open", "twenty-minutes", "the-bill"],
      says: ["You said you'd settle it with them"],
      never: ["Who pays that?"],
      ending: "guess where he buys it",
    },
  ],
};

describe("the shipped scenarios, played along their branches", () => {
  for (const id of IDS) {
    describe(id, () => {
      it.each((PATHS[id] ?? []).map((p) => [p.name, p] as const))("%s", (_name, path) => {
        const { state, text } = play(scenario(id), path.replies);
        expect(state.ended, "the script should finish the session").toBe(true);
        expect(state.visited).toEqual(path.turns);
        for (const words of path.says ?? []) expect(text).toContain(words);
        for (const words of path.never ?? []) expect(text).not.toContain(words);
        expect((state.ending ?? "").replace(/\s+/g, " ")).toContain(path.ending);
        // Nobody hears braces: every {promise} and {due} found a promise to quote.
        expect(text).not.toMatch(/\{(promise|due)\}/);
      });
    });
  }
});

describe("the model answers, played turn by turn", () => {
  it.each(IDS)("%s reaches 85 with one of its best endings", (id) => {
    const s = scenario(id);
    const replies = Array.from({ length: 12 }, () => "M");
    const { state } = play(s, replies);
    expect(state.ended).toBe(true);
    expect(summarise(state, s, rubric(s.rubric)).score).toBeGreaterThanOrEqual(85);
    const best = s.endings.filter((e) => e.mood === "pleased").map((e) => e.text);
    expect(best).toContain(state.ending);
  });
});

/**
 * The mood follows the reply, whatever branch its words took: the play-throughs saw customers calm
 * down after an insult (a hostile question read as "asking about him") and grow angrier after a
 * 92/100 reply. Each case is a reply typed in a play-through, at the turn it was typed.
 */
describe("the mood follows the reply", () => {
  const HOSTILE: Array<[string, string[]]> = [
    [
      "bike-shifter",
      [
        "Do you think you're the only customer we have? Stop coming in here every day and shouting at us. It's a warranty claim, it takes as long as it takes.",
      ],
    ],
    [
      "bike-shifter",
      ["Sorry. I'll chase it.", "What happens next is you leave the counter so I can serve people who aren't whining. Goodbye."],
    ],
    [
      "missed-bin",
      [
        "Look, mate, everyone's bins are late. You're not special. Filling in the form five times doesn't make the lorry come any faster, does it?",
      ],
    ],
    [
      "out-of-town-repair",
      ["Look, you gave the car away. It's your son's problem now, not yours and definitely not mine. Why are you even here?"],
    ],
    [
      "failed-download",
      [
        "Copying the president in won't get you anywhere faster, Daniel. It's a free PDF. Thousands of people use that page without a problem, so maybe learn how to use a browser before you email us three times.",
      ],
    ],
    [
      "double-charge",
      [
        "Calm down. Shouting at me isn't going to make your money appear any faster. If you'd emailed the right address it would have been read.",
      ],
    ],
  ];
  it.each(HOSTILE)("%s: a hostile reply never calms the customer (%#)", (id, replies) => {
    const { state } = play(scenario(id), replies);
    const last = state.exchanges.at(-1);
    expect(last?.moodAfter ?? 0).toBeLessThan(last?.moodBefore ?? 0);
  });

  it("a hostile question is not asking about him: Sander does not answer it", () => {
    const { state, text } = play(scenario("bike-shifter"), [HOSTILE[0]?.[1][0] ?? ""]);
    expect(state.visited).not.toContain("riding");
    expect(text).not.toContain("Several hours a week, normally");
  });

  it.each(IDS)("%s: a good reply with no flag never angers the customer", (id) => {
    const s = scenario(id);
    const { state } = play(
      s,
      Array.from({ length: 12 }, () => "M"),
    );
    for (const e of state.exchanges)
      if (e.score.score >= 67 && e.score.flags.length === 0) expect(e.moodAfter).toBeGreaterThanOrEqual(e.moodBefore);
  });

  it("out-of-town-repair: the call made 'this morning', with Raj, and a time: Ron does not get angrier", () => {
    const { state } = play(scenario("out-of-town-repair"), [
      "I'm sorry, Ron, you've done exactly the right thing and still ended up stuck in the middle. You don't need to wait here. I'll call the B.C. dealership myself this morning, get Raj to talk to their technician, and I'll phone you at 2 this afternoon with what they've found.",
    ]);
    const first = state.exchanges[0];
    expect(first?.moodAfter ?? 0).toBeGreaterThanOrEqual(first?.moodBefore ?? 10);
  });
});

/**
 * Narration and endings follow what was said, in any words: no coffee nobody offered, the bill paid by
 * whoever the trainee said would pay it, an ending that fits a phone call as well as the desk. Replies
 * typed in the play-throughs.
 */
describe("out-of-town-repair: the story tells what was said", () => {
  const s = () => scenario("out-of-town-repair");
  it("no coffee unless one was offered; with one, over a coffee", () => {
    const plain = play(s(), ["Sorry. I'll call them now.", "M", "M"]);
    expect(plain.text).toContain("You called the B.C. dealership's service desk");
    expect(plain.text).not.toContain("coffee");
    const offered = play(s(), [
      "I'll call the B.C. dealership's service desk myself, right now while you're here. Would you like a coffee while you wait?",
      "M",
      "M",
    ]);
    expect(offered.text).toContain("over a coffee");
  });
  it("asked which dealer, Ron says which before he describes the car", () => {
    const { text } = play(s(), ["Which dealer?", "M"]);
    expect(text).toContain("The Toyota dealership out there in B.C.");
  });
  it("told he need not wait, Ron stays of his own accord", () => {
    const { text } = play(s(), [
      "I'm sorry, Ron. You don't need to wait here. I'll phone the B.C. dealership myself in the next ten minutes and put Raj on with their technician.",
      "M",
      "M",
    ]);
    expect(text).toContain("Ron stayed at your desk anyway");
    expect(text).not.toContain("nobody has called it");
  });
  it.each([
    ["Kyle won't pay. I'll pay it today, on your account."],
    ["Kyle doesn't pay it. I'll pay the B.C. dealership the $412 today and add it to your account here."],
  ])("'%s': Kyle does not pay in the ending", (last) => {
    const { state } = play(s(), ["Sorry. I'll call them now.", "ok", last]);
    expect(state.visited.at(-1)).toBe("the-bill");
    expect(state.ending).not.toMatch(/Kyle pays|Kyle paid/);
  });
  it("Ron sent home with no relaying is not told he relayed messages for a week", () => {
    const { state } = play(s(), [
      "Look, you gave the car away. It's your son's problem now, not yours and definitely not mine. Why are you even here?",
      "Honestly I don't care. You can call it yourself.",
    ]);
    expect(state.ending ?? "").not.toContain("relaying messages");
  });
});

/** bike-shifter's lines answer the words said, and its endings fit the phone call they follow. */
describe("bike-shifter: lines and endings follow what was said", () => {
  const s = () => scenario("bike-shifter");
  it("an insult is answered as one, with no 'I don't need to hear why'", () => {
    const { text } = play(s(), [
      "Do you think you're the only customer we have? Stop coming in here every day and shouting at us. It's a warranty claim, it takes as long as it takes.",
    ]);
    expect(text).toContain("There's no need to talk to me like that");
  });
  it("a call-back kept 'tonight at 20:00' is not thanked as 'this morning'", () => {
    const { text } = play(s(), [
      "Sander, I'm sorry, that's on us. I'll take this over personally: I'll call you tonight at 20:00 with an update.",
      "M",
    ]);
    expect(text).not.toContain("ringing this morning");
  });
  it("the spare promised but not fitted: he asks when, not whether it is 'still on'", () => {
    const { text } = play(s(), [
      "Sorry for the wait. I'll call the producer at 8:30 tomorrow and call you back before 10. We have a spare shifter; I'll fit it tomorrow after work.",
      "M",
    ]);
    expect(text).not.toContain("still on, I hope");
  });
  it.each([
    ["It may be fitted on loan, free of charge, until your own is back. About 20 minutes' work."],
    ["No. Walk, or take the bus like everyone else."],
    ["Not really, it's out of my hands. The system just says awaiting parts."],
  ])("an ending after the phone call does not have him walk out of the shop (%s)", (last) => {
    const { state } = play(s(), ["I'll call them 8:30 tomorrow. Call you by 10.", "ok", last, last]);
    expect(state.ended).toBe(true);
    expect(state.ending ?? "").not.toMatch(/\bleaves\b|came in with/);
  });
  it("'when he will hear from you' only while a call-back is open", () => {
    const { state } = play(s(), [
      "Three and a half weeks is too long, I'm sorry. I'll call the producer at 8:30 tomorrow and ring you by 10 with their answer.",
      "If you bring the bike in at 17:30 today I'll have it done by 18:00 so you can ride home.",
    ]);
    if (state.ledger.every((c) => c.status !== "open" || (c.kind ?? "") !== "call-back"))
      expect(state.ending ?? "").not.toContain("when he will hear from you");
  });
});

/** double-charge: Jess answers what was said, on the phone as on the phone, and quotes what is open. */
describe("double-charge: lines follow what was said", () => {
  const s = () => scenario("double-charge");
  it("told to calm down, she does not call the store friendly", () => {
    const { text } = play(s(), ["Calm down. Shouting at me isn't going to make your money appear any faster."]);
    expect(text).not.toContain("Everyone here is very friendly");
  });
  it("a refund promised for right now: she does not ask when", () => {
    const { text } = play(s(), [
      "i can see both 349 charges here. ill refund the duplicate right now before u leave the desk, no manager needed",
    ]);
    expect(text).not.toMatch(/When\? Today/);
  });
  it("on the phone, nobody 'comes in' a fifth time", () => {
    const { text } = play(s(), [
      "Yes, we'll get it sorted soon. Someone will look into it and the refund should come through shortly.",
      "ok",
    ]);
    expect(text).toContain("She calls the store");
    expect(text).not.toContain("come in a fifth time");
  });
  it("a call promised for Monday 9:00 is not told as 'last week'", () => {
    const { text } = play(s(), [
      "I'm sorry. I can see both charges, so I'll refund the duplicate $349 myself, right now, before you leave the desk. Done: here's the receipt.",
      "I'll call you on Monday at 9 to check it has arrived.",
    ]);
    expect(text).not.toContain("last week");
  });
  it("the refund done and a call still to come: she quotes the call, not 'you'd refund now'", () => {
    const { text } = play(s(), ["Done. Receipt. I'll call Monday at 10.", "Case 4471 is yours. Call back by 11."]);
    expect(text).not.toMatch(/you'd refund( it)? now/);
  });
});

/** failed-download: Daniel hears his offer taken up, the files attached in any words, and the call kept as a call. */
describe("failed-download: lines and endings follow what was said", () => {
  const s = () => scenario("failed-download");
  it.each([
    [
      "Sorry, Daniel: I've attached both PDFs. I'd gladly take you up on your offer to help: which browser and device do you use when you get the blank page?",
    ],
    [
      "I've attached both guides. You offered to help, and I'd really like to accept: could I call you tomorrow at 10 am so you can show us what you see?",
    ],
  ])("his offer taken up: he does not say 'I did offer to help' (%#)", (reply) => {
    const { text } = play(s(), [reply]);
    expect(text).toContain("Got them");
    expect(text).not.toContain("I did offer to help");
  });
  it("files 'in attachment', said by a non-native speaker, are received", () => {
    const { text, state } = play(s(), [
      "Dear Mr Brooks, please excuse us. I send you in attachment the two guides now, growth-guide and growth-checklist.",
      "M",
      "M",
    ]);
    expect(text).not.toContain("So am I getting the files or not?");
    expect(state.ending ?? "").not.toContain("never gets his files");
  });
  it("a phone call promised is not told as an email", () => {
    const { text } = play(s(), [
      "I've attached both PDFs, sorry.",
      "It's not just you. I'll ask the web team now and phone you at 4 pm today to tell you what we found.",
    ]);
    expect(text).not.toContain("you emailed Daniel");
  });
});

/** missed-bin: David's items are the food bin and small electricals, and his lines hear what he was told. */
describe("missed-bin: lines and endings follow what was said", () => {
  const s = () => scenario("missed-bin");
  it("nobody says 'recycling' for the food bin and small electricals", () => {
    const { text } = play(s(), [
      "Then take them in. Honestly, a bit of smell won't kill you. I don't know when, nobody does, stop ringing us.",
    ]);
    expect(text).not.toMatch(/recycling/i);
  });
  it("told 'nobody knows', rudely, he does not ask the same 'do you know when?'", () => {
    const { text } = play(s(), [
      "Then take them in. Honestly, a bit of smell won't kill you. I don't know when, nobody does, stop ringing us.",
    ]);
    expect(text).not.toContain("Do you know when my bin will be emptied");
  });
  it("a call-back promised for tomorrow is still to come, not 'you had not said when'", () => {
    const { text } = play(s(), [
      "I'm sorry, David. I'll flag it as a priority with the depot now and I'll phone you tomorrow at 12 noon to confirm they've gone.",
    ]);
    expect(text).not.toContain("You had not said when you would tell David");
  });
  it("'Yes, today, before noon': he does not ask for the yes", () => {
    const { text } = play(s(), ["Sorry. I'll sort it. I'll get the depot on it today.", "ok", "Yes, today, before noon."]);
    expect(text).not.toContain("Will it be today, yes or no?");
  });
  it("on today's priority list, nobody waits for Friday in the ending", () => {
    const { state } = play(s(), [
      "I'm sorry. I'm going to ring the depot's crew supervisor right now to get you an actual day, and I'll call you back by 11 this morning with that date.",
      "Yeah, ignore that message. The crew should be there at some point today I think.",
    ]);
    expect(state.visited).toContain("next-morning");
    expect(state.ending ?? "").not.toContain("waits for Friday");
  });
});
