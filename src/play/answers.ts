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

/** What the splitter can say about the next reply. */
export type NextReply = { kind: "reply"; text: string } | { kind: "wait" } | { kind: "end" };

/**
 * The same rule for input that arrives a piece at a time (a pipe from another program), so a reply
 * is played as soon as it is known, not when the input ends. Lines go in with `push`, `end` says
 * there are no more, and `next` gives the next reply, or "wait" while more input could change it.
 *
 * Everything the rule needs is looked for in what has arrived: a blank line between two non-empty
 * lines there means blocks, for the rest of the input. While the input is open and shows no blocks,
 * replies go one a line when the input is idle (nothing more arrived just now): that is how a live
 * script talks, one reply and then it waits for the customer. An open input whose run of several
 * lines is followed by a blank line is taken as blocks, since that is what a blank line after a
 * multi-line reply means. With the whole input there at once (a file, `cat file |`), the result is
 * exactly `splitAnswers`'s.
 */
export class ReplySplitter {
  private readonly lines: string[] = [];
  private head = 0;
  private ended = false;
  private blocks = false;
  private first = true;
  /** The last line taken was not blank, and a blank line has been skipped since. */
  private afterContent = false;
  private blankSinceContent = false;

  push(line: string): void {
    if (this.first) {
      this.first = false;
      this.lines.push(line.replace(/^\uFEFF/, ""));
    } else this.lines.push(line);
  }

  end(): void {
    this.ended = true;
  }

  /** Lines that arrived and were not used for a reply. */
  pendingLines(): string[] {
    return this.lines.slice(this.head);
  }

  /** The next reply; `idle` says nothing more has arrived for now (see the class comment). */
  next(idle: boolean): NextReply {
    this.skipBlank();
    if (this.head >= this.lines.length) return this.ended ? { kind: "end" } : { kind: "wait" };
    if (!this.blocks && this.showsBlocks()) this.blocks = true;
    return this.blocks ? this.nextBlock() : this.nextLine(idle);
  }

  private skipBlank(): void {
    while (this.head < this.lines.length && blank(this.lines[this.head] as string)) {
      // A blank line while a backslash continuation is open belongs to that reply, as in splitAnswers;
      // continuations are taken whole in nextLine, so here every blank line is between replies.
      if (this.afterContent) this.blankSinceContent = true;
      this.head++;
    }
  }

  /** True when what has arrived says the input is in blocks. */
  private showsBlocks(): boolean {
    // A blank line between the last reply taken and this one.
    if (this.blankSinceContent) return true;
    // Lines in the current run that end a reply of their own (no backslash going on).
    let ends = 0;
    let blankAfterContent = false;
    for (let i = this.head; i < this.lines.length; i++) {
      const line = this.lines[i] as string;
      if (blank(line)) {
        if (!this.ended && ends >= 2) return true;
        // The head is never blank (skipBlank), so a blank line here comes after content.
        blankAfterContent = true;
        ends = 0;
        continue;
      }
      if (blankAfterContent) return true;
      if (!line.trimEnd().endsWith("\\")) ends++;
    }
    return false;
  }

  private take(from: number, to: number): string[] {
    const taken = this.lines.slice(from, to);
    this.head = to;
    this.afterContent = true;
    this.blankSinceContent = false;
    return taken;
  }

  private nextBlock(): NextReply {
    let i = this.head;
    while (i < this.lines.length && !blank(this.lines[i] as string)) i++;
    if (i >= this.lines.length && !this.ended) return { kind: "wait" };
    return {
      kind: "reply",
      text: this.take(this.head, i)
        .map((l) => l.trimEnd())
        .join("\n"),
    };
  }

  private nextLine(idle: boolean): NextReply {
    if (!this.ended && !idle) return { kind: "wait" };
    // A line ending with a backslash goes on to the next; at the end of input, what is pending counts.
    let i = this.head;
    const parts: string[] = [];
    for (;;) {
      const line = this.lines[i];
      if (line === undefined) {
        if (!this.ended) return { kind: "wait" };
        this.take(this.head, i);
        return parts.some((l) => !blank(l)) ? { kind: "reply", text: parts.join("\n") } : { kind: "end" };
      }
      const trimmed = line.trimEnd();
      i++;
      if (trimmed.endsWith("\\")) {
        parts.push(trimmed.slice(0, -1).trimEnd());
        continue;
      }
      parts.push(trimmed);
      this.take(this.head, i);
      return { kind: "reply", text: parts.join("\n") };
    }
  }
}

/** Every reply of a whole input (an answers file). */
export function splitAnswers(lines: readonly string[]): string[] {
  const splitter = new ReplySplitter();
  for (const line of lines) splitter.push(line);
  splitter.end();
  const replies: string[] = [];
  for (let next = splitter.next(true); next.kind === "reply"; next = splitter.next(true)) replies.push(next.text);
  return replies;
}
