import { describe, expect, it } from "vitest";
import { splitAnswers, splitLines, usesBlocks } from "../../src/play/answers.js";

const split = (text: string) => splitAnswers(splitLines(text));

describe("scripted replies", () => {
  it.each([
    ["one reply per line", "first\nsecond\nthird\n", ["first", "second", "third"]],
    ["Windows line ends and a byte-order mark", "\uFEFFfirst\r\nsecond\r\n", ["first", "second"]],
    ["leading and trailing blank lines do not make blocks", "\n\nfirst\nsecond\n\n\n", ["first", "second"]],
    [
      "a backslash continues the reply on the next line",
      "I'm sorry. \\\nI'll call at 9.\nsecond\n",
      ["I'm sorry.\nI'll call at 9.", "second"],
    ],
    ["a blank line between replies switches to blocks", "line one\nline two\n\nsecond\n", ["line one\nline two", "second"]],
    ["several blank lines between blocks count as one", "a\n\n\n\nb\n", ["a", "b"]],
    ["whitespace-only lines are blank", "a\n   \nb", ["a", "b"]],
    ["commands stay replies of their own", "/hint\nreply\n/quit\n", ["/hint", "reply", "/quit"]],
    ["nothing at all", "", []],
    ["only blank lines", "\n\n  \n", []],
  ])("%s", (_name, text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  it("only counts blank lines between non-empty ones", () => {
    expect(usesBlocks(["", "a", "b", ""])).toBe(false);
    expect(usesBlocks(["a", "", "b"])).toBe(true);
  });
});
