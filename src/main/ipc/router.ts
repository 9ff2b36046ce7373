import { appError, fail, type Result } from '../../shared/app-error';
import {
  invokeContract,
  isInvokeChannel,
  isPlainMessage,
  methodForChannel,
  type InvokeMethod,
} from '../../shared/ipc';
import type { Logger } from '../services/logger';
import type { IpcHandlers } from './handlers';

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

/**
 * The single gate every renderer request passes, in both shells: unknown
 * channels and payloads that fail their schema are answered with a typed
 * error and never reach a service; a thrown exception becomes a value too.
 */
export function createIpcRouter(handlers: IpcHandlers, log: Logger): Dispatch {
  return async (channel, payload) => {
    if (!isInvokeChannel(channel)) {
      return fail(appError('invalid-input', 'Unknown request.'));
    }
    const method: InvokeMethod = methodForChannel(channel);
    const parsed = invokeContract[method].request.safeParse(payload);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      if (first && isPlainMessage(first.message)) {
        return fail(appError('invalid-input', first.message));
      }
      const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
      return fail(
        appError('invalid-input', `Invalid request${where}: ${first?.message ?? 'malformed'}`),
      );
    }
    try {
      const handler = handlers[method] as (req: unknown) => Promise<Result<unknown>>;
      return await handler(parsed.data);
    } catch (err) {
      log.error('handler threw', { channel, error: err instanceof Error ? err.name : 'unknown' });
      return fail(
        appError('internal', 'Something went wrong inside Parley. Try again.', { retryable: true }),
      );
    }
  };
}
