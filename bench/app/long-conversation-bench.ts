import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import {
  isMain,
  numberOption,
  percentile,
  printRun,
  round,
  table,
  writeResult,
  type AppFigure,
  type AppVerdict,
} from './app-report';
import { metrics, openApp, repoRoot } from './app-session';
import {
  scrollState,
  startFrameRecorder,
  stopFrameRecorder,
  timeOpen,
  type OpenTiming,
} from './page-timing';
import { seedLongConversation } from './seed-long-conversation';

/**
 * A 2,000-message conversation (1,000 turns of mixed markdown, written
 * through the real history store) opened in the real app: how long from the
 * click until its end is on screen (the app reads the newest turns first)
 * and until all of it has been read, how smoothly it scrolls from the bottom
 * to the top with the mouse wheel, and what it costs in memory and DOM.
 */

export interface LongConversationOptions {
  turns?: number;
  /** Pixels per wheel step while scrolling to the top. */
  wheelStep?: number;
  opens?: number;
  output?: string | null;
  log?: (line: string) => void;
}

export interface LongConversationResult {
  name: 'long-conversation';
  figures: AppFigure[];
  verdicts: AppVerdict[];
  pass: boolean;
  table: string;
}

const FRAME_MS = 1000 / 60;
const MAX_WHEEL_STEPS = 3000;

