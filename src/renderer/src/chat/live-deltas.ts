/** Takes the deltas of one answer as they arrive. */
export type DeltaSink = (delta: string) => void;

/**
 * The deltas of answers on screen, handed straight to the body that draws
 * each one (AnswerBody), ahead of the conversation's state.
 *
 * Why: a delta that went through the conversation's state re-rendered the
 * whole chat view (the app, the list, the turn) in the task that delivered
 * it, before the answer's body even saw the text, and a burst of several
 * deltas in one task did so for each. On the streaming benchmark's fast
 * run that was about a third of each delta's receipt, which held back the
 * frame that was to draw it. The body now takes the delta at once; the
 * state catches up in idle time, all deltas that arrived meanwhile in one
 * render (followAnswerEvents).
 */
export class LiveDeltas {
  private readonly sinks = new Map<string, DeltaSink>();
  /** Text handed to a body that the conversation's state has not taken yet (take). */
  private readonly pending = new Map<string, string>();

  /**
   * `requestId`'s deltas go to `sink` until the returned function is called.
   * A body that takes over (its answer was drawn again) first gets what the
   * state has not taken yet, so it starts where the last one was.
   */
  attach(requestId: string, sink: DeltaSink): () => void {
    this.sinks.set(requestId, sink);
    const waiting = this.pending.get(requestId);
    if (waiting !== undefined) sink(waiting);
    return () => {
      if (this.sinks.get(requestId) === sink) this.sinks.delete(requestId);
    };
  }

  /** Hands `delta` to the body drawing `requestId`'s answer; false when none is. */
  deliver(requestId: string, delta: string): boolean {
    const sink = this.sinks.get(requestId);
    if (sink === undefined) return false;
    this.pending.set(requestId, (this.pending.get(requestId) ?? '') + delta);
    sink(delta);
    return true;
  }

  /** The text delivered for `requestId` since the last take, for the state (none: ''). */
  take(requestId: string): string {
    const text = this.pending.get(requestId) ?? '';
    this.pending.delete(requestId);
    return text;
  }

  /** Every request's text delivered since the last take. */
  takeAll(): [requestId: string, text: string][] {
    const all = [...this.pending];
    this.pending.clear();
    return all;
  }
}

/** The window's one instance: useChat delivers, AnswerBody attaches. */
export const liveDeltas = new LiveDeltas();
