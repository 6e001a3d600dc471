/** One message at a time under the header: what an action did, or why it changed nothing. */
export type NoticeKind = 'ok' | 'info' | 'error';

export class Notices {
  current: { kind: NoticeKind; text: string; id: number } | null = $state(null);
  private ids = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  show(kind: NoticeKind, text: string): void {
    clearTimeout(this.timer);
    this.current = { kind, text, id: ++this.ids };
    // Errors stay until dismissed; the rest fade after a while.
    if (kind !== 'error') this.timer = setTimeout(() => this.clear(), 9000);
  }

  clear(): void {
    clearTimeout(this.timer);
    this.current = null;
  }
}
