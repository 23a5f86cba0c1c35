/**
 * Words as small integers, so the matcher compares numbers instead of strings. Every word a pattern
 * names is interned when its pattern is built; a reply's words are only looked up, so the table
 * grows with the content, never with what trainees type.
 */

const ids = new Map<string, number>();

/** The id of a word no pattern names: no pattern word has it, so it matches nothing. */
const NO_WORD = 0;

/** The word's id, given it one if it has none yet (for the words of patterns). */
export function internWord(word: string): number {
  let id = ids.get(word);
  if (id === undefined) {
    id = ids.size + 1;
    ids.set(word, id);
  }
  return id;
}

/** The word's id, or NO_WORD when no pattern names it (for the words of replies). */
export function wordId(word: string): number {
  return ids.get(word) ?? NO_WORD;
}

/** The ids of a set of words. */
export function internAll(words: Iterable<string>): Set<number> {
  const out = new Set<number>();
  for (const word of words) out.add(internWord(word));
  return out;
}
