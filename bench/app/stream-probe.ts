/**
 * In-page instrumentation for the streaming benchmark, installed as an init
 * script (so it is self-contained: no imports, no closures over Node).
 *
 * - Every `delta` event is timestamped as the bridge delivers it, before the
 *   app's own listener runs (listeners for main's events are wrapped).
 * - A MutationObserver on the message log notices when the DOM changed; the
 *   deltas whose text is then on the page are assigned to the frame that
 *   will paint the change (the current one when the change happened inside
 *   a frame's rendering steps, as frame-batched updates do; else the next
 *   one). On the page means the answer's `data-shown-chars` has reached
 *   them: a text held back (by the frame gate, at most until the next
 *   frame) holds back the deltas in it. The count is of text on the page,
 *   as markdown or, for the older blocks of a burst whose rendering waits
 *   for idle time, as their plain text. A change made outside a frame (rendered
 *   in the task that received the delta) records how long after receipt it
 *   was made, so that work counts too: only the idle wait for the display's
 *   next frame is left out, and only for a delta shown by the first frame
 *   after its receipt (stream-measure counts any wait past a frame interval).
 * - A requestAnimationFrame loop marks each frame's start and, with a
 *   user-blocking task posted from it (scheduler.postTask), the moment after
 *   that frame was painted: no task runs inside a frame's rendering steps, and
 *   a user-blocking task runs before the ordinary tasks already queued. A
 *   setTimeout(0) queued there, which this probe used before, runs after
 *   them: in the paced run, in a fifth to a half of the frames, after the
 *   next delta's receipt and rendering, which were charged to the delta
 *   painted before them. Worse, until it ran, a DOM change made in a task
 *   after the frame counted as made inside it, so a delta rendered after a
 *   frame had painted (as React's scheduler often did, see useChat) was
 *   taken as painted by that frame, a frame early. Its moment is still kept
 *   (`afterQueued`), for comparison with earlier runs.
 * - Long tasks come from the Long Tasks API.
 */

export interface DeltaSample {
  /** Received (ms, performance.now()). */
  readonly at: number;
  /** Characters of answer text received so far, this delta included. */
  readonly chars: number;
  /** Start of the frame that painted it, and the moment after that paint. */
  readonly frameStart: number;
  readonly painted: number;
  /** When a setTimeout(0) queued at the frame's start ran: after the tasks queued before it. */
  afterQueued: number;
  /**
   * Main-thread ms between receipt and a DOM change made outside a frame
   * (0 when the change was made inside the painting frame, or was held).
   */
  readonly before: number;
  /**
   * Painted later than the first frame after its receipt: its text was held
   * back, so all of the wait is latency.
   */
  readonly held: boolean;
}

export interface StreamProbeState {
  deltas: DeltaSample[];
  longTasks: { start: number; duration: number }[];
  chars: number;
  received: number;
  /** Deltas received but not yet seen in the DOM. */
  unseen: number;
  frames: number;
  /** When the last delta arrived, and when the message log last changed. */
  lastReceipt: number;
  lastMutation: number;
}

/** The Prioritized Task Scheduling API, as far as the probe uses it. */
interface PostTaskScheduler {
  postTask(callback: () => void, options: { priority: 'user-blocking' }): Promise<unknown>;
}

export interface ProbeWindow {
  __streamProbe?: StreamProbeState & { start(): void; stop(): void };
}

