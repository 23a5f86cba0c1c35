import { describe, expect, it } from "vitest";
import { modelFor, scoreReply, scoreWithModel } from "../../src/engine/score.js";
import { rubric, scenario } from "../helpers/content.js";

const bike = () => scenario("bike-shifter");
const levels = (reply: string) => Object.fromEntries(scoreReply(reply, bike(), undefined, rubric()).criteria.map((c) => [c.id, c.level]));
const score = (reply: string) => scoreReply(reply, bike(), undefined, rubric());
/** A scenario written from the docs alone: no lexicon, signals, ruled-out list or things of its own, only these facts. */
const docsOnly = (facts: string[]) => ({
  ...bike(),
  id: "docs-only",
  lexicon: undefined,
  signals: undefined,
  "ruled-out": undefined,
  things: undefined,
  briefing: { role: "You answer the phone.", situation: "A complaint.", facts },
});
/** The levels a reply gets in a shipped scenario, at a turn (the opening by default). */
const levelsIn = (id: string, reply: string, turn?: string) =>
  Object.fromEntries(scoreReply(reply, scenario(id), turn, rubric()).criteria.map((c) => [c.id, c.level]));

describe("scoring is language-aware", () => {
  it.each([
    ["I'll call the producer at 9 tomorrow.", "I will call the producer at 9 tomorrow."],
    ["I'll ring the producer first thing tomorrow.", "I am going to ring the producer first thing tomorrow."],
    ["I called the producer this morning.", "I've called the producer this morning."],
  ])("contractions and inflections: %j scores like %j on process", (a, b) => {
    expect(levels(a).process).toBe(levels(b).process);
  });

  it("a negated commitment is no commitment", () => {
    expect(levels("I won't call them today, there's no point.").process).toBe(0);
    expect(levels("I will not call the producer tomorrow.").process).toBe(0);
    expect(levels("I will call the producer tomorrow.").process).toBe(2);
  });

  it("negation scope: 'not your fault' is no blame, 'not our fault' is", () => {
    expect(score("It's not your fault at all. I'll call the producer at 9 tomorrow.").flags).not.toContain("blame");
    expect(score("It's not our fault. I'll call the producer at 9 tomorrow.").flags).toContain("blame");
  });

  it("who acts: I commit, the producer is blamed, the customer is given work", () => {
    expect(levels("I'll call the producer tomorrow morning.").ownership).toBeGreaterThanOrEqual(2);
    expect(levels("We will contact the producer.").ownership).toBe(1);
    expect(levels("The producer will decide, not us.").ownership).toBe(0);
    expect(levels("You need to contact the producer yourself.").process).toBe(0);
  });

  it.each([
    "Could you email the invoice to us again, please?",
    "Please could you send the receipt again?",
    "I need you to email the statement again.",
    "Would you mind emailing the files again?",
    "can u resend it pls",
  ])("asking again for what the customer sent is their step, however politely: %j", (reply) => {
    const result = score(reply);
    expect(result.flags).toContain("customer-burden");
    expect(Object.fromEntries(result.criteria.map((c) => [c.id, c.level]))).toMatchObject({ ownership: 0, empathy: 0, process: 0 });
  });

  it('"no news" names their situation, not a status report', () => {
    expect(levels("Three weeks with no news, I'm sorry.").empathy).toBe(2);
    expect(levels("No news yet, sorry.").empathy).toBe(1);
  });

  it('"as I told you" says it again now; it reports nobody else\'s words', () => {
    const bin = (reply: string) => levelsIn("missed-bin", reply, "next-morning");
    const told =
      "As I told you when I rang back yesterday, the depot put your street on today's list, and both bins will be collected before noon.";
    expect(bin(told).process).toBe(bin(told.replace("As I told you when I rang back yesterday, the", "The")).process);
  });

  it('the day a step brings, straight after "be", and a number to ring if it does not come', () => {
    const bin = (reply: string) => levelsIn("missed-bin", reply, "when");
    expect(bin("ive flagged it priority so shd be tmrw").process).toBe(2);
    const charge = (reply: string) => levelsIn("double-charge", reply);
    expect(charge("Refunding $349 now. My extension is 214 if it isn't on your card within five business days.").process).toBe(2);
  });

  it("asking who the customer is, at a later turn, is the case forgotten; at the opening it is not", () => {
    const charge = (reply: string, turn?: string) => levelsIn("double-charge", reply, turn);
    const forgot = "Sorry, who's this? ... Oh, the headphones, right. I'll have to check, can I ring you back?";
    expect(charge(forgot, "monday")).toMatchObject({ ownership: 0, process: 1 });
    expect(charge(forgot).ownership).toBeGreaterThan(0);
    expect(charge("What is it you need from me?", "monday").ownership).toBeGreaterThan(0);
  });

  it("after a wait, the result said as done, with when, is the report back", () => {
    const charge = (reply: string, turn?: string) => levelsIn("double-charge", reply, turn);
    const result = "Hi Jess, the refund went through on Wednesday afternoon, so it shows by Monday.";
    expect(charge(result, "still-charged").ownership).toBe(2);
    expect(charge("It's processed.", "still-charged").ownership).toBeLessThan(2);
  });

  it("after a wait, the other side's answer passed on is owning the case; with blame it is not", () => {
    const next = (reply: string) =>
      Object.fromEntries(scoreReply(reply, bike(), "next-day", rubric()).criteria.map((c) => [c.id, c.level]));
    expect(next("hey sorry 4 not calling. they said its not fixable, new 1 coming in 10 days").ownership).toBe(2);
    expect(next("They got back to us this morning. The guy yesterday should really have rung you.").ownership).toBe(0);
    expect(score("it's really your IT's settings, not our site.").flags).toContain("blame");
  });

  it("a question that moves the case on is a step, but not after a wait, when the promise is due", () => {
    const at = (turn?: string) =>
      scoreReply("Which shifter was it?", bike(), turn, rubric()).criteria.find((c) => c.id === "process")?.level;
    expect(at()).toBe(1);
    expect(at("next-day")).toBe(0);
  });

  it("in a scenario with no lexicon, where a granting fact puts the case is what it offers", () => {
    const hire = docsOnly(["You may put the damage case on priority review."]);
    const outcome = (reply: string) => scoreReply(reply, hire, undefined, rubric()).criteria.find((c) => c.id === "outcome")?.level;
    expect(outcome("ill stick it on priority reveiw now")).toBe(2);
    expect(outcome("I'm putting the case on priority review now.")).toBe(2);
    expect(outcome("I'll put a note on it.")).toBeLessThan(2);
  });

  it.each(["No, it really is not only you.", "That is a reasonable concern."])(
    "answering the worry is a word of understanding: %j",
    (reply) => {
      expect(levels(reply).empathy).toBe(1);
    },
  );

  it("sorry for the feeling, not for what caused it, is a non-apology", () => {
    expect(levels("Sorry you're frustrated, but I can only tell you what I know.").empathy).toBe(0);
    expect(levels("I understand you're upset, but I'm only explaining what's on the system.").empathy).toBe(0);
    expect(levels("I'm sorry you've been left without your bike for three weeks.").empathy).toBe(2);
  });

  it.each([
    "Sounds like one of the weekend lot, they never finish anything.",
    "looks like whoever logged it the first time didn't flag it properly.",
    "he's new and didn't follow the procedure.",
  ])("a colleague blamed, however lightly, is blame: %j", (reply) => {
    expect(score(reply).flags).toContain("blame");
  });

  it("my own failure, told, is no blame", () => {
    expect(score("I didn't flag it properly, I'm sorry.").flags).not.toContain("blame");
  });

  it('a call going on is a step taken now; "I\'ll ring them" is a step without a time', () => {
    expect(levels("I'll ring them.").process).toBe(1);
    expect(levels("I'm ringing them now.").process).toBe(2);
    expect(levels("Calling them.").process).toBe(2);
  });

  it("asking the customer to get their go-between to act is their step", () => {
    expect(score("could u ask kyle to get them to call again?").flags).toContain("customer-burden");
    expect(score("Would you like me to ask Raj to call them?").flags).not.toContain("customer-burden");
  });

  it("a gift only if I get time is no gift", () => {
    expect(levels("i might send u a voucher if i get time").outcome).toBeLessThan(2);
  });

  it("flagging it as priority is a step of its own, and does not weaken the promises beside it", () => {
    const bin = (reply: string) => levelsIn("missed-bin", reply);
    expect(bin("ill flag it priority so it goes on tomorows list").ownership).toBe(2);
    const long = "ok leave it with me. ill ring the depot supervisor rite now n flag it as priorty, then ill ring u back b4 12 2day";
    expect(bin(long).ownership).toBeGreaterThanOrEqual(bin("ok leave it with me. ill ring u back b4 12 2day").ownership ?? 3);
  });

  it("seeing both charges does not weaken the refund promised in the same sentence", () => {
    const charge = (reply: string) => levelsIn("double-charge", reply);
    expect(charge("I can see both charges here, so I'll process the refund of $349 today.").ownership).toBeGreaterThanOrEqual(2);
  });

  it.each(["Here's a voucher for the trouble.", "I can add a £25 goodwill payment.", "It's on the house."])(
    "a small gesture is a gesture, whatever its word: %j",
    (reply) => {
      expect(levels(reply).outcome).toBeGreaterThanOrEqual(2);
    },
  );

  it('"feel free to call" is no gift', () => {
    expect(levels("feel free to call me").outcome).toBe(0);
  });

  it("the call that gets them what they want, made now, is acting on it; made later, a route", () => {
    const bin = (reply: string) =>
      scoreReply(reply, scenario("missed-bin"), undefined, rubric()).criteria.find((c) => c.id === "outcome")?.level;
    expect(bin("I'm ringing the depot supervisor now.")).toBe(2);
    expect(bin("I'll ring the depot supervisor.")).toBe(1);
  });

  it('a sentence ending in "no." negates nothing in the next one', () => {
    expect(levels("Not a promise no. Ill ring them in the morning and see.").ownership).toBe(
      levels("Ill ring them in the morning and see.").ownership,
    );
  });

  it("a limit in the facts rules out a larger gift, in a scenario with no ruled-out list", () => {
    const claim = docsOnly(["You may offer a goodwill payment of up to £25 for the repeated letters, no more."]);
    expect(scoreReply("I'll credit you £100 for the trouble.", claim, undefined, rubric()).flags).toContain("over-promise");
    expect(scoreReply("I can offer you a £25 goodwill payment.", claim, undefined, rubric()).flags).not.toContain("over-promise");
  });

  it("a fact that refuses an act rules out promising it; a limit is not a refusal", () => {
    const flags = (facts: string[], reply: string) => scoreReply(reply, docsOnly(facts), undefined, rubric()).flags;
    // A currency code is not the thing offered: "GBP" alone keeps nothing the customer wants in view.
    const outcome = (reply: string) =>
      scoreReply(reply, docsOnly(["You may credit GBP 186 to the account today."]), undefined, rubric()).criteria.find(
        (c) => c.id === "outcome",
      )?.level;
    expect(outcome("GBP?")).toBe(0);
    // The amount a fact grants is what the customer wants: "..., and credit the GBP 186 today".
    const granted = docsOnly(["You may fix the line, and credit the GBP 186 to the account today."]);
    expect(
      scoreReply("I'll credit the 186 today.", granted, undefined, rubric()).criteria.find((c) => c.id === "outcome")?.level,
    ).toBeGreaterThanOrEqual(2);
    const refusal = ["You cannot refund the monthly GBP 22.", "You cannot pay the interest on her credit card."];
    expect(flags(refusal, "I'll refund your monthly 22 today as well.")).toContain("over-promise");
    expect(flags(refusal, "I'll pay the interest for you.")).toContain("over-promise");
    expect(flags(refusal, "I'll pay it back to your card today.")).not.toContain("over-promise");
    expect(flags(refusal, "I can't refund the 22, I'm sorry.")).not.toContain("over-promise");
    expect(
      flags(["You cannot pay for a new suit outright: only up to EUR 50 a day."], "I'll pay 50 euros towards the suit."),
    ).not.toContain("over-promise");
  });

  it("a limit written with a currency code or word rules out a larger gift too", () => {
    const flags = (fact: string, reply: string) => scoreReply(reply, docsOnly([fact]), undefined, rubric()).flags;
    expect(flags("You can add a goodwill e-voucher of up to GBP 10, no more.", "I'll add a £50 voucher for the trouble.")).toContain(
      "over-promise",
    );
    expect(flags("You may reimburse purchases up to EUR 50 a day.", "I'll give you 100 euros compensation.")).toContain("over-promise");
    expect(flags("You may offer up to 20 dollars off.", "I'll take 50 dollars off for the trouble.")).toContain("over-promise");
    expect(flags("You can add a goodwill e-voucher of up to GBP 10, no more.", "I'm adding a £10 e-voucher.")).not.toContain(
      "over-promise",
    );
  });

  it("three misreads from holdout-8's gross errors", () => {
    // On the phone to them is a promise to call.
    expect(levels("ill be on their dealer line at 8:30 tomorow and ring you by 9:30.").ownership).toBeGreaterThanOrEqual(2);
    // What we would still be saying, had the customer not helped, is no "works here".
    expect(levelsIn("failed-download", "without your description we'd still be telling people it works here.").ownership).toBe(0);
    expect(
      scoreReply("without your description we'd still be telling people it works here.", scenario("failed-download"), undefined, rubric())
        .flags,
    ).not.toContain("works-here");
    // A hostile question hands nothing over.
    const hostile = "Too much? Have you seen how many cars are booked in today? Am I supposed to ring every dealership in Canada?";
    expect(levelsIn("out-of-town-repair", hostile, "not-his-car").outcome).toBeLessThan(2);
  });

  it('optional phrases in brackets read as phrases: "([it / the bill])" is one or the other', () => {
    const outcome = scoreReply(
      "I'll pay them and put it on your account.",
      scenario("out-of-town-repair"),
      "the-bill",
      rubric(),
    ).criteria.find((c) => c.id === "outcome");
    expect(outcome?.evidence.map((e) => e.rule)).toContain("gesture");
  });

  it("a call promised for later, maybe, is a vague promise and no delivery; asked of them again, their step", () => {
    const next = levelsIn("bike-shifter", "ill give them another ring later maybe", "next-day");
    expect(next.ownership).toBeLessThan(2);
    expect(next.outcome).toBeLessThan(2);
    expect(score("It's just quicker if you send it again honestly.").flags).toContain("customer-burden");
  });

  it('a dismissive "whatever" does not hide the blame after it; "whatever the producer decides" is no blame', () => {
    expect(score("whatever, producer is slow").flags).toContain("blame");
    expect(score("Whatever the producer decides, I'll ring you by 10 with it.").flags).not.toContain("blame");
  });

  it("sending it again ourselves is no burden", () => {
    expect(score("I'll email it to you again now.").flags).not.toContain("customer-burden");
  });

  it.each(["first thing tomorrow", "by 5", "within the hour", "before five today", "this afternoon", "on Monday", "at 9"])(
    "time expression %j makes a next step concrete",
    (time) => {
      expect(levels(`I'll call the producer ${time}.`).process).toBeGreaterThanOrEqual(2);
    },
  );

  it("a vague time is not a time", () => {
    expect(levels("I'll call the producer at some point.").process).toBeLessThan(2);
  });

  it("questions about the customer's situation count as empathy", () => {
    expect(levels("How often do you normally ride? What would be a good result for you?").empathy).toBeGreaterThanOrEqual(2);
    expect(levels("Did you email the store like you were told?").empathy).toBe(0);
  });
});

