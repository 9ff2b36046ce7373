import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from 'playwright-core';
import { longMarkdownTokens } from '../../test/mock-anthropic/long-markdown';
import { percentile } from './app-report';
import { metrics, openApp, waitUntilReady } from './app-session';
import { installStreamProbe, type DeltaSample, type ProbeWindow } from './stream-probe';

/**
 * One answer streamed through the real app and measured: a fresh data dir,
 * mock and browser shell; the `::mock long` answer sent from the composer;
 * Chromium's task counters sampled while it streams and the stream probe's
 * per-delta timings read at the end.
 */

export interface StreamMeasurement {
  /** Tokens asked for, and tokens that arrived (fewer if the answer stopped at max_tokens). */
  requested: number;
  tokens: number;
  /** Mock pacing in tokens per second; null = as fast as it can send. */
  rate: number | null;
  deltas: number;
  wallMs: number;
  busyMs: number;
  /**
   * Main-thread CPU time over the same span (CDP ThreadTime). Task time less
   * this is time the thread was ready to run but had no core: on a shared
   * two-core host, a long task is often mostly that (one of 78 ms here ran
   * 13 ms on a core).
   */
  cpuMs: number;
  scriptMs: number;
  layoutMs: number;
  styleMs: number;
  longTasks: number[];
  /**
   * From a delta's receipt to the end of the frame that drew its text, less
   * the idle wait for that frame: the work on receipt (when done outside a
   * frame) plus the whole painting frame. Only up to a frame interval of
   * waiting is taken as idle: a frame that started later than that was
   * delayed by other work, and the excess counts. A delta whose text was
   * held back past that frame counts from its receipt, the wait included.
   */
  latency: { p50: number; p95: number; max: number };
  /** Each delta's delta-to-paint, as above, in the order received: for figures over several runs. */
  deltaLatencies: number[];
  /**
   * The same p95 with the frame's end taken where this benchmark took it
   * before: when a setTimeout(0) queued in the frame ran, after whatever
   * tasks were queued ahead of it (see the probe). Deltas are still assigned
   * to frames the new way, so it does not reproduce earlier runs' figures.
   */
  afterQueuedP95: number;
  /** From receipt to painted, including the wait for the display's next frame. */
  receiptP95: number;
  /** Deltas painted more than two frames after they arrived. */
  late: number;
  /** Deltas whose text was held back past the first frame after their receipt. */
  held: number;
  /**
   * Main-thread CPU ms (CDP ThreadTime) per 1,000 tokens in each quarter of
   * the answer, by characters on screen: what the work costs, which is what
   * "flat" is about. Task time (wall clock) also counts the moments the
   * thread was runnable but another process had the core, which on a
   * shared two-core host depends on what else ran in that quarter (the
   * mock's burst, for one); it is reported alongside (`quartersWall`).
   */
  quarters: number[];
  quartersWall: number[];
  /** From the last delta's arrival to the last change of the message list (all drawn). */
  settleMs: number;
  /**
   * Renderer JS heap after a full garbage collection, before the message was
   * sent and once the answer had settled: what the open answer keeps.
   */
  heapBefore: number;
  heapAfter: number;
}

interface Sample {
  /** Seconds of main-thread task time so far (CDP TaskDuration), and its parts. */
  task: number;
  /** Seconds of main-thread CPU time so far (CDP ThreadTime). */
  cpu: number;
  script: number;
  layout: number;
  style: number;
  /**
   * Characters of answer text received, shown (on the page, as markdown or
   * as plain text), and drawn as markdown (after a burst, rendering its
   * older blocks catches up in idle time).
   */
  chars: number;
  shown: number;
  drawn: number;
  settled: boolean;
}

/**
 * Between samples of Chromium's counters. Each sample calls into the page,
 * a task on the very thread being measured, and costs the driver (which also
 * runs the mock) CPU that the two cores' other processes then lack, so the
 * probe samples no more often than the quarters need.
 */
const SAMPLE_MS = 200;
const FRAME_MS = 1000 / 60;

