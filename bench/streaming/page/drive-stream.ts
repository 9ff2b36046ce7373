import type { BenchMode, StreamingBenchResult } from '../bench-result';

export interface StreamInput {
  readonly mode: BenchMode;
  /** Delta texts with their token counts, in arrival order. */
  readonly deltas: readonly { readonly text: string; readonly tokens: number }[];
  /** Deltas applied per animation frame (main coalesces deltas to one IPC message per frame). */
  readonly deltasPerFrame: number;
  /** Applies the whole text so far and renders it synchronously. */
  readonly apply: (text: string) => void;
}

interface FrameSample {
  readonly tokensBefore: number;
  readonly tokens: number;
  readonly scriptMs: number;
  readonly busyMs: number;
}

/**
 * Plays the stream at one batch per animation frame. A batch is applied at the
 * start of a frame, in requestAnimationFrame, as the renderer would receive
 * it; `busyMs` runs until a setTimeout(0) queued there fires, which is after
 * that frame's style, layout and paint. So `busyMs` is both the delta's
 * delta-to-paint latency and the main-thread time the delta cost.
 */
export async function driveStream(input: StreamInput): Promise<StreamingBenchResult> {
  const longTasks: number[] = [];
  const observer = observeLongTasks(longTasks);
  const totalTokens = input.deltas.reduce((sum, d) => sum + d.tokens, 0);
  const samples: FrameSample[] = [];
  const started = performance.now();
  let text = '';
  let tokens = 0;
  for (let at = 0; at < input.deltas.length; at += input.deltasPerFrame) {
    const batch = input.deltas.slice(at, at + input.deltasPerFrame);
    const next = text + batch.map((d) => d.text).join('');
    const batchTokens = batch.reduce((sum, d) => sum + d.tokens, 0);
    const timing = await frame(() => input.apply(next));
    samples.push({ tokensBefore: tokens, tokens: batchTokens, ...timing });
    text = next;
    tokens += batchTokens;
  }
  const wallMs = performance.now() - started;
  // Let the observer deliver the last entries.
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer?.disconnect();
  return summarize(input, samples, longTasks, totalTokens, wallMs);
}

function frame(work: () => void): Promise<{ scriptMs: number; busyMs: number }> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const t0 = performance.now();
      work();
      const t1 = performance.now();
      setTimeout(() => resolve({ scriptMs: t1 - t0, busyMs: performance.now() - t0 }), 0);
    });
  });
}

function observeLongTasks(into: number[]): PerformanceObserver | null {
  if (!PerformanceObserver.supportedEntryTypes.includes('longtask')) return null;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) into.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  return observer;
}

function summarize(
  input: StreamInput,
  samples: readonly FrameSample[],
  longTasks: readonly number[],
  totalTokens: number,
  wallMs: number,
): StreamingBenchResult {
  const busy = samples.map((s) => s.busyMs).sort((a, b) => a - b);
  const perQuarter = (pick: (s: FrameSample) => number): number[] =>
    [0, 1, 2, 3].map((q) => {
      const inQuarter = samples.filter(
        (s) => Math.min(3, Math.floor((s.tokensBefore / totalTokens) * 4)) === q,
      );
      const ms = inQuarter.reduce((sum, s) => sum + pick(s), 0);
      const tokens = inQuarter.reduce((sum, s) => sum + s.tokens, 0);
      return tokens === 0 ? 0 : (ms / tokens) * 1000;
    });
  return {
    mode: input.mode,
    tokens: totalTokens,
    deltas: input.deltas.length,
    frames: samples.length,
    scriptMs: sum(samples.map((s) => s.scriptMs)),
    busyMs: sum(busy),
    longTasks: longTasks.length,
    longTaskMs: sum(longTasks),
    maxFrameMs: busy[busy.length - 1] ?? 0,
    latency: {
      p50: percentile(busy, 0.5),
      p95: percentile(busy, 0.95),
      max: busy[busy.length - 1] ?? 0,
    },
    busyPer1kTokens: perQuarter((s) => s.busyMs),
    scriptPer1kTokens: perQuarter((s) => s.scriptMs),
    wallMs,
    slowest: [...samples]
      .sort((a, b) => b.busyMs - a.busyMs)
      .slice(0, 10)
      .map(({ tokensBefore, scriptMs, busyMs }) => ({ tokensBefore, scriptMs, busyMs })),
    codeBlocks: document.querySelectorAll('pre').length,
    tables: document.querySelectorAll('table').length,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

/** `sorted` ascending; nearest-rank percentile. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}