describe("violations cost ownership whatever else is said", () => {
  it.each([
    ["blame", "The producer is responsible for that, not us. I'm so sorry, I'll call them at 9 tomorrow and ring you by 11."],
    ["works-here", "It works fine on my machine. Sorry! I'll look at it today and email you by 5."],
    ["deflection", "They're just automated messages. Sorry, I'll ring the depot at 3."],
  ])("%s is flagged and ownership drops to 0", (flag, reply) => {
    const result = score(reply);
    expect(result.flags).toContain(flag);
    expect(result.criteria.find((c) => c.id === "ownership")?.level).toBe(0);
    const evidence = result.criteria.find((c) => c.id === "ownership")?.evidence.find((e) => e.effect === "lost");
    expect(evidence?.quote.length).toBeGreaterThan(0);
  });
});

describe("stuffing earns nothing", () => {
  it("a list of cue words scores below 35", () => {
    const result = score("Sorry sorry understand frustration call tomorrow refund attached ownership empathy personally voucher");
    expect(result.score).toBeLessThan(35);
    expect(result.flags).toContain("stuffing");
  });

  it("exclamations of cue words are a list too", () => {
    expect(score("Sorry! Attached! Understand! Frustrating! Within the hour! Personally! Files!").score).toBeLessThan(35);
  });

  it("repeating a good sentence earns nothing more than saying it once", () => {
    const once = "I'll call the producer at 9 tomorrow and ring you by 11.";
    expect(score(`${once} ${once} ${once} ${once}`).score).toBe(score(once).score);
  });
});

