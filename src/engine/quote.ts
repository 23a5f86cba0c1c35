/**
 * The words the scorecard quotes for a level: the rule's match, widened to whole words and, when the
 * match alone is a fragment ("Is", "Can you", "RAV4"), to enough of its sentence to show what was said.
 * Pure; offsets are the trainee's own characters, so the quote is always their words as typed.
 */

/** Fewer words than this and the match alone says nothing: it is shown with its sentence. */
const FEW_WORDS = 4;
/** A sentence up to this many words is quoted whole; a longer one around the match, cut with "…". */
const WHOLE_SENTENCE = 14;
/** Words of context a long sentence gives a short match (the match included). */
const WINDOW = 8;

const WORD = /[\p{L}\p{N}'’$@-]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

/** Where the sentence around `at` starts and ends: . ! ? ; or a line break, but not the dot of "8.30" or "B.C.". */
function sentenceBounds(text: string, from: number, to: number): [number, number] {
  const ends = (i: number): boolean => {
    const ch = text[i];
    if (ch === "\n" || ch === "!" || ch === "?" || ch === ";") return true;
    if (ch !== ".") return false;
    const next = text[i + 1];
    const before = text[i - 2];
    // "8.30", "B.C.", "e.g.": a dot inside a token, or after a single letter that follows a dot.
    if (next !== undefined && !/\s/.test(next)) return false;
    if (before === ".") return false;
    return true;
  };
  let start = from;
  while (start > 0 && !ends(start - 1)) start--;
  let end = to;
  while (end < text.length && !ends(end)) end++;
  if (end < text.length && text[end] !== "\n") end++;
  return [start, end];
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== "" && /[\p{L}\p{N}]/u.test(w));
}

export function evidenceQuote(reply: string, start: number, end: number, quote: string): string {
  if (quote === "" || start < 0 || end > reply.length || end <= start) return quote;
  // Whole words: "n't good enough" is "isn't good enough".
  let from = start;
  let to = end;
  while (from > 0 && isWordChar(reply[from - 1]) && isWordChar(reply[from])) from--;
  while (to < reply.length && isWordChar(reply[to]) && isWordChar(reply[to - 1])) to++;
  const match = reply.slice(from, to).trim();
  if (words(match).length >= FEW_WORDS) return match;
  const [s, e] = sentenceBounds(reply, from, to);
  const sentence = reply.slice(s, e).trim();
  if (words(sentence).length <= WHOLE_SENTENCE) return sentence;
  // A long sentence: the match and the words around it, a word at a time on each side, the right first.
  const space = (i: number) => /\s/.test(reply[i] as string);
  while (from > s && !space(from - 1)) from--;
  while (to < e && !space(to)) to++;
  const grow = (): boolean => {
    let moved = false;
    if (to < e) {
      while (to < e && space(to)) to++;
      while (to < e && !space(to)) to++;
      moved = true;
    }
    if (words(reply.slice(from, to)).length >= WINDOW) return false;
    if (from > s) {
      while (from > s && space(from - 1)) from--;
      while (from > s && !space(from - 1)) from--;
      moved = true;
    }
    return moved && words(reply.slice(from, to)).length < WINDOW;
  };
  while (grow()) {}
  let text = reply.slice(from, to).trim();
  if (reply.slice(s, from).trim() !== "") text = `…${text}`;
  if (reply.slice(to, e).trim() !== "") text = `${text.replace(/[,;:]$/, "")}…`;
  return text;
}
