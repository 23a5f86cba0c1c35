/** Small text helpers shared by the history, progress and report renderers. Pure. */

/** A stored ISO time as `2026-01-05 10:00` in UTC: the same on every machine, so reports and tests agree. */
export function utcMinute(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso.slice(0, 16);
  return new Date(time).toISOString().slice(0, 16).replace("T", " ");
}

export function utcDay(iso: string): string {
  return utcMinute(iso).slice(0, 10);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what this strips
const ANSI = /\u001b\[[0-9;]*m/g;

/** The length of text as shown: colour codes take no room. */
export function visibleLength(text: string): number {
  return text.replace(ANSI, "").length;
}

/** Wraps text at word boundaries, each line starting with `indent`; colour codes do not count. */
export function wrap(text: string, width: number, indent = ""): string {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    let length = 0;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      const size = visibleLength(word);
      if (line !== "" && length + size + 1 > width) {
        out.push(indent + line);
        line = word;
        length = size;
      } else {
        line = line === "" ? word : `${line} ${word}`;
        length += line === word ? size : size + 1;
      }
    }
    out.push(indent + line);
  }
  return out.join("\n");
}

/**
 * Wraps text to a screen `width` columns wide, indent included: every line starts with `indent`,
 * the first with `first` when given; colour codes take no room. A word longer than a whole line (a
 * link, a pasted code) is the one thing cut, so no line is ever wider than the screen.
 */
export function wrapTo(text: string, width: number, indent = "", first = indent): string {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let lead = out.length === 0 ? first : indent;
    let line = "";
    let length = 0;
    const room = () => Math.max(1, width - visibleLength(lead));
    const push = () => {
      out.push(lead + line);
      lead = indent;
      line = "";
      length = 0;
    };
    for (let word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      let size = visibleLength(word);
      if (line !== "" && length + size + 1 > room()) push();
      if (size > room()) {
        // Cut on what shows: the word loses its colour, never a character.
        let plain = word.replace(ANSI, "");
        if (line !== "") push();
        while (plain.length > room()) {
          line = plain.slice(0, room());
          plain = plain.slice(room());
          push();
        }
        word = plain;
        size = plain.length;
      }
      line = line === "" ? word : `${line} ${word}`;
      length += line === word ? size : size + 1;
    }
    out.push(lead + line);
  }
  return out.join("\n");
}

const TICKS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;

/** One character per value, ▁ (0) to █ (max); a space where there is no value. */
export function sparkline(values: ReadonlyArray<number | null>, max: number): string {
  return values
    .map((v) => {
      if (v === null) return " ";
      const share = max <= 0 ? 0 : Math.max(0, Math.min(1, v / max));
      return TICKS[Math.round(share * (TICKS.length - 1))] as string;
    })
    .join("");
}

/** A number with at most one decimal: 2, 2.5, 1.3. */
export function decimal(value: number): string {
  return (Math.round(value * 10) / 10).toFixed(1).replace(/\.0$/, "");
}

/**
 * The widest of some texts (at least `min`), by a loop: `Math.max(...cells)` passes every cell as an
 * argument, and a history of 140,000 sessions overflows the stack that way.
 */
export function widest(texts: Iterable<string>, min = 0): number {
  let width = min;
  for (const text of texts) if (text.length > width) width = text.length;
  return width;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** The level names of the SPEC's 0-3 scale. */
export function levelName(level: number): string {
  return ["absent", "weak", "solid", "exemplary"][Math.max(0, Math.min(3, Math.round(level)))] as string;
}
