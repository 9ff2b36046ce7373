/**
 * Limits the IPC contract enforces that the renderer also shows before a
 * request is made (a paste too long to send, a search too long to run), so
 * the two can never disagree. Plain constants: the renderer imports them
 * without the validator.
 */

/** The longest message one send takes, in characters. */
export const MAX_MESSAGE_CHARS = 200_000;

/** The longest search query, in characters. */
export const MAX_QUERY_CHARS = 500;
