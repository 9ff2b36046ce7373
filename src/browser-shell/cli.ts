import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ParleyEvent } from '../shared/ipc';
import { createIpcHandlers } from '../main/ipc/handlers';
import { createIpcRouter } from '../main/ipc/router';
import { createAppServices } from '../main/services/app-services';
import { startupFailure } from '../main/services/startup-failure';
import {
  createKeytarBackend,
  KEYCHAIN_ACCOUNT,
  KEYCHAIN_SERVICE,
  unavailableSecretBackend,
  type KeytarLike,
  type SecretBackend,
} from '../main/services/secret-backend';
import { startBrowserShell, type BrowserShell } from './server';

/**
 * `npm run shell:browser -- --port 0 --data-dir DIR`: the real main-process
 * services in Node, the built renderer in any browser. Prints
 * `PARLEY_SHELL_URL=...` (with the launch token) once it is ready.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    'keychain-service': { type: 'string', default: KEYCHAIN_SERVICE },
    'no-keychain': { type: 'boolean', default: false },
    'stall-timeout-ms': { type: 'string' },
  },
});

const dataDir = resolve(
  values['data-dir'] ?? process.env['PARLEY_DATA_DIR'] ?? join(root, '.parley-data'),
);
mkdirSync(dataDir, { recursive: true });

const require = createRequire(import.meta.url);
const backend: SecretBackend = values['no-keychain']
  ? unavailableSecretBackend
  : createKeytarBackend(async () => require('keytar') as KeytarLike, {
      service: values['keychain-service'],
      account: KEYCHAIN_ACCOUNT,
    });

let shell: BrowserShell | null = null;
const pending: ParleyEvent[] = [];
const services = await createAppServices({
  dataDir,
  env: process.env,
  secretBackend: backend,
  emit: (event) => (shell ? shell.broadcast(event) : pending.push(event)),
  openExternal: async (url) => {
    services.log.info('open external requested', { url });
  },
  ...(values['stall-timeout-ms'] ? { stallTimeoutMs: Number(values['stall-timeout-ms']) } : {}),
}).catch((error: unknown) => {
  // What the app's dialog says, on stderr.
  const failure = startupFailure(error, dataDir);
  console.error(`${failure.title}: ${failure.detail}`);
  process.exit(1);
});
const dispatch = createIpcRouter(createIpcHandlers(services), services.log);
shell = await startBrowserShell({
  dispatch,
  rendererDir: join(root, 'out/renderer'),
  bridgeFile: join(root, 'out/browser-shell/bridge.js'),
  port: Number(values.port),
});
pending.forEach((event) => shell?.broadcast(event));
console.log(`PARLEY_SHELL_URL=${shell.launchUrl}`);

const stop = (): void => {
  void services
    .dispose()
    .then(() => shell?.close())
    .then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
