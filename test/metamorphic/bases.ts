/**
 * The replies the metamorphic families start from: every shipped scenario's model answers (at their
 * own turn) and example replies (at theirs), and replies written here per scenario, scored at every
 * turn of it: good ones, with "I'll", "I'm" and "can't", timed promises, call-backs and apologies
 * that name the situation, as a trainee who does the job well writes them.
 */
import type { RubricSpec, ScenarioSpec } from "../../src/content/schema.js";
import { shipped } from "../helpers/content.js";

export interface Base {
  scenario: ScenarioSpec;
  rubric: RubricSpec;
  turn: string;
  reply: string;
  /** Where it comes from, for the report: "bike-shifter model (open)", "own bike-shifter 3 (next-day)". */
  source: string;
}

/** What each story adds: who a trainee could blame or hand the work to, and how its situation is named. */
export interface Story {
  /** Third parties a trainee could hide behind, with what they "ought to have" done. */
  thirdParties: Array<{ who: string; oughtTo: string }>;
  /** Blaming the customer, as trainees do. */
  customerBlame: string[];
  /** Someone else who could make the promise instead of the trainee. */
  others: string[];
  /** The situation named without a stock feeling word. */
  acknowledgements: string[];
  /** Owning an earlier failure, or quoting what the customer was told. */
  owning: string[];
  /** A question that diagnoses the problem (a next step, not a time). */
  diagnostics: string[];
  /** Replies written for this suite. */
  own: string[];
}