describe("every decision is explained", () => {
  it("quotes the words and names the rule, with offsets into the reply", () => {
    const reply = "I'm sorry you've waited nearly four weeks. I'll call the producer at 9 tomorrow and phone you by 11.";
    const result = score(reply);
    for (const c of result.criteria) {
      for (const e of c.evidence) {
        expect(reply.slice(e.start, e.end)).toBe(e.quote);
        expect(e.rule).toMatch(/^[a-z0-9-]+$/);
      }
      expect(c.feedback.length).toBeGreaterThan(0);
    }
    expect(result.score).toBeGreaterThanOrEqual(60);
  });
});

describe("edge cases", () => {
  it("scores an empty reply as 0 with a flag", () => {
    const result = score("");
    expect(result.score).toBe(0);
    expect(result.flags).toContain("empty");
  });

  it("scores a 1 MB reply without crashing, on its beginning", () => {
    const result = scoreWithModel("I'll call the producer at 9 tomorrow. ".repeat(27_000), modelFor(rubric(), bike()));
    expect(result.truncated).toBe(true);
    expect(result.score).toBeGreaterThan(0);
  });

  it("works without a scenario: the rubric's general rules carry it", () => {
    const result = scoreReply(
      "I'm sorry about the wait. I'll call the supplier at 9 tomorrow and ring you by 11.",
      undefined,
      undefined,
      rubric(),
    );
    expect(result.criteria.find((c) => c.id === "process")?.level).toBeGreaterThanOrEqual(2);
    expect(result.criteria.find((c) => c.id === "ownership")?.level).toBeGreaterThanOrEqual(2);
  });
});

