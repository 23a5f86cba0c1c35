/**
 * The customer's mood for the screen: its name and a meter that fills as they calm down.
 *
 * The scale repeats the engine's MOOD_SCALE on purpose: the opening screen is drawn before the
 * engine is imported (importing it loads the NLP model), so this module must not import it.
 * test/play/mood.test.ts keeps the two in step.
 */
import type { Mood } from "../content/schema.js";

export const MOODS: ReadonlyArray<readonly [Mood, number]> = [
  ["furious", 0],
  ["angry", 2],
  ["annoyed", 4],
  ["neutral", 5],
  ["calm", 7],
  ["pleased", 9],
];

export const MOOD_MAX = 10;

/** The number for a named mood (a scenario's starting mood). */
export function moodValue(name: Mood): number {
  return MOODS.find(([n]) => n === name)?.[1] ?? 5;
}

/** The name for a mood number 0-10. */
export function moodLabel(mood: number): Mood {
  let label: Mood = "furious";
  for (const [name, value] of MOODS) if (mood >= value) label = name;
  return label;
}

const RAMP = "▁▂▃▄▅▆▇█";

/** Ten cells that rise and fill as the mood improves: annoyed (4) is ▁▁▂▃······. */
export function moodMeter(mood: number): string {
  let out = "";
  for (let cell = 1; cell <= MOOD_MAX; cell++) {
    out += mood >= cell ? RAMP[Math.floor(((cell - 1) * RAMP.length) / MOOD_MAX)] : "·";
  }
  return out;
}
