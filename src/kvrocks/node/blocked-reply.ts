/**
 * A reply a blocking command sends later (K-2024 `Status::BlockingCmd`: the connection stops
 * reading until the command resumes it). The console waits for it; a network connection sends it
 * when it comes.
 */
import type { Reply } from '../../protocol/reply.ts';

export class BlockedReply {
  reply: Reply | null = null;
  private listener: ((reply: Reply) => void) | null = null;

  get done(): boolean {
    return this.reply !== null;
  }

  resolve(reply: Reply): void {
    if (this.reply !== null) return;
    this.reply = reply;
    this.listener?.(reply);
  }

  /** Calls `listener` once the reply is there (at once if it already is). */
  whenDone(listener: (reply: Reply) => void): void {
    if (this.reply !== null) listener(this.reply);
    else this.listener = listener;
  }
}
