/**
 * Story time: when in the story a promise falls due, and where a time skip lands, so that at a skip
 * the engine knows which promises came due ("by 10" has, at "The next day, 12:15"; "before 5 today"
 * has not, at "Twenty minutes later"; "the day it arrives" never does by the clock).
 *
 * Times are minutes from midnight at the start of the story's first day. Everything here reads the
 * words people write ("The following Monday, 9:40", "by tomorrow noon", "within the hour"); what it
 * cannot read is undefined, and the caller falls back to "every promise comes due at the next skip".
 * Pure: text in, numbers out.
 */

export interface StoryClock {
  /** Minutes since midnight of day 0; undefined once a skip could not be read. */
  now: number | undefined;
  /** Day 0's weekday, 0 = Monday ... 6 = Sunday, when the scenario says it. */
  weekday?: number;
}

const DAY = 24 * 60;
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  "twenty-five": 25,
  thirty: 30,
  forty: 40,
  "forty-five": 45,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  few: 3,
  couple: 2,
};
/** When a part of the day ends, for "by this afternoon"; and where a skip to it lands. */
const PART_ENDS: Record<string, number> = { morning: 12 * 60, afternoon: 17 * 60, evening: 21 * 60, night: 23 * 60 };
const PART_STARTS: Record<string, number> = { morning: 9 * 60, afternoon: 14 * 60, evening: 19 * 60, night: 21 * 60 };

function amount(word: string | undefined): number | undefined {
  if (word === undefined) return undefined;
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBERS[word];
}

const dayOf = (minutes: number) => Math.floor(minutes / DAY);

/** "17:40", "9.05", "4pm", "10 am", "noon": minutes after midnight. A bare hour up to 7 is read as pm. */
export function timeOfDay(text: string, bareHourIsPm = true): number | undefined {
  const t = text.toLowerCase();
  if (/\b(noon|midday)\b/.test(t)) return 12 * 60;
  if (/\blunch ?time\b|\blunch\b/.test(t)) return /\bafter lunch\b/.test(t) ? 14 * 60 : 12 * 60 + 30;
  if (/\bmidnight\b/.test(t)) return DAY - 1;
  // "half past 12", "quarter past 3", "quarter to 5": read as the clock time they name.
  const past = /\b(half|quarter) (past|to) (\d{1,2}|[a-z]+)\b/.exec(t);
  if (past !== null) {
    const named = amount(past[3]);
    if (named !== undefined && named >= 1 && named <= 12) {
      const base = timeOfDay(t.replace(past[0], String(named)), bareHourIsPm) ?? named * 60;
      const shift = past[1] === "half" ? 30 : past[2] === "past" ? 15 : -15;
      return base + shift;
    }
  }
  // "$412", "£20": an amount, not a time.
  const m = /(?<![$€£\d])\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|o'clock)?(?![\d:])/.exec(t);
  if (m === null) return undefined;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (hour > 23 || minute > 59) return undefined;
  const suffix = m[3];
  if (suffix?.startsWith("p") && hour < 12) hour += 12;
  else if (suffix?.startsWith("a") && hour === 12) hour = 0;
  else if (suffix?.startsWith("a")) {
    // "10 am" is the morning, whatever else is said.
  } else if (hour < 12 && /\b(afternoon|evening|tonight)\b/.test(t)) hour += 12;
  // "at 3 o'clock", "by 5", "at 4:30": at work, an hour up to 7 without am is the afternoon.
  else if (bareHourIsPm && hour >= 1 && hour <= 7 && !/\bmorning\b/.test(t)) hour += 12;
  return hour * 60 + minute;
}

/** The scenario's `clock`: "Tuesday 17:40", "17:40", "Wednesday". */
export function startClock(clock: string | undefined): StoryClock {
  if (clock === undefined) return { now: 9 * 60 };
  const t = clock.toLowerCase();
  const weekday = WEEKDAYS.findIndex((d) => t.includes(d));
  const time = timeOfDay(t, false) ?? partStart(t) ?? 9 * 60;
  const start: StoryClock = { now: time };
  if (weekday >= 0) start.weekday = weekday;
  return start;
}

function partStart(t: string): number | undefined {
  for (const [part, start] of Object.entries(PART_STARTS)) if (new RegExp(`\\b${part}\\b`).test(t)) return start;
  return undefined;
}

/** The weekday of a story day, when known. */
function weekdayOf(clock: StoryClock, day: number): number | undefined {
  return clock.weekday === undefined ? undefined : (clock.weekday + day) % 7;
}

/** The next day (after `day`) that is this weekday, or undefined without a known weekday. */
function nextWeekday(clock: StoryClock, day: number, weekday: number, includeToday = false): number | undefined {
  const today = weekdayOf(clock, day);
  if (today === undefined) return undefined;
  let ahead = (weekday - today + 7) % 7;
  if (ahead === 0 && !includeToday) ahead = 7;
  return day + ahead;
}

/**
 * Where a time skip lands: "The next day, 12:15", "Twenty minutes later", "Two days later, 16:30",
 * "The following Monday, 9:40", "Later that afternoon". Undefined when it cannot be read.
 */
