/** The terminal reply input, fed keystrokes through in-memory streams. */
import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { type ReplyInput, scriptedInput, streamedInput, terminalInput } from "../../src/play/input.js";

let open: ReplyInput[] = [];
afterEach(() => {
  for (const input of open) input.close();
  open = [];
});

function terminal() {
  const keys = new PassThrough();
  const screen = new PassThrough();
  let shown = "";
  screen.on("data", (d) => {
    shown += String(d);
  });
  const signals = new EventEmitter();
  const input = terminalInput({ input: keys, output: screen, signals });
  open.push(input);
  return { input, type: (text: string) => keys.write(text), shown: () => shown, signals, keys };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("replies typed at a terminal", () => {
  it("sends a line on Enter and shows the prompt", async () => {
    const t = terminal();
    const next = t.input.read("You › ");
    t.type("I'm sorry, I'll call at 9.\r");
    expect(await next).toEqual({ kind: "reply", text: "I'm sorry, I'll call at 9." });
    expect(t.shown()).toContain("You › ");
  });

  it("continues on the next line after a backslash", async () => {
    const t = terminal();
    const next = t.input.read("You › ");
    t.type("I'm sorry.\\\r");
    await tick();
    t.type("I'll call the producer at 8:30.\r");
    expect(await next).toEqual({ kind: "reply", text: "I'm sorry.\nI'll call the producer at 8:30." });
  });

  it("takes lines pasted together as one reply", async () => {
    const t = terminal();
    const next = t.input.read("You › ");
    t.type("First paragraph.\rSecond paragraph.\r");
    expect(await next).toEqual({ kind: "reply", text: "First paragraph.\nSecond paragraph." });
  });

  it("asks the terminal for bracketed paste, and stops asking when it closes", async () => {
    const t = terminal();
    expect(t.shown()).toContain("\u001b[?2004h");
    t.input.close();
    expect(t.shown()).toContain("\u001b[?2004l");
  });

  it("a bracketed paste of several lines without a final newline is one reply, sent with Enter", async () => {
    const t = terminal();
    const next = t.input.read("You › ");
    let settled = false;
    void next.then(() => {
      settled = true;
    });
    t.type("\u001b[200~I'm sorry.\rI'll call the producer\rat 8:30.\u001b[201~");
    await tick();
    await tick();
    expect(settled).toBe(false); // the last line waits to be finished, not sent as a reply of its own
    t.type(" Then I ring you.\r");
    expect(await next).toEqual({ kind: "reply", text: "I'm sorry.\nI'll call the producer\nat 8:30. Then I ring you." });
    // Nothing of the paste is left for the next turn.
    const after = t.input.read("You › ");
    t.type("Next.\r");
    expect(await after).toEqual({ kind: "reply", text: "Next." });
  });

  it("a bracketed paste that ends with a newline is sent as it is", async () => {
    const t = terminal();
    const next = t.input.read("You › ");
    t.type("\u001b[200~One.\rTwo.\r\u001b[201~");
    expect(await next).toEqual({ kind: "reply", text: "One.\nTwo." });
  });

  it("without bracketed paste, lines pasted together with the last one unfinished are still one reply", async () => {
    const t = terminal();
    const next = t.input.read("You › ");
    t.type("First paragraph.\rSecond, not ended");
    await tick();
    await tick();
    t.type(" here.\r");
    expect(await next).toEqual({ kind: "reply", text: "First paragraph.\nSecond, not ended here." });
  });

  it("sends nothing for an empty line", async () => {
    const t = terminal();
    const next = t.input.read("You › ");
    t.type("\r");
    await tick();
    t.type("   \r");
    await tick();
    t.type("Now something.\r");
    expect(await next).toEqual({ kind: "reply", text: "Now something." });
  });

  it("keeps what is typed while the session is busy for the next read", async () => {
    const t = terminal();
    t.type("typed ahead\r");
    await tick();
    expect(await t.input.read("You › ")).toEqual({ kind: "reply", text: "typed ahead" });
  });

  it.each([
    ["Ctrl-C", "\x03", { kind: "interrupt", code: 130 }],
    ["Ctrl-D on an empty line", "\x04", { kind: "eof" }],
  ] as const)("%s ends the input", async (_name, key, event) => {
    const t = terminal();
    const next = t.input.read("You › ");
    t.type(key);
    expect(await next).toEqual(event);
  });

  it("turns SIGTERM and SIGHUP into an interrupt with their exit codes", async () => {
    const t = terminal();
    const next = t.input.read("You › ");
    t.signals.emit("SIGTERM");
    expect(await next).toEqual({ kind: "interrupt", code: 143 });
    const again = t.input.read("You › ");
    t.signals.emit("SIGHUP");
    expect(await again).toEqual({ kind: "interrupt", code: 129 });
  });

  it("stops listening for signals when closed", () => {
    const t = terminal();
    expect(t.signals.listenerCount("SIGTERM")).toBe(1);
    t.input.close();
    expect(t.signals.listenerCount("SIGTERM")).toBe(0);
  });
});

describe("scripted replies and piped input", () => {
  it("hands out the script, then end of input, and counts what is left", async () => {
    const input = scriptedInput(["one", "two"]);
    expect(await input.read("")).toEqual({ kind: "reply", text: "one" });
    expect(input.leftover()).toBe(1);
    expect(await input.read("")).toEqual({ kind: "reply", text: "two" });
    expect(await input.read("")).toEqual({ kind: "eof" });
  });

  it("ends a scripted session on a signal, at the next read", async () => {
    const signals = new EventEmitter();
    const input = scriptedInput(["one", "two"], signals);
    expect(await input.read("")).toEqual({ kind: "reply", text: "one" });
    signals.emit("SIGINT");
    expect(await input.read("")).toEqual({ kind: "interrupt", code: 130 });
    input.close();
    expect(signals.listenerCount("SIGINT")).toBe(0);
  });

  it("plays piped replies as they arrive, before the input ends", async () => {
    const stream = new PassThrough();
    const input = streamedInput(stream);
    open.push(input);
    stream.write("\uFEFFfirst reply\r\n");
    expect(await input.read("")).toEqual({ kind: "reply", text: "first reply" });
    const second = input.read("");
    stream.write("second ");
    await tick();
    stream.write("reply\n");
    expect(await second).toEqual({ kind: "reply", text: "second reply" });
    stream.end("last, without a newline");
    expect(await input.read("")).toEqual({ kind: "reply", text: "last, without a newline" });
    expect(await input.read("")).toEqual({ kind: "eof" });
  });

  it("splits piped blocks as a file's, when they arrive together", async () => {
    const stream = new PassThrough();
    const input = streamedInput(stream);
    open.push(input);
    stream.write("line one\nline two\n\nsecond\n");
    expect(await input.read("")).toEqual({ kind: "reply", text: "line one\nline two" });
    stream.end();
    expect(await input.read("")).toEqual({ kind: "reply", text: "second" });
    expect(input.leftover()).toBe(0);
  });

  it("gives way to a signal while it waits for piped input", async () => {
    const signals = new EventEmitter();
    const stream = new PassThrough();
    const input = streamedInput(stream, signals);
    const waiting = input.read("");
    await tick();
    signals.emit("SIGTERM");
    expect(await waiting).toEqual({ kind: "interrupt", code: 143 });
    input.close();
    expect(signals.listenerCount("SIGTERM")).toBe(0);
    expect(stream.listenerCount("data")).toBe(0);
  });
});