describe("a promise the facts rule out costs its own clause, not the reply", () => {
  const charge = () => scenario("double-charge");
  const levelsFor = (reply: string) =>
    Object.fromEntries(scoreReply(reply, charge(), undefined, rubric()).criteria.map((c) => [c.id, c.level]));

  it("the refund done now still counts beside a guarantee of when it lands", () => {
    const both = levelsFor("I'll refund it right now and I guarantee it'll be back on your card by tomorrow morning.");
    expect(both.outcome).toBe(2);
    expect(scoreReply("I guarantee it'll be back on your card by tomorrow morning.", charge(), undefined, rubric()).flags).toContain(
      "over-promise",
    );
  });

  it('a new subject after "and" starts the ruled-out clause', () => {
    const both = levelsFor("I'll refund it right now and it'll be back in your account by tonight.");
    expect(both.outcome).toBe(2);
    expect(both.ownership).toBe(2);
  });

  it("a short clause that vouches for a ruled-out date is part of it", () => {
    expect(levelsFor("I'll get the money back into your account by tomorrow, I guarantee it.").outcome).toBeLessThanOrEqual(1);
  });

  it('"don\'t worry, I guarantee it" guarantees; a refused guarantee does not', () => {
    const flags = (reply: string) => scoreReply(reply, charge(), undefined, rubric()).flags;
    expect(flags("Don't worry Ms Morgan, I guarantee it'll be back on your card tomorrow.")).toContain("over-promise");
    for (const honest of [
      "I can't guarantee when the bank shows it.",
      "There's no guarantee, I'm afraid.",
      "I'm not going to guarantee a date.",
      "Nobody can guarantee that.",
      "I can't give you a guarantee on the day.",
      "It's an estimate rather than a guarantee.",
    ])
      expect(flags(honest)).not.toContain("over-promise");
  });

  it("a promise told of as kept is a report, not a guarantee", () => {
    const flags = (reply: string) => scoreReply(reply, scenario("missed-bin"), "next-morning", rubric()).flags;
    expect(flags("As I promised, the crew came at 9.")).not.toContain("over-promise");
    expect(flags("I rang the depot as I promised, they said the crew is there by 2.")).not.toContain("over-promise");
    expect(flags("I promise they'll be collected today.")).toContain("over-promise");
  });
});

