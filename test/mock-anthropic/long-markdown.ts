/**
 * A long, deterministic markdown answer of an exact token count. It mixes every construct a
 * renderer must cope with while streaming (headings, lists, tables, quotes and many fenced code
 * blocks) so that `::mock long tokens=N` exercises incremental rendering and its budgets.
 */
import { splitTokens } from './tokens';
import { mulberry32 } from '../support/seeded-random';

const WORDS = [
  'stream',
  'token',
  'buffer',
  'render',
  'message',
  'latency',
  'window',
  'signal',
  'retry',
  'history',
  'search',
  'index',
  'frame',
  'delta',
  'cursor',
  'budget',
  'cache',
  'schema',
  'channel',
  'process',
  'keychain',
  'banner',
  'backoff',
  'jitter',
  'snapshot',
  'prefix',
] as const;

function words(next: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) out.push(WORDS[Math.floor(next() * WORDS.length)] ?? 'token');
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function code(k: number, lang: string): string {
  const bodies: Readonly<Record<string, string>> = {
    ts: `export function step${k}(input: number[]): number {\n  const total = input.reduce((a, b) => a + b, 0);\n  return total * ${k};\n}`,
    python: `def step_${k}(items):\n    """Sum the items, then scale."""\n    return sum(items) * ${k}`,
    bash: `for i in $(seq 1 ${k}); do\n  echo "pass $i"\ndone`,
    json: `{\n  "section": ${k},\n  "ok": true,\n  "tags": ["mock", "long"]\n}`,
  };
  return `\`\`\`${lang}\n${bodies[lang] ?? ''}\n\`\`\``;
}

function section(k: number): string {
  const next = mulberry32(k + 1);
  const heading = `## Section ${k}: ${words(next, 2).slice(0, -1)}`;
  const paragraph = words(next, 18 + Math.floor(next() * 10));
  const bullets = [1, 2, 3, 4].map(() => `- ${words(next, 5)}`).join('\n');
  const numbered = [1, 2, 3].map((n) => `${n}. ${words(next, 4)}`).join('\n');
  const rows = [1, 2, 3].map(
    (n) => `| ${k}.${n} | ${words(next, 2)} | ${Math.floor(next() * 100)} |`,
  );
  const table = ['| Step | Note | Cost |', '| --- | --- | ---: |', ...rows].join('\n');
  const parts: Readonly<Record<number, string[]>> = {
    0: [heading, paragraph, code(k, 'ts')],
    1: [heading, paragraph, bullets],
    2: [heading, paragraph, code(k, 'python')],
    3: [heading, table, paragraph],
    4: [heading, numbered, code(k, 'bash')],
    5: [heading, `> ${words(next, 12)}`, code(k, 'json')],
  };
  return `${(parts[k % 6] ?? [heading, paragraph]).join('\n\n')}\n\n`;
}

/** Exactly `count` tokens; whole sections first, then plain words, so no fence is left open. */
export function longMarkdownTokens(count: number): string[] {
  const tokens = splitTokens('# A long answer\n\n').slice(0, count);
  for (let k = 1; tokens.length < count; k += 1) {
    const next = splitTokens(section(k));
    if (tokens.length + next.length > count) break;
    tokens.push(...next);
  }
  const filler = mulberry32(count);
  while (tokens.length < count) {
    tokens.push(
      tokens.length === count - 1
        ? 'done.\n'
        : `${WORDS[Math.floor(filler() * WORDS.length)] ?? 'token'} `,
    );
  }
  return tokens;
}
