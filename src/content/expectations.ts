/** Expected levels and scores in examples: an exact value (2) or a range (">=2", "<=1", "1-2", "<35"). */

export interface Range {
  min: number;
  max: number;
}

function parseRange(expectation: number | string, top: number): Range | undefined {
  if (typeof expectation === "number") return { min: expectation, max: expectation };
  const text = expectation.replace(/\s+/g, "");
  const between = /^(\d+)-(\d+)$/.exec(text);
  if (between) return { min: Number(between[1]), max: Number(between[2]) };
  const compare = /^(<=|>=|<|>)(\d+)$/.exec(text);
  if (compare) {
    const n = Number(compare[2]);
    switch (compare[1]) {
      case "<=":
        return { min: 0, max: n };
      case "<":
        return { min: 0, max: n - 1 };
      case ">=":
        return { min: n, max: top };
      default:
        return { min: n + 1, max: top };
    }
  }
  if (/^\d+$/.test(text)) return { min: Number(text), max: Number(text) };
  return undefined;
}

export function parseLevelRange(expectation: number | string): Range | undefined {
  return parseRange(expectation, 3);
}

export function parseScoreRange(expectation: number | string): Range | undefined {
  return parseRange(expectation, 100);
}

export function inRange(value: number, range: Range): boolean {
  return value >= range.min && value <= range.max;
}

export function describeRange(expectation: number | string): string {
  return typeof expectation === "number" ? String(expectation) : expectation.replace(/\s+/g, "");
}