describe("general rules that carry a scenario with no signals of its own", () => {
  const general = (reply: string) =>
    Object.fromEntries(scoreReply(reply, undefined, undefined, rubric()).criteria.map((c) => [c.id, c.level]));

  it("adding and making are acts; an e-voucher is a gesture; a new claim asked for is the customer's step", () => {
    expect(general("I'll add a £10 credit to your account.").ownership).toBeGreaterThanOrEqual(2);
    expect(general("I'll make a new booking for you now.").ownership).toBeGreaterThanOrEqual(2);
    expect(general("I'll add a note to your file.").ownership).toBeLessThan(2);
    expect(general("I'm adding a £10 e-voucher for the trouble.").outcome).toBeGreaterThanOrEqual(2);
    const burden = (reply: string) => scoreReply(reply, undefined, undefined, rubric()).flags;
    expect(burden("You could submit a new claim.")).toContain("customer-burden");
    expect(burden("You'll need to file another report, sorry.")).toContain("customer-burden");
    expect(burden("You don't need to file another report.")).not.toContain("customer-burden");
  });

  it("what was cancelled is often what went wrong; what is cancelled now is done", () => {
    expect(general("That booking was cancelled on Thursday evening and nobody rang you.").outcome).toBeLessThan(2);
    expect(general("Your direct debit is cancelled now.").outcome).toBeGreaterThanOrEqual(2);
    expect(general("They've cancelled the charge.").outcome).toBeGreaterThanOrEqual(2);
    expect(general("Anyway, it's been cancelled.").outcome).toBeGreaterThanOrEqual(2);
  });

  it("a question that brushes the customer off moves nothing on", () => {
    for (const reply of ["Does it really matter?", "What choice have you got?", "Can anybody?", "Who cares?"])
      expect(general(reply).process).toBe(0);
    expect(general("Which browser are you using?").process).toBe(1);
  });

  it("resending, reporting and telling the other side are steps; telling the customer how it is, is not", () => {
    expect(general("ill resend now").ownership).toBeGreaterThanOrEqual(2);
    expect(general("I'm reporting the fault today so it stops happening.").ownership).toBeGreaterThanOrEqual(2);
    expect(general("Got it, ill tell them all that.").ownership).toBeGreaterThanOrEqual(2);
    expect(general("I'm only telling you how warranty claims work.").ownership).toBe(0);
    expect(general("As far as we can tell it's working.").ownership).toBe(0);
  });

  it("what has gone through is done; going through the bank is a route", () => {
    expect(general("Going through your bank will take longer honestly.").outcome).toBe(0);
    expect(general("cos its actually gone thru this time lol").outcome).toBeGreaterThanOrEqual(2);
    expect(general("Your claim has gone through.").outcome).toBeGreaterThanOrEqual(2);
  });

  it("what left us or went to the customer is on its way", () => {
    expect(general("The £7.43 for DR-448173 left us on Wednesday.").outcome).toBeGreaterThanOrEqual(2);
    expect(general("The e-voucher went to your email on Tuesday.").outcome).toBeGreaterThanOrEqual(2);
    expect(general("You left us a voicemail.").outcome).toBe(0);
  });

  it('"if the crew hasn\'t been, I\'ll ring" checks the future; "if the crew had come" blames the past', () => {
    const flags = (reply: string) => scoreReply(reply, scenario("missed-bin"), "yes-or-no", rubric()).flags;
    expect(flags("If the crew hasn't been by 12, I'll ring the supervisor.")).not.toContain("blame");
    expect(flags("If the crew had come on Monday we wouldn't be here.")).toContain("blame");
    expect(flags("Your photo should have been enough for someone to spot that.")).not.toContain("blame");
    expect(flags("The crew should have come on Monday.")).toContain("blame");
    const download = (reply: string) => scoreReply(reply, scenario("failed-download"), "which-one", rubric()).flags;
    expect(download("If you've tried Chrome already, I'll send the files now.")).not.toContain("blame");
    expect(download("If you'd used Chrome it would have worked.")).toContain("blame");
  });

  it("a second act joined on after a longer first one is still the trainee's promise", () => {
    expect(general("ill dig them out of the drive and send them over later today").process).toBeGreaterThanOrEqual(2);
    expect(general("I'll go through it with Raj and ring you by 4.").ownership).toBeGreaterThanOrEqual(2);
    expect(general("I can't find it on the system and call them.").ownership).toBe(0);
  });

  it("removing, applying, approving and overriding are acts said as they happen", () => {
    expect(general("That's enough for me - removing the £186 now.").ownership).toBeGreaterThanOrEqual(2);
    expect(general("I'm approving the claim now.").ownership).toBeGreaterThanOrEqual(2);
    expect(general("I'll override the decision today.").ownership).toBeGreaterThanOrEqual(2);
  });

  it('"three emails and a blank page" says back their story; "a week and a half" is a wait', () => {
    expect(general("Im so sorry Daniel, three emails and a blank page is not ok.").empathy).toBe(2);
    expect(general("Should be here in about a week and a half.").empathy).toBe(0);
  });

  it("a note added is no delivery; a claim paid is", () => {
    expect(general("I've added a note to your account.").outcome).toBe(0);
    expect(general("The claim has been paid.").outcome).toBeGreaterThanOrEqual(2);
  });

  it("what the trainee can see is no promise to do it", () => {
    expect(general("Ok, I can see it's logged.").ownership).toBeLessThan(2);
    expect(general("I can see both charges, so I'll process the refund today.").ownership).toBeGreaterThanOrEqual(2);
  });

  it("making light of the wait or the ask dismisses the customer", () => {
    const empathy = (reply: string) => scoreReply(reply, undefined, undefined, rubric()).criteria.find((c) => c.id === "empathy");
    for (const reply of [
      "Sorry, but it's only been five days.",
      "Sorry, four weeks isn't that long really.",
      "Sorry, no need to be dramatic about it.",
    ]) {
      expect(empathy(reply)?.evidence.map((e) => e.rule)).toContain("dismissive");
      expect(empathy(reply)?.level).toBe(0);
    }
    expect(empathy("Sorry, I've only been able to see one charge.")?.level).toBeGreaterThan(0);
  });

  it("a gerund that opens a sentence is the speaker's step, capital or not", () => {
    expect(general("Closing the membership now.")).toEqual(general("closing the membership now"));
    expect(general("Yes. Refunding it now.").ownership).toBeGreaterThanOrEqual(2);
  });

  it("what is handed over in this reply is owned, said without an I", () => {
    const files = (reply: string) => scoreReply(reply, scenario("failed-download"), undefined, rubric()).criteria;
    expect(files("Fair. Files attached.").find((c) => c.id === "ownership")?.level).toBeGreaterThanOrEqual(2);
    expect(levels("Here's the receipt.").ownership).toBeGreaterThanOrEqual(2);
    expect(levels("A double room came free this morning and it's yours.").outcome).toBeGreaterThanOrEqual(2);
    expect(levels("The room is held in your name.").outcome).toBeGreaterThanOrEqual(2);
  });

  it("a step taken now is a timed step; handing over the outcome now is not", () => {
    expect(general("I'm closing the membership now.").process).toBeGreaterThanOrEqual(2);
    expect(general("Doing it now.").process).toBeLessThan(2);
    expect(general("I'm refunding the $349 now.").process).toBeLessThan(2);
  });

  it("the cost taken on is a gesture", () => {
    expect(general("The room is paid by us, and the taxi is at our cost.").outcome).toBeGreaterThanOrEqual(2);
  });

  it("hedged blame of the customer costs ownership", () => {
    expect(score("It might be something at your end. Here are the files anyway.").flags).toContain("blame");
    expect(score("If you'd mentioned the blank page we might have caught it sooner. Files attached.").flags).toContain("blame");
  });

  it("hedged blame of the customer's bank is blame; a promise made for a manager is not one's own", () => {
    expect(score("It's approved. Now it's really down to your bank how fast they post it.").flags).toContain("blame");
    expect(general("I'll have my manager call you back this afternoon.").ownership).toBeLessThan(2);
    expect(general("I'll call you back this afternoon.").ownership).toBeGreaterThanOrEqual(2);
  });

  it("the third party as the one who lost it is blame; 'not much I can do' hides behind the system", () => {
    const result = score("I do understand, but the courier is the one that's lost it. There's not much I can do.");
    expect(result.flags).toContain("blame");
    expect(result.flags).toContain("deflection");
  });

  it("a booking's own terms are not a guarantee", () => {
    expect(score("A guaranteed, paid booking should never be given away, and I'm sorry.").flags).not.toContain("over-promise");
    expect(score("I guarantee it will be here tomorrow.").flags).toContain("over-promise");
  });

  it("owning one's own failure, said plainly, is specific empathy", () => {
    expect(general("That's my failure, not yours, and I'm sorry.").empathy).toBeGreaterThanOrEqual(2);
    expect(general("I'm sorry I said that.").empathy).toBeGreaterThanOrEqual(2);
  });

  it("meanwhile, and a time hedged with maybe, are not times; 'this aft' is", () => {
    expect(general("I'll keep you posted meanwhile.").process).toBeLessThan(2);
    expect(general("I could fit it maybe tomorrow afternoon.").process).toBeLessThan(2);
    expect(general("ill still call u this aft").process).toBeGreaterThanOrEqual(2);
  });

  it("the result on a list with its time is what happens next, and when", () => {
    expect(general("yes sorry. its on todays list, before noon.").process).toBeGreaterThanOrEqual(2);
  });

  it("a gerund with a verb of its own is its subject, not a step left without I", () => {
    expect(general("Ringing every day won't make it go any faster.").ownership).toBe(0);
    expect(general("Calling them now.").ownership).toBeGreaterThanOrEqual(2);
  });

  it("our own act done, said as its result, is owned", () => {
    expect(general("dd is cancelled now so june wont go out").ownership).toBeGreaterThanOrEqual(2);
    expect(general("It's approved.").ownership).toBeLessThan(2);
    // Someone else's decision is news of the outcome, not the outcome in hand.
    expect(general("It's approved.").outcome).toBeLessThan(2);
  });

  it("asking for the customer's details is not yet a step on the case", () => {
    expect(general("Can I take your account number please.")).toMatchObject({ ownership: 0, outcome: 0 });
    expect(general("Booking number in the subject.").ownership).toBe(0);
    expect(general("Hi, can I take your order number please, and what's the issue today?")).toMatchObject({
      ownership: 0,
      process: 1,
      outcome: 0,
    });
    // A step in another sentence still counts.
    expect(general("Can I take your postcode? I'll ring the depot at 9 and call you by 10.").process).toBeGreaterThanOrEqual(2);
  });

  it("a question that argues, or hands the customer their own step, moves nothing on", () => {
    expect(general("Well I'm not a fortune teller, am I?")).toMatchObject({ ownership: 0, process: 0 });
    expect(general("Have you checked with your bank?")).toMatchObject({ ownership: 0, process: 0 });
    expect(general("Maybe try a different browser?").process).toBe(0);
    expect(general("Is there anything else I can help you with today?")).toMatchObject({ empathy: 0, process: 0 });
    expect(general("Look, I can't exactly magic a lorry out of nowhere, can I?").process).toBe(0);
    expect(general("Could you remind me what the issue was?").process).toBe(0);
    expect(general("Can you go through what happened from the beginning?").process).toBe(0);
    expect(general("It should be fixed. Maybe clear your cache?").process).toBe(0);
    // A question that asks what moves the case on still does.
    expect(general("Which card was it on?").process).toBe(1);
  });

  it("a want named only to wave it away is not kept in view", () => {
    const atOpen = (reply: string) => Object.fromEntries(scoreReply(reply, bike(), "open", rubric()).criteria.map((c) => [c.id, c.level]));
    expect(atOpen("No need to get worked up, it's only a shifter.").outcome).toBe(0);
    expect(atOpen("I know you want the shifter back.").outcome).toBe(1);
  });

  it("weather, a lemma and a story's length are not what they look like", () => {
    expect(general("Awful cold out there this week, isn't it.").empathy).toBe(0);
    expect(general("I'll stick it on your account today.").empathy).toBe(0);
    expect(general("Please you send it to me, I attach it.").empathy).toBe(0);
    expect(general("You told us twice and nobody answered.").empathy).toBe(2);
    expect(general("Fair enough.").empathy).toBe(1);
    expect(general("I can tell you now they'll refund it.").empathy).toBe(0);
    expect(general("I can tell you're fed up.").empathy).toBe(2);
    expect(general("You must be exhausted after a four-hour drive.").process).toBe(0);
  });

  it("what is got for the customer, or put in their name, is handed over", () => {
    expect(general("no no u wont have to, ive got u a room at the quayside + a taxi outside in 5")).toMatchObject({
      ownership: 2,
      outcome: 2,
    });
    expect(general("A double room came free this morning, and it's in your name.").outcome).toBeGreaterThanOrEqual(2);
    expect(general("I've got your account up.").outcome).toBeLessThan(2);
  });

  it("news from their side is not blame; the cause put at their end is", () => {
    const flags = (reply: string) => scoreReply(reply, undefined, undefined, rubric()).flags;
    expect(flags("Not yet: same symptoms on their side, and the plugs made no difference.")).not.toContain("blame");
    expect(flags("It's a known issue on their side.")).toContain("blame");
    expect(flags("The problem is at their end.")).toContain("blame");
  });

  it("trying a number is ringing it, placing a case is a step, and a cancelled charge is put right", () => {
    expect(general("Let me try them now.")).toMatchObject({ ownership: 2, process: 2 });
    expect(general("I'll try.").ownership).toBeLessThan(2);
    expect(general("I'm placing your case on priority review now.").ownership).toBeGreaterThanOrEqual(2);
    expect(general("charge cancelled + the 480 is going back on ur card").outcome).toBeGreaterThanOrEqual(2);
  });

  it('a step while the customer is on the line is taken now, and "like I promised" reports back', () => {
    expect(general("I will attach them while we remain on the call.").process).toBeGreaterThanOrEqual(2);
    const nextDay = (reply: string) => scoreReply(reply, bike(), "next-day", rubric()).criteria.find((c) => c.id === "process")?.level;
    expect(nextDay("Hi Sander, ringing like I promised.")).toBeGreaterThanOrEqual(2);
    expect(nextDay("Hi Sander, ringing.")).toBeLessThan(2);
  });

  it("going through and going to the bank are news of it only in the forms that say it happened", () => {
    expect(general("The refund's gone through.").outcome).toBeGreaterThanOrEqual(2);
    expect(general("The manager's back Monday and he'll go through the email.").outcome).toBeLessThan(2);
    expect(general("I mean, you can go to your bank if you want.").outcome).toBeLessThan(2);
  });

  it("what is done, written as a note, is delivered", () => {
    expect(general("Refund of 84 pounds raised today, with 10 pounds goodwill added.").outcome).toBeGreaterThanOrEqual(2);
    expect(general("I'd like the refund raised.").outcome).toBeLessThan(2);
  });

  it("putting the account right is a step of one's own", () => {
    expect(general("ill change the DD back to 85 now").ownership).toBeGreaterThanOrEqual(2);
    expect(general("I'll do the debit now.").ownership).toBeGreaterThanOrEqual(2);
    expect(general("The £155 will be in your bank today.").process).toBeGreaterThanOrEqual(2);
  });

  it("a stock word of understanding, with an adverb, is still one", () => {
    expect(general("Understood. I'll call them by 11.").empathy).toBe(1);
    expect(general("Thanks, that helps.").empathy).toBe(1);
    expect(general("Noted. Will chase.").empathy).toBe(0);
    expect(general("I completely understand.").empathy).toBe(1);
    expect(general("totally get it").empathy).toBe(1);
  });
});
