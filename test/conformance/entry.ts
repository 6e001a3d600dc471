/**
 * One logical input of a conformance script and what it printed, on either side (the model or a
 * real server). Outputs are rendered as redis-cli renders them, without the `(N.NNs)` line:
 * how long a command took is `tookMs`.
 */
export interface Entry {
  /** 1-based line where the input starts in the script. */
  readonly line: number;
  readonly input: string;
  readonly prompt: string;
  readonly output: string;
  /** When the input ran: virtual ms in the model, ms since the console opened on a real server. */
  readonly at: number;
  /** How long the command took before its reply (redis-cli prints it when >= 500 ms). */
  readonly tookMs: number;
  readonly kind: 'comment' | 'dot' | 'command' | 'connect' | 'error';
  /** The command sent to a node (without `@node`), for commands. */
  readonly argv: readonly string[] | null;
}

/** redis-cli's interactive timing line (redis-cli.c repl): printed when a command took >= 500 ms. */
export function timingLine(tookMs: number): string | null {
  return tookMs >= 500 ? `(${(tookMs / 1000).toFixed(2)}s)` : null;
}
