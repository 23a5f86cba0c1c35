/** Errors that end a command with a given exit code and a message for the user, never a stack trace. */

export const EXIT_OK = 0;
/** The command ran and found problems: invalid files, failed examples, a score under --min-score. */
export const EXIT_PROBLEMS = 1;
/** Usage error or unreadable input. */
export const EXIT_USAGE = 2;
/** Interrupted with Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export class UsageError extends ExitError {
  constructor(message: string, hint?: string) {
    super(EXIT_USAGE, message, hint);
  }
}
