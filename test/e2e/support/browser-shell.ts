import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const STARTUP_TIMEOUT_MS = 30_000;

export interface RunningShell {
  /** The launch URL with its one-time token. */
  url: string;
  /** A clean shutdown (SIGTERM): streams are saved as stopped, the history is closed. */
  stop(): Promise<void>;
  /** A crash (SIGKILL): nothing gets to run, as when the power goes. */
  kill(): Promise<void>;
}

/**
 * Starts `src/browser-shell/cli.ts` (the real main-process services in Node,
 * serving the built renderer) and waits for the `PARLEY_SHELL_URL=` line. The
 * keychain is switched off so a test run never touches the machine's real one.
 *
 * Node loads TypeScript through tsx's hooks in this one process. tsx's own
 * command line would run the shell in a child of its own, and SIGKILL on the
 * command line's process would leave that child running: a "crash" that does
 * not stop the app.
 */
export async function startBrowserShell(options: {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** 0 (the default) for any free port; a restart passes the last one, so the origin and its storage stay. */
  port?: number;
}): Promise<RunningShell> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/browser-shell/cli.ts',
      '--port',
      String(options.port ?? 0),
      '--data-dir',
      options.dataDir,
      '--no-keychain',
    ],
    { cwd: root, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`browser shell did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`));
    }, STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /PARLEY_SHELL_URL=(\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser shell exited early (code ${code}):\n${output}`));
    });
  });
  return { url, stop: () => stopChild(child), kill: () => killChild(child) };
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGKILL');
  await exited;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