export function afterSkip(skip: string, clock: StoryClock): number | undefined {
  const now = clock.now;
  if (now === undefined) return undefined;
  const t = skip.toLowerCase();
  const later =
    /\b(an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|twenty-five|thirty|forty|forty-five|fifty|sixty|ninety|few|couple of|\d+)\s+(minutes?|mins?|hours?|days?|weeks?)\s+later\b/.exec(
      t,
    );
  const half = /\bhalf an hour later\b/.test(t);
  let day = dayOf(now);
  let dayChanged = false;
  let at: number | undefined;
  if (half) at = now + 30;
  else if (later !== null) {
    const n = amount(later[1]?.replace(/ of$/, "")) ?? 1;
    const unit = later[2] as string;
    if (unit.startsWith("min")) at = now + n;
    else if (unit.startsWith("hour")) at = now + n * 60;
    else {
      day += unit.startsWith("week") ? 7 * n : n;
      dayChanged = true;
    }
  } else if (/\b(next|following) (day|morning|afternoon|evening|night)\b|\bthe day after\b|\btomorrow\b/.test(t)) {
    day += 1;
    dayChanged = true;
  } else if (
    /\b(later that|that) (day|morning|afternoon|evening|night)\b|\blater (that day|today|on)\b|\bthis (afternoon|evening)\b/.test(t)
  ) {
    // same day
  } else {
    const weekday = WEEKDAYS.findIndex((d) => t.includes(d));
    if (weekday < 0) return undefined;
    const target = nextWeekday(clock, day, weekday);
    if (target === undefined) return undefined;
    day = target;
    dayChanged = true;
  }
  if (at !== undefined) return at;
  const time = timeOfDay(t, false) ?? partStart(t);
  if (time !== undefined) {
    const landing = day * DAY + time;
    // "Later that day, 9:00" said at 17:40 cannot go back in time.
    return landing < now ? landing + DAY : landing;
  }
  return dayChanged ? day * DAY + 9 * 60 : now + 60;
}

/**
 * When a promise falls due, from its time as said ("by 10", "at 8:30 tomorrow", "within the hour",
 * "this afternoon", "on Monday"), made at `now`. Undefined when the words give no time the clock can
 * read: such a promise comes due at the next skip.
 */
export function dueTime(due: string, now: number, clock: StoryClock): number | undefined {
  const t = due.toLowerCase();
  const today = dayOf(now);
  // Relative: "now", "within the hour", "in 20 minutes", "in three days".
  if (/\b(right now|now|straight away|right away|immediately|asap|as soon as possible|as we speak|on the spot|while you wait)\b/.test(t))
    return now + 5;
  if (/\b(straight |right |immediately |just )?after (that|this|the call|it)\b|\bafterwards\b/.test(t)) return now + 30;
  const within =
    /\b(?:within|in)\s+(?:the\s+|an?\s+|the next\s+)?(?:next\s+)?(\d+|[a-z-]+)?\s*(minutes?|mins?|hours?|hrs?|days?|working days?|business days?|weeks?)\b/.exec(
      t,
    );
  if (within !== null) {
    const n = amount(within[1]) ?? 1;
    const unit = within[2] as string;
    if (unit.startsWith("min")) return now + n;
    if (unit.startsWith("h")) return now + n * 60;
    const days = unit.startsWith("week") ? 7 * n : n;
    return (today + days) * DAY + 17 * 60 + 30;
  }
  // A day: today, tomorrow, a weekday, next week.
  let day: number | undefined;
  if (/\btomorrow\b/.test(t)) day = today + 1;
  else if (/\b(today|tonight|this (morning|afternoon|evening))\b/.test(t)) day = today;
  else if (/\bnext week\b/.test(t)) day = today + 7;
  else {
    const weekday = WEEKDAYS.findIndex((d) => t.includes(d));
    if (weekday >= 0) {
      day = nextWeekday(clock, today, weekday);
      if (day === undefined) return undefined;
    } else if (/\b(end of the week|end of this week)\b/.test(t)) {
      day = nextWeekday(clock, today, 4, true) ?? today + 3;
    }
  }
  // A time of day: "at 9", "by 4pm", "noon", "first thing", "this afternoon", "end of the day".
  let time = timeOfDay(t);
  if (time === undefined) {
    if (/\bfirst thing\b/.test(t)) time = 9 * 60 + 30;
    else if (/\b(end of (the )?(day|today|shift)|close of business|closing|close)\b/.test(t)) time = 17 * 60 + 30;
    else if (/\btonight\b/.test(t)) time = PART_ENDS.evening;
    else {
      for (const [part, end] of Object.entries(PART_ENDS)) if (new RegExp(`\\b${part}\\b`).test(t)) time = end;
    }
  }
  if (day === undefined && time === undefined) return undefined;
  if (day === undefined) {
    // "by 10" said at 17:40 means tomorrow's 10.
    const candidate = today * DAY + (time as number);
    return candidate >= now ? candidate : candidate + DAY;
  }
  return day * DAY + (time ?? DAY - 1);
}

/** How many story days lie between two times (for saying "tomorrow" back as "today"). */
export function daysBetween(from: number | undefined, to: number | undefined): number | undefined {
  if (from === undefined || to === undefined) return undefined;
  return dayOf(to) - dayOf(from);
}

/**
 * When a time in the past was, said from now: "this morning", "yesterday", "on Friday", "last week".
 * For a line that tells a promise kept: a call made at 9:00 and told at 9:40 was this morning, not last week.
 */
export function saidWhen(at: number | undefined, clock: StoryClock): string | undefined {
  const now = clock.now;
  if (at === undefined || now === undefined) return undefined;
  const days = dayOf(now) - dayOf(at);
  if (days <= 0) {
    const minute = at - dayOf(at) * DAY;
    return minute < 12 * 60 ? "this morning" : minute < 17 * 60 ? "this afternoon" : "this evening";
  }
  if (days === 1) return "yesterday";
  const weekday = weekdayOf(clock, dayOf(at));
  if (days < 7 && weekday !== undefined)
    return `on ${(WEEKDAYS[weekday] as string)[0]?.toUpperCase()}${(WEEKDAYS[weekday] as string).slice(1)}`;
  return days < 14 ? "last week" : "before";
}