export async function runLongConversationBench(
  options: LongConversationOptions = {},
): Promise<LongConversationResult> {
  const log = options.log ?? console.log;
  const turns = options.turns ?? 1000;
  const wheelStep = options.wheelStep ?? 800;
  const opens = options.opens ?? 5;
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-long-'));
  try {
    const seedStart = performance.now();
    const seeded = seedLongConversation({ dataDir, turns });
    log(`seeded ${seeded.messages} messages in ${Math.round(performance.now() - seedStart)} ms`);
    const app = await openApp({ dataDir, viewport: { width: 1100, height: 800 } });
    try {
      const { page, cdp } = app;
      const entry = page.locator('.conversation-open', { hasText: seeded.title });
      await entry.waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1000);
      const before = await memory(page, cdp);

      const timings: OpenTiming[] = [];
      for (let i = 0; i < opens; i += 1) {
        if (i > 0) {
          await page
            .locator('.sidebar-top')
            .getByRole('button', { name: 'New conversation' })
            .click();
          await page.getByRole('heading', { name: 'What’s on your mind?' }).waitFor();
          await page.waitForTimeout(300);
        }
        timings.push(await timeOpen(page, seeded.title, seeded.lastMessageId));
      }
      await page.waitForTimeout(500);
      const opened = await memory(page, cdp);

      const scroll = await scrollToTop(page, wheelStep);
      const afterScroll = await memory(page, cdp);
      const firstVisible = await page
        .getByRole('article', { name: 'You' })
        .filter({ hasText: seeded.firstUserText.slice(0, 40) })
        .isVisible();

      const painted = timings.map((t) => t.paintedMs);
      const firstOpen = painted[0] ?? Number.NaN;
      const openP50 = percentile(painted, 50);
      const p50 = (pick: (t: OpenTiming) => number): number =>
        round(percentile(timings.map(pick), 50));
      const figures: AppFigure[] = [
        { name: 'messages in the conversation', unit: 'count', value: seeded.messages },
        { name: 'open: click -> last message painted, first', unit: 'ms', value: round(firstOpen) },
        {
          name: `open: click -> last message painted, p50 of ${opens}`,
          unit: 'ms',
          value: round(openP50),
        },
        {
          name: 'open: click -> last message in viewport, p50',
          unit: 'ms',
          value: p50((t) => t.visibleMs),
        },
        {
          name: '  of which getConversation round trip (newest turns), p50',
          unit: 'ms',
          value: p50((t) => t.fetchMs),
        },
        {
          name: '  the rest (renderer: state, render, layout, paint), p50',
          unit: 'ms',
          value: p50((t) => t.paintedMs - t.fetchMs),
        },
        {
          name: 'open: click -> all of it read (the older turns follow), p50',
          unit: 'ms',
          value: p50((t) => t.loadedMs),
        },
        { name: 'scroll: wheel steps to the top', unit: 'count', value: scroll.steps },
        { name: 'scroll: distance', unit: 'count', value: Math.round(scroll.distance) },
        { name: 'scroll: frames', unit: 'count', value: scroll.frames.length + 1 },
        { name: 'scroll: frame interval p50', unit: 'ms', value: round(scroll.p50) },
        { name: 'scroll: frame interval p95', unit: 'ms', value: round(scroll.p95) },
        { name: 'scroll: frame interval max', unit: 'ms', value: round(scroll.max) },
        { name: 'scroll: dropped frames', unit: 'count', value: scroll.dropped },
        { name: 'scroll: average frame rate', unit: 'fps', value: round(scroll.fps, 1) },
        { name: 'scroll: reached the first message', unit: 'count', value: firstVisible ? 1 : 0 },
        { name: 'JS heap used, before opening', unit: 'bytes', value: before.heap },
        { name: 'JS heap used, opened', unit: 'bytes', value: opened.heap },
        {
          name: 'JS heap used, after scrolling to the top',
          unit: 'bytes',
          value: afterScroll.heap,
        },
        {
          name: 'performance.memory usedJSHeapSize, opened',
          unit: 'bytes',
          value: opened.pageHeap,
        },
        { name: 'DOM nodes (CDP Nodes), opened', unit: 'count', value: opened.nodes },
        { name: 'DOM elements in document, opened', unit: 'count', value: opened.elements },
        {
          name: 'DOM elements in document, at the top',
          unit: 'count',
          value: afterScroll.elements,
        },
        { name: 'message articles rendered, opened', unit: 'count', value: opened.articles },
      ];
      const verdicts: AppVerdict[] = [
        {
          target: 'opens (click -> last message painted) p50 < 100 ms',
          pass: openP50 < 100,
          detail: `${round(openP50)} ms (first ${round(firstOpen)} ms)`,
        },
        {
          target: 'scroll frame interval p95 < 1.5 frames (25 ms)',
          pass: scroll.p95 < 1.5 * FRAME_MS,
          detail: `p95 ${round(scroll.p95)} ms, ${scroll.dropped} dropped of ${scroll.frames.length + 1}`,
        },
        {
          target: 'scrolled all the way to the first message',
          pass: firstVisible,
          detail: firstVisible ? 'first message on screen' : 'first message not reached',
        },
        {
          target: 'window keeps the DOM small (< 5,000 elements)',
          pass: Math.max(opened.elements, afterScroll.elements) < 5000,
          detail: `${opened.elements} / ${afterScroll.elements} elements`,
        },
      ];
      const text = table(
        `Long conversation: ${seeded.messages} messages in the browser shell`,
        figures,
        verdicts,
      );
      const result: LongConversationResult = {
        name: 'long-conversation',
        figures,
        verdicts,
        pass: verdicts.every((v) => v.pass),
        table: text,
      };
      const output =
        options.output === undefined
          ? join(repoRoot, 'bench-results/long-conversation.json')
          : options.output;
      if (output !== null) {
        writeResult(output, { name: result.name, figures, verdicts, pass: result.pass });
        log(`wrote ${output}`);
      }
      return result;
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface ScrollRun {
  steps: number;
  distance: number;
  frames: number[];
  p50: number;
  p95: number;
  max: number;
  dropped: number;
  fps: number;
}

/** Wheels from the bottom to the top in fixed steps, recording every frame on the way. */
async function scrollToTop(page: Page, step: number): Promise<ScrollRun> {
  const scroller = page.locator('.message-scroll');
  const box = await scroller.boundingBox();
  if (!box) throw new Error('no message scroller');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const start = await scrollState(page);
  await startFrameRecorder(page);
  let steps = 0;
  let top = start.top;
  while (top > 0 && steps < MAX_WHEEL_STEPS) {
    await page.mouse.wheel(0, -step);
    steps += 1;
    top = (await scrollState(page)).top;
  }
  // Let the last wheel's scroll and any re-windowing finish.
  await page.waitForTimeout(300);
  const times = await stopFrameRecorder(page);
  const frames = times.slice(1).map((t, i) => t - (times[i] ?? t));
  const dropped = frames.reduce((n, ms) => n + Math.max(0, Math.round(ms / FRAME_MS) - 1), 0);
  const span = (times[times.length - 1] ?? 0) - (times[0] ?? 0);
  return {
    steps,
    distance: start.top,
    frames,
    p50: percentile(frames, 50),
    p95: percentile(frames, 95),
    max: Math.max(0, ...frames),
    dropped,
    fps: span > 0 ? (frames.length / span) * 1000 : 0,
  };
}

interface MemorySample {
  heap: number;
  pageHeap: number;
  nodes: number;
  elements: number;
  articles: number;
}

async function memory(page: Page, cdp: CDPSession): Promise<MemorySample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const m = await metrics(cdp);
  const inPage = await page.evaluate(() => ({
    pageHeap:
      (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
      0,
    elements: document.getElementsByTagName('*').length,
    articles: document.querySelectorAll('[role="log"] article').length,
  }));
  return { heap: m['JSHeapUsedSize'] ?? 0, nodes: m['Nodes'] ?? 0, ...inPage };
}

if (isMain(import.meta.url)) {
  const turns = numberOption('turns');
  const wheelStep = numberOption('wheel-step');
  printRun(
    runLongConversationBench({
      ...(turns === undefined ? {} : { turns }),
      ...(wheelStep === undefined ? {} : { wheelStep }),
    }),
  );
}
