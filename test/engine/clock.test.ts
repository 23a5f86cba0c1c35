import { describe, expect, it } from "vitest";
import { afterSkip, dueTime, startClock, timeOfDay } from "../../src/engine/clock.js";

const at = (day: number, h: number, m = 0) => day * 1440 + h * 60 + m;

describe("the story clock", () => {
  it.each([
    ["17:40", 17 * 60 + 40],
    ["4pm", 16 * 60],
    ["10 am", 10 * 60],
    ["by 5", 17 * 60],
    ["noon", 12 * 60],
    ["12:30", 12 * 60 + 30],
  ])("reads the time of day in %j", (text, minutes) => {
    expect(timeOfDay(text)).toBe(minutes);
  });

  const tuesday = startClock("Tuesday 17:40");
  it.each([
    ["The next day, 12:15", at(1, 12, 15)],
    ["The next morning, 7:50", at(1, 7, 50)],
    ["Twenty minutes later", at(0, 18, 0)],
    ["Two days later, 16:30", at(2, 16, 30)],
    ["The following Monday, 9:40", at(6, 9, 40)],
    ["An hour later", at(0, 18, 40)],
  ])("a skip %j lands where it says", (skip, minutes) => {
    expect(afterSkip(skip, tuesday)).toBe(minutes);
  });

  it("cannot read every skip, and says so", () => {
    expect(afterSkip("Much later", tuesday)).toBeUndefined();
    expect(afterSkip("On Friday", startClock("17:40"))).toBeUndefined();
  });

  const now = at(0, 17, 40);
  it.each([
    ["by 10", at(1, 10)],
    ["at 8:30 tomorrow", at(1, 8, 30)],
    ["by tomorrow noon", at(1, 12)],
    ["within the hour", now + 60],
    ["in 20 minutes", now + 20],
    ["right now", now + 5],
    ["tonight", at(0, 21)],
    ["before 5 today", at(0, 17)],
    ["on Monday", at(6, 23, 59)],
    ["first thing tomorrow", at(1, 9, 30)],
  ])("a promise %j falls due when it says", (due, minutes) => {
    expect(dueTime(due, now, tuesday)).toBe(minutes);
  });

  it("a time the clock cannot read is undefined: the promise comes due at the next skip", () => {
    expect(dueTime("soonish", now, tuesday)).toBeUndefined();
  });
});
