/**
 * `npm run mock-api -- --port 8787 [--host H] [--requests-per-minute N]`: runs the mock until
 * SIGINT/SIGTERM. It prints exactly one line, containing the URL, so scripts and tests can wait
 * for that line and read the port chosen for `--port 0`.
 */
import { parseArgs } from 'node:util';
import { startMockAnthropic } from './server';
import type { MockAnthropicOptions } from './server';

function integer(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`mock-anthropic: --${name} must be a non-negative integer, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'requests-per-minute': { type: 'string' },
    },
    strict: true,
  });
  const options: MockAnthropicOptions = { host: values.host };
  const port = integer('port', values.port);
  const rpm = integer('requests-per-minute', values['requests-per-minute']);
  if (port !== undefined) options.port = port;
  if (rpm !== undefined) options.requestsPerMinute = rpm;
  const mock = await startMockAnthropic(options);
  console.log(`Mock Anthropic API listening on ${mock.url}`);
  const stop = (): void => {
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('mock-anthropic:', error);
  process.exit(1);
});
