/**
 * Scripted replies (`--answers FILE` or piped standard input) split into one reply each.
 *
 * The rule (the `play --answers` help says it in short):
 * - When a blank line stands between two non-empty lines anywhere in the input, the input is in
 *   blocks: each run of non-empty lines is one reply, its lines kept as typed (multi-line replies).
 * - Otherwise each non-empty line is one reply, and a line ending with a backslash continues on the
 *   next line, as at the terminal prompt.
 * Leading and trailing blank lines never count. A reply that is exactly `/hint` or `/quit` is a command.
 */

export function splitLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

const blank = (line: string) => line.trim() === "";

/** True when a blank line separates two non-empty lines: the input is blank-line-separated blocks. */
export function usesBlocks(lines: readonly string[]): boolean {
  const first = lines.findIndex((l) => !blank(l));
  let last = lines.length - 1;
  while (last > first && blank(lines[last] as string)) last--;
  if (first < 0) return false;
  for (let i = first; i < last; i++) if (blank(lines[i] as string)) return true;
  return false;
}

export function splitAnswers(lines: readonly string[]): string[] {
  const replies: string[] = [];
  if (usesBlocks(lines)) {
    let block: string[] = [];
    for (const line of lines) {
      if (blank(line)) {
        if (block.length > 0) replies.push(block.join("\n"));
        block = [];
      } else block.push(line.trimEnd());
    }
    if (block.length > 0) replies.push(block.join("\n"));
    return replies;
  }
  let pending: string[] = [];
  for (const line of lines) {
    if (blank(line) && pending.length === 0) continue;
    const trimmed = line.trimEnd();
    if (trimmed.endsWith("\\")) {
      pending.push(trimmed.slice(0, -1).trimEnd());
      continue;
    }
    pending.push(trimmed);
    replies.push(pending.join("\n"));
    pending = [];
  }
  if (pending.some((l) => !blank(l))) replies.push(pending.join("\n"));
  return replies;
}