export function installStreamProbe(): void {
  const w = window as unknown as ProbeWindow;
  const state: StreamProbeState = {
    deltas: [],
    longTasks: [],
    chars: 0,
    received: 0,
    unseen: 0,
    frames: 0,
    lastReceipt: 0,
    lastMutation: 0,
  };
  let recording = false;
  // Deltas received, not yet on screen; `frame` is the last frame started before receipt.
  const receipts: { at: number; chars: number; frame: number }[] = [];
  // Deltas seen in the DOM, waiting for the paint of frame `frame`.
  const waiting: {
    at: number;
    chars: number;
    frame: number;
    before: number;
    held: boolean;
  }[] = [];
  // scheduler.postTask is Chromium's; without it, a timer (later, so latencies read longer).
  const scheduler = (window as unknown as { scheduler?: PostTaskScheduler }).scheduler;
  const afterFrame = (callback: () => void): void => {
    if (scheduler) void scheduler.postTask(callback, { priority: 'user-blocking' });
    else setTimeout(callback, 0);
  };
  let frame = 0;
  let inFrame = false;
  let frameStart = 0;
  const frameStarts = new Map<number, number>();

  // Only listeners for main's events (messages of their channel, as the bridge and the floor
  // page deliver them) are affected.
  const nativeAdd = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (
    this: EventTarget,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    if (type !== 'parley:event' || typeof listener !== 'function') {
      nativeAdd.call(this, type, listener, options);
      return;
    }
    const timed = (event: Event): void => {
      // Main's events are handed over in the task that read them (an EventSource's, or the
      // bridge's read of its stream), never in a frame's rendering steps: whatever one changes
      // is painted by the next frame. Each is timed as its listener is called, so the later
      // events of one read are timed after the earlier ones were handled, as with an
      // EventSource, which calls back once per event of a read in the same task.
      inFrame = false;
      if (recording) {
        const data = (event as MessageEvent<unknown>).data;
        if (typeof data === 'string' && data.includes('"type":"delta"')) {
          const parsed = JSON.parse(data) as { text?: unknown };
          state.chars += typeof parsed.text === 'string' ? parsed.text.length : 0;
          state.received += 1;
          state.lastReceipt = performance.now();
          receipts.push({ at: state.lastReceipt, chars: state.chars, frame });
        }
      }
      listener.call(this, event);
    };
    nativeAdd.call(this, type, timed, options);
  };

  const onFrame = (): void => {
    if (!recording) return;
    frame += 1;
    state.frames += 1;
    inFrame = true;
    frameStart = performance.now();
    frameStarts.set(frame, frameStart);
    const thisFrame = frame;
    requestAnimationFrame(onFrame);
    const shown: DeltaSample[] = [];
    afterFrame(() => {
      inFrame = false;
      const painted = performance.now();
      const start = frameStarts.get(thisFrame) ?? painted;
      frameStarts.delete(thisFrame);
      while (waiting.length > 0 && (waiting[0]?.frame ?? Infinity) <= thisFrame) {
        const d = waiting.shift();
        if (d) shown.push({ ...d, frameStart: start, painted, afterQueued: painted });
      }
      state.deltas.push(...shown);
    });
    setTimeout(() => {
      const now = performance.now();
      for (const d of shown) d.afterQueued = Math.max(d.painted, now);
    }, 0);
  };

  // Read in a microtask: observers are called in the order they were created, this one (made
  // at page load) first, and the app's own may still work (the chat view follows a burst in
  // its observer, with a layout), which is part of the delta's cost.
  const mutations = new MutationObserver(() => queueMicrotask(onMutations));
  const onMutations = (): void => {
    if (recording) state.lastMutation = performance.now();
    if (!recording || receipts.length === 0) return;
    const target = inFrame ? frame : frame + 1;
    const now = performance.now();
    // The answer being measured is the first one to appear after start(): a new answer, so
    // its count starts at 0 as the probe's does.
    answer ??= document.querySelectorAll('[role="log"] [data-shown-chars]')[answersBefore] ?? null;
    const shown = Number(answer?.getAttribute('data-shown-chars') ?? 0);
    let seen = 0;
    while (seen < receipts.length && (receipts[seen]?.chars ?? Infinity) <= shown) seen += 1;
    for (const r of receipts.splice(0, seen)) {
      const held = target > r.frame + 1;
      waiting.push({ ...r, frame: target, before: inFrame || held ? 0 : now - r.at, held });
    }
    state.unseen = receipts.length;
  };

  let answersBefore = 0;
  let answer: Element | null = null;
  let longTasks: PerformanceObserver | null = null;
  const start = (): void => {
    const log = document.querySelector('[role="log"]');
    if (!log) throw new Error('no message log');
    answersBefore = log.querySelectorAll('[data-shown-chars]').length;
    recording = true;
    mutations.observe(log, { childList: true, subtree: true, characterData: true });
    longTasks = new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        state.longTasks.push({ start: e.startTime, duration: e.duration });
    });
    longTasks.observe({ type: 'longtask' });
    requestAnimationFrame(onFrame);
  };
  const stop = (): void => {
    recording = false;
    mutations.disconnect();
    longTasks?.disconnect();
    state.unseen = receipts.length;
  };
  w.__streamProbe = Object.assign(state, { start, stop });
}
