/**
 * A real pseudo-terminal for end-to-end tests: a detached tmux session on a private socket, keys sent
 * the way a person types them, the screen read back with capture-pane. Polls with a deadline instead
 * of sleeping fixed times.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Fails loudly when tmux is missing: these tests must not pass by being skipped. */
export function requireTmux(): void {
  const probe = spawnSync("tmux", ["-V"], { encoding: "utf8" });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error("tmux is required for the pseudo-terminal tests of `coach play`: install it (apt-get install tmux) and run again");
  }
}

let sockets = 0;

/** How the session's pause for a tall screen begins. */
export const PAUSE = "Press Enter ";

export class TmuxSession {
  readonly socket = `coach-play-${process.pid}-${Date.now()}-${sockets++}`;
  private lastScreen = "";
  private pausesAnswered = 0;
  /** Whether waitFor presses Enter at the pager's "Press Enter ..." (a test of the pause turns it off). */
  autoContinue = true;

  constructor(
    private readonly dir: string,
    private readonly env: Record<string, string>,
  ) {}

  private tmux(args: string[]): string {
    return execFileSync("tmux", ["-u", "-L", this.socket, "-f", join(this.dir, "tmux.conf"), ...args], {
      encoding: "utf8",
      env: { ...this.env, TMUX: "" },
    });
  }

  /** Starts `command` in a 100x40 terminal (or `size`); the pane stays after it exits, so its last screen can be read. */
  start(command: string, size: { columns: number; rows: number } = { columns: 100, rows: 40 }): void {
    writeFileSync(join(this.dir, "tmux.conf"), "set -g remain-on-exit on\nset -g history-limit 10000\nset -g status off\n");
    const env = Object.entries(this.env).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
    this.tmux(["new-session", "-d", "-s", "play", "-x", String(size.columns), "-y", String(size.rows), ...env, command]);
  }

  /** Pastes text the way a terminal does: marked as a paste (bracketed) when the program asked for it. */
  paste(text: string): void {
    this.tmux(["set-buffer", "-b", "paste", "--", text]);
    this.tmux(["paste-buffer", "-p", "-d", "-b", "paste", "-t", "play"]);
  }

  /** The whole pane, scroll-back included, with lines tmux wrapped joined again. */
  screen(): string {
    try {
      this.lastScreen = this.tmux(["capture-pane", "-p", "-J", "-S", "-", "-t", "play"]);
    } catch {
      // The server is gone: keep the last screen seen.
    }
    return this.lastScreen;
  }

  /** The visible screen with its colour escapes kept (capture-pane -e). */
  escapes(): string {
    try {
      return this.tmux(["capture-pane", "-p", "-e", "-t", "play"]);
    } catch {
      return "";
    }
  }

  /** Types text as keys (literally), then Enter when asked. */
  type(text: string, enter = true): void {
    // A person types in bursts, not one write: send a few words at a time.
    const words = text.split(/(?<= )/);
    for (let i = 0; i < words.length; i += 4) {
      // "--" so a chunk starting with "-" is not an option; a trailing ";" would end tmux's command.
      const chunk = words
        .slice(i, i + 4)
        .join("")
        .replace(/;$/, "\\;");
      this.tmux(["send-keys", "-t", "play", "-l", "--", chunk]);
    }
    if (enter) this.tmux(["send-keys", "-t", "play", "Enter"]);
  }

  keys(...keys: string[]): void {
    this.tmux(["send-keys", "-t", "play", ...keys]);
  }

  /** Waits until the screen satisfies `test`; fails with the screen after `timeout` ms. */
  async waitFor(test: string | RegExp | ((screen: string) => boolean), what: string, timeout = 30_000): Promise<string> {
    const check = typeof test === "function" ? test : (s: string) => (typeof test === "string" ? s.includes(test) : test.test(s));
    const deadline = Date.now() + timeout;
    for (;;) {
      const screen = this.screen();
      if (check(screen)) return screen;
      // Output taller than the terminal waits for Enter ("Press Enter for more."): press it, once per pause, as a person would.
      const pauses = count(screen, PAUSE);
      if (this.autoContinue && pauses > this.pausesAnswered && /Press Enter [^\n]*\.$/.test(screen.trimEnd())) {
        this.pausesAnswered = pauses;
        this.keys("Enter");
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen was:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits for a file the command writes when it exits (`echo EXIT=$? > file`). */
  async waitForFile(path: string, timeout = 30_000): Promise<string> {
    const deadline = Date.now() + timeout;
    while (!existsSync(path) || readFileSync(path, "utf8").trim() === "") {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${path}; the screen was:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return readFileSync(path, "utf8").trim();
  }

  kill(): void {
    spawnSync("tmux", ["-L", this.socket, "kill-server"]);
  }
}

/** Counts the occurrences of `needle` in `text`. */
export function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
