/** Colour for the terminal renderers; plain text when colour is off (not a TTY, NO_COLOR, --no-color). */
import { Chalk, type ChalkInstance } from "chalk";

export type Style = ChalkInstance;

export function makeStyle(color: boolean): Style {
  return new Chalk({ level: color ? 1 : 0 });
}

/** A bar of filled and empty cells, readable without colour: ███░ 3/4. */
export function bar(value: number, max: number, width = max): string {
  const filled = max === 0 ? 0 : Math.round((Math.max(0, Math.min(value, max)) / max) * width);
  return "█".repeat(filled) + "░".repeat(width - filled);
}
