import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHistoryStore, historyFileName } from '../src/main/services/history/history-store';
import {
  formatTable,
  percentile,
  round,
  timed,
  type Figure,
  type Target,
} from './history/bench-stats';
import { seedHistory } from './history/seed-history';
import { benchmarkQueries, loadAllMessages, naiveSearch } from './history/search-workload';

/**
 * History performance against the budgets in DESIGN.md: 10,000 conversations
 * and 500,000 messages; search p95 < 30 ms, sidebar < 300 ms after open, a
 * 2,000-message conversation < 100 ms. The same run measures the unindexed
 * baseline (scan everything in JS) so the index's worth is a number, not a claim.
 *
 *   tsx bench/history-bench.ts             full size
 *   PARLEY_BENCH_SCALE=0.1 tsx bench/...   a tenth, for a quick look
 */

export interface HistoryBenchOptions {
  /** 1 = 10,000 conversations / 500,000 messages. Default from PARLEY_BENCH_SCALE or 1. */
  scale?: number;
  /** Where to write the JSON; null for nowhere. Default bench-results/history.json. */
  outFile?: string | null;
  log?: (line: string) => void;
  /** Keep the seeded data dir (its path is in the result) instead of deleting it. */
  keepData?: boolean;
  searchRepeats?: number;
}

export interface HistoryBenchResult {
  name: 'history';
  scale: number;
  dataDir: string | null;
  figures: Figure[];
  targets: Target[];
  pass: boolean;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clock = { now: () => Date.now() };

function scaleFromEnv(): number {
  const raw = Number(process.env['PARLEY_BENCH_SCALE'] ?? '1');
  return Number.isFinite(raw) && raw > 0 && raw <= 1 ? raw : 1;
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

export function runHistoryBench(options: HistoryBenchOptions = {}): HistoryBenchResult {
  const scale = options.scale ?? scaleFromEnv();
  const log = options.log ?? ((line: string) => console.log(line));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-history-bench-'));
  const figures: Figure[] = [];
  const add = (name: string, unit: Figure['unit'], value: number) => {
    figures.push({ name, unit, value: round(value) });
    return value;
  };

  try {
    const conversations = Math.max(10, Math.round(10_000 * scale));
    const messages = Math.max(100, Math.round(500_000 * scale));
    log(
      `seeding ${conversations} conversations / ${messages} messages (+ one of 2,000) in ${dataDir}`,
    );
    let lastReport = 0;
    const seeded = timed(() =>
      seedHistory({
        dataDir,
        conversations,
        messages,
        longConversationMessages: 2_000,
        onProgress: (done, total) => {
          if (done - lastReport >= total / 10 || done === total) {
            lastReport = done;
            log(`  ${done} / ${total} messages`);
          }
        },
      }),
    );
    add('seed time', 'ms', seeded.ms);
    add('messages', 'count', seeded.value.messages);
    add('conversations', 'count', seeded.value.conversations);
    const file = path.join(dataDir, historyFileName);
    add('database size', 'bytes', fileSize(file) + fileSize(`${file}-wal`));

    // Sidebar: open the existing file (checks, migrations, interrupted sweep) and list a page.
    const sidebarRuns: number[] = [];
    const openRuns: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const opened = timed(() => createHistoryStore({ dataDir, clock }));
      const page = timed(() => opened.value.listConversations({ limit: 50 }));
      if (page.value.length !== 50) throw new Error('sidebar page came back short');
      openRuns.push(opened.ms);
      sidebarRuns.push(opened.ms + page.ms);
      opened.value.close();
    }
    add('open database', 'ms', percentile(openRuns, 50));
    const sidebar = add('sidebar ready (open + first 50)', 'ms', percentile(sidebarRuns, 50));

    const store = createHistoryStore({ dataDir, clock });
    try {
      const loads: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        const loaded = timed(() => store.getConversation(seeded.value.longConversationId));
        if ((loaded.value?.turns.length ?? 0) !== 1_000)
          throw new Error('long conversation incomplete');
        loads.push(loaded.ms);
      }
      add('open 2,000-message conversation (first)', 'ms', loads[0] ?? Number.NaN);
      const longLoad = add('open 2,000-message conversation p50', 'ms', percentile(loads, 50));

      const queries = benchmarkQueries(store.database());
      // What the search box runs: titles, then messages.
      for (const { query } of queries) store.searchEverywhere(query); // warm the page cache once
      const searchTimes: number[] = [];
      const byKind = new Map<string, number[]>();
      let hits = 0;
      for (let r = 0; r < (options.searchRepeats ?? 3); r += 1) {
        for (const { query, kind } of queries) {
          const run = timed(() => store.searchEverywhere(query, { limit: 20 }));
          hits += run.value.length;
          searchTimes.push(run.ms);
          byKind.set(kind, [...(byKind.get(kind) ?? []), run.ms]);
        }
      }
      add('search queries', 'count', queries.length);
      add('search p50', 'ms', percentile(searchTimes, 50));
      const searchP95 = add('search p95', 'ms', percentile(searchTimes, 95));
      add('search max', 'ms', Math.max(...searchTimes));
      add('search hits (all runs)', 'count', hits);
      for (const [kind, times] of byKind)
        add(`search p95: ${kind} queries`, 'ms', percentile(times, 95));

      log('baseline: loading every message into memory and scanning it per query');
      const loaded = timed(() => loadAllMessages(store.database()));
      add('baseline: load all text', 'ms', loaded.ms);
      const naiveTimes = queries.map(
        ({ query }) => timed(() => naiveSearch(loaded.value, query)).ms,
      );
      add('baseline: scan p50', 'ms', percentile(naiveTimes, 50));
      const naiveP95 = add('baseline: scan p95', 'ms', percentile(naiveTimes, 95));
      add('baseline p95 / FTS p95', 'ratio', naiveP95 / searchP95);

      const targets: Target[] = [
        {
          name: 'search p95',
          unit: 'ms',
          limit: 30,
          value: round(searchP95),
          pass: searchP95 < 30,
        },
        {
          name: 'sidebar ready (open + first 50)',
          unit: 'ms',
          limit: 300,
          value: round(sidebar),
          pass: sidebar < 300,
        },
        {
          name: 'open 2,000-message conversation p50',
          unit: 'ms',
          limit: 100,
          value: round(longLoad),
          pass: longLoad < 100,
        },
      ];
      const result: HistoryBenchResult = {
        name: 'history',
        scale,
        dataDir: options.keepData ? dataDir : null,
        figures,
        targets,
        pass: targets.every((t) => t.pass),
      };
      log('');
      log(formatTable(figures, targets));
      log('');
      log(result.pass ? 'history bench: all targets met' : 'history bench: TARGET MISSED');
      const outFile =
        options.outFile === undefined
          ? path.join(repoRoot, 'bench-results', 'history.json')
          : options.outFile;
      if (outFile) {
        fs.mkdirSync(path.dirname(outFile), { recursive: true });
        fs.writeFileSync(
          outFile,
          `${JSON.stringify({ ...result, createdAt: new Date().toISOString() }, null, 2)}\n`,
        );
        log(`wrote ${path.relative(process.cwd(), outFile)}`);
      }
      return result;
    } finally {
      store.close();
    }
  } finally {
    if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = runHistoryBench();
  process.exitCode = result.pass ? 0 : 1;
}
