/**
 * Text from outside (a trainee's reply, a hand-edited history, a YAML key, a file name) made safe for
 * a terminal or a CI log, the one helper every renderer uses. Pure.
 *
 * Control characters become visible escapes: ESC as `\x1b`, BEL as `\x07`, a lone CR as `\r`, C1
 * controls, DEL, the bidirectional overrides and isolates that reorder what a reader sees (the
 * plain direction marks of right-to-left text stay), and the Unicode line separators. So `\e]0;title\a\e[2J` in a reply cannot retitle or clear the trainer's terminal; it is
 * shown as the characters it is. Newlines stay only where a renderer says they belong (a reply, a
 * customer's line); everywhere else (an id, a title, a YAML key in a message) they are shown as `\n`,
 * so no line of output can be started by the data.
 *
 * A line of data that begins with `::` would be a GitHub Actions workflow command (`::error ...`)
 * when the output lands in a CI log, whatever the format; its first colon is escaped too, and so is
 * the `##[` of the older command form.
 */

export interface VisibleOptions {
  /** Keep line breaks (LF, and CRLF as LF); otherwise they are shown as `\n`. */
  newlines?: boolean;
  /** Keep tabs; otherwise they are shown as `\t`. */
  tabs?: boolean;
  /** Keep carriage returns too (for a format that encodes them itself, like workflow commands). */
  returns?: boolean;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE_ALL = /\r\n|[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const COMMAND_START = /^(\s*):(?=:)/gm;
const OLD_COMMAND = /##\[/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeChar(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
}

/** The text with every control character shown as an escape (newlines and tabs kept when asked). */
export function visible(text: string, options: VisibleOptions = {}): string {
  let out = String(text);
  if (UNSAFE.test(out)) {
    out = out.replace(UNSAFE_ALL, (char) => {
      if (char === "\r\n") return options.newlines === true ? (options.returns === true ? char : "\n") : "\\r\\n";
      if (char === "\r" && options.returns === true) return char;
      if (char === "\n" && options.newlines === true) return char;
      if (char === "\t" && options.tabs === true) return char;
      return escapeChar(char);
    });
  }
  if (out.includes("::")) out = out.replace(COMMAND_START, "$1\\x3a");
  if (out.includes("##[")) out = out.replace(OLD_COMMAND, "##\\x5b");
  return out;
}

/** Text that may run over several lines (a reply, what the customer says): newlines and tabs kept. */
export function visibleBlock(text: string): string {
  return visible(text, { newlines: true, tabs: true });
}

/**
 * Every string in a value, object keys included, made visible: strings under the keys `block` names
 * (at any depth below them) keep their newlines, all others are shown on one line. For records read back from a file, so a
 * renderer can use them as they are; offsets into a text (evidence marks) are for the caller to keep
 * right, so such texts belong in `skip`, made visible piece by piece where they are marked.
 */
export function visibleDeep<T>(value: T, block: ReadonlySet<string> = new Set(), skip: ReadonlySet<string> = new Set()): T {
  const walk = (v: unknown, inBlock: boolean, depth: number): unknown => {
    if (typeof v === "string") return inBlock ? visibleBlock(v) : visible(v);
    if (v === null || typeof v !== "object" || depth > 64) return v;
    if (Array.isArray(v)) return v.map((item) => walk(item, inBlock, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) {
      // defineProperty: a key `__proto__` from a hand-edited file stays a key, not the prototype.
      Object.defineProperty(out, visible(k), {
        value: skip.has(k) ? item : walk(item, inBlock || block.has(k), depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return walk(value, false, 0) as T;
}
