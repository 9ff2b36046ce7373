/**
 * Request ids are chosen here, before `sendChat`, so that events racing the
 * invoke reply can already be matched to their message. The contract wants
 * 8-64 URL-safe characters; a UUID without dashes is 32 of them.
 */
export function newRequestId(): string {
  return `r${crypto.randomUUID().replaceAll('-', '')}`;
}

/** Local ids for turns: never sent anywhere, only React keys. */
export function newTurnId(): string {
  return `t${crypto.randomUUID()}`;
}
