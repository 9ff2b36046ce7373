import { appError, fail, ok, type Result } from '../../shared/app-error';
import type { InvokeMethod, InvokeResponses, ParsedRequest } from '../../shared/ipc';
import type { AppServices } from '../services/app-services';
import { classifyError } from '../services/error-classifier';
import { validateExternalUrl } from '../../shared/external-url';
import { createHistoryHandlers } from './history-handlers';

export type IpcHandlers = {
  [M in InvokeMethod]: (request: ParsedRequest<M>) => Promise<Result<InvokeResponses[M]>>;
};

/** Adapters from validated requests to services. No validation here: the router did it. */
export function createIpcHandlers(s: AppServices): IpcHandlers {
  return {
    getKeyStatus: async () => ok(s.keys.status()),
    setKey: async ({ key }) => s.keys.setKey(key),
    removeKey: async () => s.keys.removeKey(),
    listModels: async () => {
      const client = await s.getClient();
      if (!client)
        return fail(appError('no-key', 'Add your Anthropic API key to load the model list.'));
      try {
        const models = await s.models.list(client);
        // The model in use is remembered from the first list on, not only once picked by hand:
        // a start without a network can then still send (the message waits to go out).
        const first = models[0];
        if (s.settings.get().defaultModel === null && first)
          s.settings.update({ defaultModel: first.id });
        return ok(models);
      } catch (err) {
        return fail(classifyError(err, { model: '', now: Date.now() }).error);
      }
    },
    getSettings: async () => ok(s.settings.get()),
    setDefaultModel: async ({ model }) => ok(s.settings.update({ defaultModel: model })),
    cancelChat: async ({ requestId }) => ok({ cancelled: s.engine.cancel(requestId) }),
    retryNow: async ({ requestId }) => ok({ woken: s.engine.retryNow(requestId) }),
    resumeAnswers: async () => ok({ resumed: s.resumeAnswers() }),
    reportOsOnline: async ({ online }) => ok(s.connectivity.reportOs(online)),
    getStatus: async () => ok({ connectivity: s.connectivity.state(), rateLimit: s.rateLimit() }),
    openExternal: async ({ url }) => {
      const checked = validateExternalUrl(url);
      if (!checked.ok) return checked;
      await s.openExternal(checked.value);
      return ok({ opened: true });
    },
    ...createHistoryHandlers(s),
  };
}
