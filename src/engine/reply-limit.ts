/**
 * The one bound on a reply's length, applied where a reply comes in (play's input, score's
 * arguments and files), so everything after it (the score, the promises in the ledger, the history
 * record, the output, the report) follows from the same bounded text. Pure.
 */
import { MAX_REPLY_CHARS } from "./score.js";

export interface BoundedReply {
  /** The reply, cut to the bound. */
  text: string;
  /** The length of the reply as it came in. */
  length: number;
  /** True when characters were left out. */
  cut: boolean;
}

/** The reply cut to at most `max` characters, never between the two halves of a surrogate pair. */
export function boundReply(reply: string, max = MAX_REPLY_CHARS): BoundedReply {
  if (reply.length <= max) return { text: reply, length: reply.length, cut: false };
  const code = reply.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return { text: reply.slice(0, end), length: reply.length, cut: true };
}

/** What the trainee is told when their reply was cut. */
export function cutNotice(bounded: BoundedReply): string {
  const n = (v: number) => v.toLocaleString("en-US");
  return `Your reply was ${n(bounded.length)} characters long; only the first ${n(bounded.text.length)} are kept and scored.`;
}