export async function measureStream(
  tokens: number,
  rate: number | null,
  options: { floor?: boolean } = {},
): Promise<StreamMeasurement> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-app-'));
  const app = await openApp({ dataDir, initScripts: [installStreamProbe] });
  try {
    const { page, cdp } = app;
    if (options.floor) await openFloorPage(page);
    else await waitUntilReady(page);
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill(
      `Write at length ::mock long tokens=${tokens}${rate ? ` rate=${rate}` : ''}`,
    );
    // A quiet second, as in the app before a person sends (idle-time warm-up runs then).
    await page.waitForTimeout(1000);
    const heapBefore = await collectedHeap(cdp);

    const sample = async (): Promise<Sample> => {
      const m = await metrics(cdp);
      const { chars, shown, drawn, settled } = await page.evaluate(readAnswer);
      const at = (name: string): number => m[name] ?? 0;
      return {
        task: at('TaskDuration'),
        cpu: at('ThreadTime'),
        script: at('ScriptDuration'),
        layout: at('LayoutDuration'),
        style: at('RecalcStyleDuration'),
        chars,
        shown,
        drawn,
        settled,
      };
    };
    await page.evaluate(() => (window as ProbeWindow).__streamProbe?.start());
    const samples: Sample[] = [await sample()];
    const startedAt = performance.now();
    await composer.press('Enter');
    while (!(samples[samples.length - 1] as Sample).settled) {
      await page.waitForTimeout(SAMPLE_MS);
      samples.push(await sample());
      if (performance.now() - startedAt > 5 * 60_000) throw new Error('stream did not finish');
    }
    const wallMs = performance.now() - startedAt;
    // Let the last frames paint before the counters are read for the last time.
    await page.waitForTimeout(300);
    samples.push(await sample());
    const heapAfter = await collectedHeap(cdp);
    const probe = await page.evaluate(() => {
      const p = (window as ProbeWindow).__streamProbe;
      p?.stop();
      return p
        ? {
            deltas: p.deltas,
            longTasks: p.longTasks,
            received: p.received,
            unseen: p.unseen,
            chars: p.chars,
            settleMs: p.lastMutation - p.lastReceipt,
          }
        : null;
    });
    if (!probe || probe.deltas.length === 0) throw new Error('the probe saw no deltas');
    // A delta whose text never reached the screen would drop out of the latencies unseen.
    if (probe.unseen > 0) throw new Error(`${probe.unseen} deltas never showed on screen`);
    const first = samples[0] as Sample;
    const last = samples[samples.length - 1] as Sample;
    const ms = (pick: (s: Sample) => number): number => (pick(last) - pick(first)) * 1000;
    const arrived = tokensIn(tokens, probe.chars);
    return {
      requested: tokens,
      tokens: arrived,
      settleMs: probe.settleMs,
      heapBefore,
      heapAfter,
      rate,
      deltas: probe.received,
      wallMs,
      busyMs: ms((s) => s.task),
      cpuMs: ms((s) => s.cpu),
      scriptMs: ms((s) => s.script),
      layoutMs: ms((s) => s.layout),
      styleMs: ms((s) => s.style),
      longTasks: probe.longTasks.map((t) => t.duration).filter((d) => d > 50),
      ...latencies(probe.deltas),
      quarters: perQuarter(samples, arrived, (s) => s.cpu),
      quartersWall: perQuarter(samples, arrived, (s) => s.task),
    };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The page's JS heap in use right after a full garbage collection. */
async function collectedHeap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await metrics(cdp))['JSHeapUsedSize'] ?? 0;
}

/**
 * Swaps the app for floor-page.html on the shell's own origin (its session
 * cookie already set by the app's first load), so the same probe, bridge,
 * engine, SDK and mock measure a page that does nothing but show the text.
 */
async function openFloorPage(page: Page): Promise<void> {
  const url = new URL('/__bench/floor', page.url()).href;
  const html = readFileSync(
    join(dirname(fileURLToPath(import.meta.url)), 'floor-page.html'),
    'utf8',
  );
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
}

/** How many of the mock's tokens for a `long` answer of `requested` tokens make `chars` characters. */
function tokensIn(requested: number, chars: number): number {
  let length = 0;
  let count = 0;
  for (const token of longMarkdownTokens(requested)) {
    if (length >= chars) break;
    length += token.length;
    count += 1;
  }
  return count;
}

