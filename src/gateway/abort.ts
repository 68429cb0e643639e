import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';

/** A signal that never fires: handed out when nothing on the path waits on I/O that could be cancelled. */
export const NEVER_ABORTED: AbortSignal = new AbortController().signal;

/**
 * Cancels one exchange when its client goes away. An AbortController costs several microseconds
 * per request on Node 20 (EventTarget), so undici gets this plain EventEmitter (which it accepts as
 * a signal) and a real AbortSignal is only made for callers that wait on the network (a judge).
 */
export class ExchangeAbort extends EventEmitter {
  aborted = false;
  private controller: AbortController | undefined;
  private readonly res: ServerResponse;

  constructor(res: ServerResponse) {
    super();
    this.res = res;
    this.onClose = this.onClose.bind(this);
    res.once('close', this.onClose);
  }

  /** A real AbortSignal tied to this exchange, created on first use. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort();
    }
    return this.controller.signal;
  }

  private onClose(): void {
    // 'close' after a complete answer is the normal end of a response, not an abort.
    if (this.res.writableFinished || this.aborted) return;
    this.aborted = true;
    this.controller?.abort();
    this.emit('abort');
  }

  /** Stop watching the response (the exchange is over). */
  detach(): void {
    this.res.off('close', this.onClose);
  }
}
