/**
 * What the streaming benchmark page reports on `window.__benchResult`, shared
 * by the page (which measures) and the Node runner (which compares).
 */
/**
 * `plain` is a calibration run, not a contender: the text as plain text, as
 * the chat view showed it before markdown. It measures what the browser alone
 * costs per frame on this machine (style, layout, paint of a growing page).
 */
export type BenchMode = 'incremental' | 'baseline' | 'plain';

export interface StreamingBenchResult {
  readonly mode: BenchMode;
  readonly tokens: number;
  readonly deltas: number;
  /** Frames in which a batch of deltas was applied. */
  readonly frames: number;
  /** Script time applying deltas (React render + commit), summed. */
  readonly scriptMs: number;
  /** Main-thread time from applying each batch until after its frame was painted, summed. */
  readonly busyMs: number;
  /** Long tasks (> 50 ms) reported by the Long Tasks API during the stream. */
  readonly longTasks: number;
  readonly longTaskMs: number;
  /** The longest single frame of work (ms), from our own timing. */
  readonly maxFrameMs: number;
  /** Delta applied -> frame painted, in ms. */
  readonly latency: { readonly p50: number; readonly p95: number; readonly max: number };
  /** Main-thread ms per 1,000 tokens in each quarter of the answer. */
  readonly busyPer1kTokens: readonly number[];
  readonly scriptPer1kTokens: readonly number[];
  readonly wallMs: number;
  /** The ten slowest frames, for diagnosis. */
  readonly slowest: readonly {
    readonly tokensBefore: number;
    readonly scriptMs: number;
    readonly busyMs: number;
  }[];
  /** Sanity checks that both renderers drew the same answer. */
  readonly codeBlocks: number;
  readonly tables: number;
}

export interface BenchWindow {
  __benchResult?: StreamingBenchResult;
  __benchError?: string;
}