/**
 * Read in the page: the answer text received, shown and drawn as markdown
 * so far, and whether the last answer has finished with all of it drawn
 * (its body stays aria-busy until then). One call per sample: every call
 * into the page is a task on the main thread being measured.
 */
function readAnswer(): { chars: number; shown: number; drawn: number; settled: boolean } {
  const answers = document.querySelectorAll('[role="log"] article[aria-label^="Claude"]');
  const answer = answers[answers.length - 1];
  const body = answer?.querySelector('[data-shown-chars]');
  const shown = Number(body?.getAttribute('data-shown-chars') ?? 0);
  return {
    chars: (window as ProbeWindow).__streamProbe?.chars ?? 0,
    shown,
    drawn: shown - Number(body?.getAttribute('data-plain-chars') ?? 0),
    settled:
      answer !== undefined &&
      answer.getAttribute('aria-busy') === 'false' &&
      answer.querySelector('[aria-busy="true"]') === null &&
      (answer.textContent ?? '').length > 0,
  };
}

/**
 * Ms of `counter` per 1,000 tokens per quarter of the answer as it was drawn
 * as markdown (counters interpolated between samples). By characters drawn,
 * not received: when the mock sends faster than the screen can follow, the
 * older blocks of a burst are on the page as plain text at once and are
 * rendered later, in idle time (newest first), and that work belongs to the
 * characters it draws, not to the last quarter it happens in.
 */
function perQuarter(
  samples: readonly Sample[],
  tokens: number,
  counter: (s: Sample) => number,
): number[] {
  const last = samples[samples.length - 1];
  const total = last?.drawn ?? 0;
  const counterAt = (drawn: number): number => {
    for (let i = 1; i < samples.length; i += 1) {
      const a = samples[i - 1] as Sample;
      const b = samples[i] as Sample;
      if (b.drawn >= drawn) {
        const span = b.drawn - a.drawn;
        const f = span === 0 ? 1 : (drawn - a.drawn) / span;
        return counter(a) + f * (counter(b) - counter(a));
      }
    }
    return last ? counter(last) : 0;
  };
  // The first quarter starts with the sample before the first text, not at Enter.
  const firstText = samples.findIndex((s) => s.drawn > 0);
  const before = samples[Math.max(0, firstText - 1)];
  const bounds = [before ? counter(before) : 0, counterAt(total / 4), counterAt(total / 2)];
  bounds.push(counterAt((3 * total) / 4), last ? counter(last) : 0);
  const perK = tokens / 4 / 1000;
  return [0, 1, 2, 3].map((q) => (((bounds[q + 1] ?? 0) - (bounds[q] ?? 0)) * 1000) / perK);
}

function latencies(
  deltas: readonly DeltaSample[],
): Pick<
  StreamMeasurement,
  'latency' | 'deltaLatencies' | 'afterQueuedP95' | 'receiptP95' | 'late' | 'held'
> {
  // Waiting for the display's next frame takes at most a frame interval; a frame that
  // started later than that (after the receipt, or after the text went on the page in the
  // receiving task) was held up by other work on the main thread, which counts.
  const heldUp = (d: DeltaSample): number =>
    Math.max(0, d.frameStart - (d.at + d.before) - FRAME_MS);
  const toPaint = (d: DeltaSample, painted: number): number =>
    d.held
      ? painted - d.at
      : d.before > 0
        ? d.before + painted - d.frameStart + heldUp(d)
        : painted - Math.max(d.at, d.frameStart) + heldUp(d);
  const inFrame = deltas.map((d) => toPaint(d, d.painted));
  const raw = deltas.map((d) => d.painted - d.at);
  return {
    latency: {
      p50: percentile(inFrame, 50),
      p95: percentile(inFrame, 95),
      max: Math.max(0, ...inFrame),
    },
    deltaLatencies: inFrame,
    afterQueuedP95: percentile(
      deltas.map((d) => toPaint(d, d.afterQueued)),
      95,
    ),
    receiptP95: percentile(raw, 95),
    late: raw.filter((ms) => ms > 2 * FRAME_MS).length,
    held: deltas.filter((d) => d.held).length,
  };
}