export const STORIES: Record<string, Story> = {
  "bike-shifter": {
    thirdParties: [
      { who: "the producer", oughtTo: "got back to us weeks ago" },
      { who: "the warranty desk", oughtTo: "answered our emails" },
      { who: "my colleague", oughtTo: "told you the truth last week" },
    ],
    customerBlame: [
      "You should have brought the bike in sooner, to be honest.",
      "If you'd kept the receipt with the bike, this would have gone faster.",
    ],
    others: ["my manager", "the workshop"],
    acknowledgements: [
      "Three and a half weeks of chasing and still no bike.",
      "You've called, you've come in, and you still can't ride.",
      "Telling the story again after three and a half weeks, and still no shifter.",
    ],
    owning: [
      "You were told it would be sorted in a few days, and that was wrong of us.",
      "We got this wrong: nobody should have promised you a few days.",
    ],
    diagnostics: ["Which model is the bike?", "Do you still have the order number for the shifter?"],
    own: [
      "I'm sorry, three and a half weeks without your bike is far too long. I'll call the producer's dealer line at 8:30 tomorrow and ring you by 10 with their answer.",
      "Nearly a month without riding, and no news: I'd be fed up too. I can't promise what the producer decides, but I'll chase them first thing tomorrow and call you before 11.",
      "I apologise, you've chased this far too often. I'll fit our spare shifter today, free of charge, so you can ride this weekend, and I'll ring the producer at 8:30 tomorrow.",
      "I'm sorry you've had to come in again. Leave it with me: I'll call the warranty desk when it opens at 8:30 and phone you by 10 either way.",
      "You've been more than patient, and I'm sorry. I'll prioritise your claim with the producer tomorrow morning and call you back by lunchtime with a date.",
      "I'm really sorry, four weeks without your shifter isn't acceptable. I'll organise a loan shifter today and call you tomorrow at 10 once I've spoken to the producer.",
      "I realise you can't ride at all without it, and I'm sorry. I'll ring the producer at 8:30 tomorrow, and I'll call you by 10 with whatever they tell me.",
      "I'm sorry it's taken this long. I can't make the producer decide faster, but I'll call them at 8:30 and ring you by 10, and I'll fit the spare shifter tonight so you can ride.",
      "I apologize, that's far too long to be off the bike. I'll call the producer when their line opens at 8:30 and call you back by 10 with a date.",
      "I'm sorry we let it drift for three and a half weeks. I can't change what the producer decides, but I'll organize our spare shifter for you today and phone the warranty desk first thing tomorrow.",
      "I realize you've been promised a few days before. This time I'll ring the producer myself at 8:30 tomorrow and text you by 10, whatever they say.",
      "You're right to be annoyed, and I apologise. I'll prioritize your shifter with the producer tomorrow at 8:30, and I'll call you before 11 either way.",
    ],
  },
  "double-charge": {
    thirdParties: [
      { who: "the bank", oughtTo: "reversed it weeks ago" },
      { who: "the payment provider", oughtTo: "caught the duplicate" },
      { who: "the colleague you spoke to", oughtTo: "processed the refund there and then" },
    ],
    customerBlame: [
      "You should have disputed it with your bank straight away.",
      "If you'd kept the receipt, this would have been quicker.",
    ],
    others: ["the manager", "accounts"],
    acknowledgements: [
      "Four weeks, three calls and an email, and your $349 is still not back.",
      "Telling the story for the fourth time, and still no refund.",
      "Charged twice, told five days, then sent to an inbox nobody reads.",
    ],
    owning: [
      "You were told five days, and then to email the manager: that should never have happened.",
      "The email you sent was never read, and that's our failure, not yours.",
    ],
    diagnostics: ["Which card did you pay with?", "Do you have the date of the second charge on your statement?"],
    own: [
      "I'm so sorry, being charged twice and chasing it for four weeks is not good enough. I'll refund the duplicate $349 right now at the desk, and I'll call you on Monday to check it has arrived.",
      "I apologise, you've told this story too many times. I can see both charges here, so I'll process the refund of $349 today and email you the receipt within the hour.",
      "I'm sorry, nobody should have sent you to an inbox that isn't read. I'll refund the second charge now and give you my direct line, extension 214, in case it hasn't shown by Monday.",
      "You're right, and I'm sorry. I'll refund the $349 myself before you leave the desk, and I'll call you on Monday afternoon to make sure it's in your account.",
      "I'm really sorry about the four weeks of calls. I can't speed up the bank, but I'll issue the refund today and ring you by Monday lunchtime to confirm it cleared.",
      "I realise how many times you've been promised this. I'll cancel the duplicate charge right now and open a case in my own name, and I'll phone you on Monday by 12.",
      "I'm sorry you were told five days and then nothing. I'll refund the duplicate today, add a $50 gift card for the trouble, and call you on Monday morning.",
      "I apologise for the email that was never read. I'll prioritise this now: the refund goes through today and I'll ring you on Monday at 10 to check it arrived.",
      "I apologize, you shouldn't have had to come in for this. I'll refund the second $349 charge right now and call you on Monday to confirm it has cleared.",
      "I'm sorry the refund was never processed. I can't make the bank faster, but I'll authorise the refund at the desk today and phone you on Monday by 12.",
      "I realize you've been told five days before. I'll process the refund myself now, print you the receipt, and ring you on Monday at 10 to check.",
      "That should have been canceled weeks ago, and I apologise. I'll refund the duplicate today and call you on Monday afternoon to make sure it's there.",
    ],
  },
  "failed-download": {
    thirdParties: [
      { who: "the web team", oughtTo: "fixed the page weeks ago" },
      { who: "IT", oughtTo: "tested the download properly" },
      { who: "my colleague", oughtTo: "checked it on more than his own computer" },
    ],
    customerBlame: [
      "Your browser settings are probably the problem, to be honest.",
      "You should have tried another browser before writing again.",
    ],
    others: ["the web team", "IT"],
    acknowledgements: [
      "Three emails, the same blank page, and the same answer every time.",
      "Writing for the third time for two PDFs, and being told it works here.",
      "A blank page every time you click, and the president copied in before anyone listened.",
    ],
    owning: [
      "The answer you got last time, that it works on our side, was wrong.",
      "Being told 'it works here' was no answer, and we got that wrong.",
    ],
    diagnostics: ["Which browser are you using?", "Does the blank page show any address in the tab?"],
    own: [
      "I'm sorry, writing three times for two PDFs is too much. I've attached both files to this email, and I'll sit with the web team this afternoon and email you by 5 with what we find.",
      "I apologise, 'it works here' was no answer. I'll send you both PDFs right now, and I'll call you tomorrow at 10 to tell you what the web team found.",
      "I'm sorry you got the same answer three times. I'll attach growth-guide.pdf and growth-checklist.pdf to this reply, and I'll get the web team to test the page today and write to you by 4.",
      "You're right, and I'm sorry. I can't promise the page is fixed yet, but I'll email you both files within the next ten minutes and let you know by tomorrow morning what went wrong.",
      "I realise how frustrating a blank page is after three emails. I'll send the two guides now, and I'll prioritise the download problem with the web team and reply to you by 5 today.",
      "I'm really sorry about the blank page. I'll email you both PDFs now and a free printed workbook for the trouble, and I'll call you tomorrow morning with what the web team found.",
      "I apologise for the wait. I'll send the files straight away, and I'll take you up on your offer to help: I'll ring you at 2 today so we can try the page together.",
      "I'm sorry we didn't take this seriously. I'll attach both PDFs today and organise a test of the resources page with the web team this afternoon, then email you by 5.",
      "I apologize for the blank page and for the answer you got. I'll email you both PDFs right now and call you tomorrow at 10 with what the web team found.",
      "I'm sorry you've had to write three times. I can't fix the page this minute, but I'll send the guides straight away and organize a test with the web team this afternoon.",
      "I realize 'it works here' was no help at all. I'll attach both files to this reply now and write to you by 5 today with what went wrong.",
      "You shouldn't have had to copy in the president, and I apologise. I'll prioritize your files: I'll send them within ten minutes and ring you tomorrow morning.",
    ],
  },
  "missed-bin": {
    thirdParties: [
      { who: "the crews", oughtTo: "emptied it on Friday" },
      { who: "the depot", oughtTo: "put you on the round" },
      { who: "the digital team", oughtTo: "stopped those messages" },
    ],
    customerBlame: [
      "You should have put the bin out earlier, to be honest.",
      "If you'd called on the first day, it would have been sorted.",
    ],
    others: ["the depot", "the crew supervisor"],
    acknowledgements: [
      "Five days of 'tomorrow' messages and the bin still at the gate.",
      "Five days of being told tomorrow, and then a wait on hold.",
      "A food bin at the gate for five days, and a message every day saying tomorrow.",
    ],
    owning: [
      "Those 'tomorrow' texts should never have gone out, I apologise.",
      "The messages told you tomorrow five times, and that was wrong of us.",
    ],
    diagnostics: ["Which street are you on?", "Is the food bin the small brown one?"],
    own: [
      "I'm sorry, five days of false messages is really poor. I'll ring the depot's crew supervisor this morning and call you back by 12 with a day for your bin.",
      "I apologise, you've done everything right. I'll flag your collection as a priority now, so it goes on tomorrow's list, and I'll call you tomorrow at 10 to check it happened.",
      "I'm sorry you were left on hold after five days of this. I'll call the depot straight away and ring you back within the hour with a date for the food bin and the electricals.",
      "You're right, and I'm sorry. I can't change the automated texts, but I'll report them to the digital team today and call the depot at 11 to get you a day, then phone you by 1.",
      "I realise the food bin has been at the gate for five days. I'll prioritise the collection now and call you this afternoon by 4 to confirm the day.",
      "I'm really sorry about the messages. I'll speak to the crew supervisor this morning, I'll send you a free roll of caddy liners for the trouble, and I'll ring you by 12.",
      "I'm sorry, five days of 'tomorrow' isn't good enough. I'll put your bin on the priority list today and call you on Friday morning to make sure it was emptied.",
      "I apologise for the wait on the phone. I'll ring the depot now, I'll organise the small electricals pick-up as well, and I'll call you back before lunch with a day.",
      "I apologize for five days of false messages. I'll call the depot this morning and ring you back by 12 with a day for the food bin.",
      "I'm sorry you've been told tomorrow five times. I can't stop the automated texts, but I'll put your collection on the priority list now and call you tomorrow at 10.",
      "I realize the bin has been at the gate all week. I'll speak to the crew supervisor straight away and phone you within the hour with a day.",
      "Those messages should have been canceled, and I apologise. I'll prioritize your collection today and call you on Friday morning to check it happened.",
    ],
  },
  "out-of-town-repair": {
    thirdParties: [
      { who: "the dealership out there", oughtTo: "called us days ago" },
      { who: "their service desk", oughtTo: "asked for the history" },
      { who: "your son", oughtTo: "called us like you asked" },
    ],
    customerBlame: ["Kyle should have called us himself, to be honest.", "You should have told them to ring us on day one."],
    others: ["Raj", "the service manager"],
    acknowledgements: [
      "Kyle stuck in B.C. with a car nobody there can fix, and you in the middle.",
      "Being the go-between for a car we know better than anyone.",
      "Two days at a dealer, new spark plugs, and the check-engine light still on.",
    ],
    owning: [
      "Asking Kyle to get them to call us was never going to work, and that was our mistake.",
      "We should have picked up the phone ourselves the first time you asked.",
    ],
    diagnostics: ["What is the car's registration?", "Does the light come on every time, or only when it's cold?"],
    own: [
      "I'm sorry, being the go-between for a car we serviced for six years isn't fair on you. I'll call the B.C. dealership's service desk right now and ring you back within the hour.",
      "I apologise, you shouldn't have to chase this. I'll phone the dealer out there this morning, put Raj on the line with their technician, and call you by 2 with the plan.",
      "I'm sorry Kyle's been without a reliable car. I'll send the full service history to their service desk today and call you tomorrow at 10 with what they've found.",
      "You're right, and I'm sorry. I can't fix it from here, but I'll call their service desk now and I'll stay on it until they know what's wrong, then ring you by 4.",
      "I realise how far away Kyle is. I'll ring the dealership in B.C. straight away, I'll get Raj to talk them through the history, and I'll phone you within twenty minutes.",
      "I'm really sorry about the back and forth. I'll organise the call with their service desk this afternoon and cover the diagnosis on your account, and I'll call you tonight.",
      "I'm sorry nobody picked up the phone before. I'll call them myself right now, and I'll email you and Kyle the plan by 5 today.",
      "I apologise, you asked for one call and didn't get it. I'll prioritise it now: Raj and I will call the dealer at 11, and I'll ring you by 12 with their diagnosis.",
      "I apologize, you shouldn't be the go-between. I'll call the dealership in B.C. right now and ring you back within the hour with their diagnosis.",
      "I'm sorry Kyle's stuck with it. I can't look at the car from here, but I'll organize a call between Raj and their technician this afternoon and phone you by 4.",
      "I realize you asked for one phone call. I'll make it myself now, I'll send them the service history, and I'll call you within twenty minutes.",
      "You're right, and I apologise. I'll prioritize this today: I'll call their service desk at 11 and ring you by 12 with the plan.",
    ],
  },
};

/** Every base reply at its turns: model answers and examples at their own turn, the suite's own at every turn. */
export function bases(): Base[] {
  const out: Base[] = [];
  for (const { data: scenario } of shipped.scenarios.values()) {
    const rubric = shipped.rubrics.get(scenario.rubric)?.data;
    if (rubric === undefined) throw new Error(`${scenario.id}: no rubric ${scenario.rubric}`);
    const first = scenario.turns[0]?.id as string;
    for (const turn of scenario.turns)
      out.push({ scenario, rubric, turn: turn.id, reply: turn.model, source: `${scenario.id} model (${turn.id})` });
    (scenario.examples ?? []).forEach((example, i) => {
      const turn = example.turn ?? first;
      out.push({ scenario, rubric, turn, reply: example.reply, source: `${scenario.id} example ${i + 1} (${turn})` });
    });
    (STORIES[scenario.id]?.own ?? []).forEach((reply, i) => {
      for (const turn of scenario.turns)
        out.push({ scenario, rubric, turn: turn.id, reply, source: `own ${scenario.id} ${i + 1} (${turn.id})` });
    });
  }
  return out;
}
