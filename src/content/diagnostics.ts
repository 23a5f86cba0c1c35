/** Problems found in content files: every one with a file, a position, a stable code and a hint. */

export type Severity = "error" | "warning";

export interface Diagnostic {
  file: string;
  /** 1-based; 0 when the problem is about the whole file. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => d.severity === "error" || (strict && d.severity === "warning"));
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code));
}

/** Levenshtein distance, for "did you mean" hints on unknown fields and ids. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

/** The closest candidate, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = closest(word, candidates);
  return match === undefined ? undefined : `did you mean \`${match}\`?`;
}

/** Names for a hint, at most `max` of them: "open, chase, end" or "t0, t1, ... t11 and 15988 more". */
export function nameList(names: Iterable<string>, max = 12): string {
  const all = [...names];
  const shown = all.slice(0, max).join(", ");
  return all.length > max ? `${shown} and ${all.length - max} more` : shown;
}

/** Problems of one code in one file beyond the first few: counted, not listed. */
export interface OmittedDiagnostics {
  file: string;
  code: string;
  severity: Severity;
  count: number;
}

/** How many problems of one code one file lists before the rest are only counted. */
export const MAX_REPEATS = 20;

/**
 * The first `max` problems of each code in each file, in order, and a count of the rest: a file
 * with 100,000 unknown fields says so in twenty of them and a number, not 100,000 screens.
 */
export function capRepeats(diagnostics: readonly Diagnostic[], max = MAX_REPEATS): { shown: Diagnostic[]; omitted: OmittedDiagnostics[] } {
  const seen = new Map<string, number>();
  const omitted = new Map<string, OmittedDiagnostics>();
  const shown: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.file}\u0000${d.code}\u0000${d.severity}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count <= max) {
      shown.push(d);
      continue;
    }
    const entry = omitted.get(key);
    if (entry === undefined) omitted.set(key, { file: d.file, code: d.code, severity: d.severity, count: 1 });
    else entry.count++;
  }
  return { shown, omitted: [...omitted.values()] };
}

/** "... and 7980 more unknown-field errors like these", for a person. */
export function omittedLine(o: OmittedDiagnostics): string {
  return `... and ${o.count} more ${o.code} ${o.severity}${o.count === 1 ? "" : "s"} like these`;
}
