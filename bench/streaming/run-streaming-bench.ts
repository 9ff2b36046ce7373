import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import type { BenchMode, BenchWindow, StreamingBenchResult } from './bench-result';
import { figures, table, verdicts, type Figure, type Verdict } from './report';
import { serveDirectory } from './static-server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/support/chromium';

/**
 * Streaming benchmark: builds the page in bench/streaming/page with Vite,
 * serves it on 127.0.0.1 and plays the same ~20,000-token answer through
 * Parley's StreamingMarkdown and through a react-markdown baseline in Debian's
 * Chromium, then prints the comparison and writes bench-results/streaming.json.
 */
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

export interface StreamingBenchOptions {
  readonly tokens?: number;
  /** Deltas per animation frame (the mock's deltas average 2.5 tokens). */
  readonly perFrame?: number;
  readonly chromiumPath?: string;
  /** Where to write the figures; null to skip writing. */
  readonly output?: string | null;
}

export interface StreamingBenchReport {
  readonly incremental: StreamingBenchResult;
  readonly baseline: StreamingBenchResult;
  /** Calibration: plain text, the browser's own cost for the same page. */
  readonly plain: StreamingBenchResult;
  readonly figures: readonly Figure[];
  readonly verdicts: readonly Verdict[];
  readonly table: string;
}

export async function runStreamingBench(
  options: StreamingBenchOptions = {},
): Promise<StreamingBenchReport> {
  const tokens = options.tokens ?? 20_000;
  const perFrame = options.perFrame ?? 4;
  const outDir = await mkdtemp(join(tmpdir(), 'parley-streaming-bench-'));
  const browser = await chromium.launch({
    executablePath: options.chromiumPath ?? CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  try {
    await buildPage(outDir);
    const server = await serveDirectory(outDir);
    try {
      const play = async (mode: BenchMode): Promise<StreamingBenchResult> => {
        const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
        try {
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (error) => errors.push(error.message));
          page.on('console', (message) => {
            if (message.type() === 'error') errors.push(message.text());
          });
          await page.goto(`${server.url}?mode=${mode}&tokens=${tokens}&perFrame=${perFrame}`);
          await page.waitForFunction(
            () => {
              const w = window as unknown as BenchWindow;
              return w.__benchResult !== undefined || w.__benchError !== undefined;
            },
            undefined,
            { timeout: 30 * 60_000, polling: 500 },
          );
          const outcome = await page.evaluate(() => {
            const w = window as unknown as BenchWindow;
            return { result: w.__benchResult ?? null, error: w.__benchError ?? null };
          });
          if (errors.length > 0) throw new Error(`${mode} page errors: ${errors.join('; ')}`);
          if (!outcome.result) throw new Error(`${mode} failed: ${outcome.error ?? 'no result'}`);
          return outcome.result;
        } finally {
          await context.close();
        }
      };
      const incremental = await play('incremental');
      const plain = await play('plain');
      const baseline = await play('baseline');
      const report: StreamingBenchReport = {
        incremental,
        baseline,
        plain,
        figures: figures(incremental, baseline, plain),
        verdicts: verdicts(incremental, baseline),
        table: table(incremental, baseline, plain),
      };
      const output =
        options.output === undefined
          ? join(repoRoot, 'bench-results/streaming.json')
          : options.output;
      if (output !== null) {
        await mkdir(dirname(output), { recursive: true });
        await writeFile(output, `${JSON.stringify(report.figures, null, 2)}\n`);
      }
      return report;
    } finally {
      await server.close();
    }
  } finally {
    await browser.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

async function buildPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: join(here, 'page'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      sourcemap: false,
      chunkSizeWarningLimit: 4096,
    },
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const arg = (name: string): number | undefined => {
    const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
    return hit ? Number(hit.split('=')[1]) : undefined;
  };
  const tokens = arg('tokens');
  const perFrame = arg('per-frame');
  runStreamingBench({
    ...(tokens === undefined ? {} : { tokens }),
    ...(perFrame === undefined ? {} : { perFrame }),
  }).then(
    (report) => {
      console.log(report.table);
      if (report.verdicts.some((v) => !v.pass)) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
