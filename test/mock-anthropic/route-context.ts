/** What the router hands to every endpoint handler. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiVersion } from './message-validation';
import type { MockState, RecordedRequest } from './mock-state';

export interface RouteContext {
  state: MockState;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Parsed JSON body (undefined when the request had none). */
  body: unknown;
  requestId: string;
  version: ApiVersion;
  /** Aborted when the client disconnects or the server closes. */
  signal: AbortSignal;
  /** This request as `requests` holds it, for what the response did. */
  recorded: RecordedRequest;
}
