/** Scripted replies that arrive a piece at a time: the same replies as a whole file, each as soon as it is known. */
import { describe, expect, it } from "vitest";
import { type NextReply, ReplySplitter, splitAnswers } from "../../src/play/answers.js";

/** The rule as it was written for a whole input, kept here as the oracle. */
function wholeInput(lines: readonly string[]): string[] {
  const blank = (l: string) => l.trim() === "";
  const first = lines.findIndex((l) => !blank(l));
  let last = lines.length - 1;
  while (last > first && blank(lines[last] as string)) last--;
  let blocks = false;
  if (first >= 0) for (let i = first; i < last; i++) if (blank(lines[i] as string)) blocks = true;
  const replies: string[] = [];
  if (blocks) {
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

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const PIECES = ["", "", " ", "a", "b c", "I'll call at 9.", "x\\", "\\", "y \\ ", "/hint", "z  "];

describe("replies from input that arrives a piece at a time", () => {
  it("splits a whole input exactly as the rule for whole files does, for 5,000 random inputs", () => {
    const rnd = random(7);
    for (let n = 0; n < 5000; n++) {
      const lines = Array.from({ length: Math.floor(rnd() * 9) }, () => PIECES[Math.floor(rnd() * PIECES.length)] as string);
      expect(splitAnswers(lines), JSON.stringify(lines)).toEqual(wholeInput(lines));
    }
  });

  it("gives a reply of a live script as soon as the input is idle, and waits while it is not", () => {
    const s = new ReplySplitter();
    expect(s.next(true)).toEqual({ kind: "wait" });
    s.push("I'm sorry, I'll call the producer at 9.");
    expect(s.next(false)).toEqual({ kind: "wait" });
    expect(s.next(true)).toEqual({ kind: "reply", text: "I'm sorry, I'll call the producer at 9." });
    expect(s.next(true)).toEqual({ kind: "wait" });
    s.push("Second reply.");
    expect(s.next(true)).toEqual({ kind: "reply", text: "Second reply." });
    s.end();
    expect(s.next(true)).toEqual({ kind: "end" });
  });

  it("waits for the rest of a reply continued with a backslash", () => {
    const s = new ReplySplitter();
    s.push("I'm sorry. \\");
    expect(s.next(true)).toEqual({ kind: "wait" });
    s.push("I'll call at 9.");
    expect(s.next(true)).toEqual({ kind: "reply", text: "I'm sorry.\nI'll call at 9." });
  });

  it("takes blocks as soon as a blank line ends a reply of several lines", () => {
    const s = new ReplySplitter();
    for (const line of ["line one", "line two"]) s.push(line);
    expect(s.next(false)).toEqual({ kind: "wait" });
    s.push("");
    expect(s.next(false)).toEqual({ kind: "reply", text: "line one\nline two" });
    s.push("second");
    expect(s.next(true)).toEqual({ kind: "wait" });
    s.push("");
    expect(s.next(false)).toEqual({ kind: "reply", text: "second" });
  });

  it("switches to blocks when a blank line comes between replies it has given one a line", () => {
    const s = new ReplySplitter();
    s.push("first");
    expect(s.next(true)).toEqual({ kind: "reply", text: "first" });
    for (const line of ["", "two", "lines"]) s.push(line);
    const next: NextReply = s.next(true);
    expect(next).toEqual({ kind: "wait" });
    s.end();
    expect(s.next(true)).toEqual({ kind: "reply", text: "two\nlines" });
    expect(s.next(true)).toEqual({ kind: "end" });
  });
});
