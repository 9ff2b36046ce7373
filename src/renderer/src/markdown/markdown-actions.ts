import { createContext, useContext } from 'react';

/**
 * What a rendered message can ask of the chat view: open a link (the chat
 * view shows the target and routes it to main, which validates it again) or
 * put text on the clipboard. Passed by context rather than props so that the
 * memoised blocks of a message never re-render when the parent's callbacks
 * change identity.
 */
export interface MarkdownActions {
  readonly openLink: (url: string) => void;
  readonly copy: (text: string) => void;
}

const inert: MarkdownActions = { openLink: () => undefined, copy: () => undefined };

export const MarkdownActionsContext = createContext<MarkdownActions>(inert);

export function useMarkdownActions(): MarkdownActions {
  return useContext(MarkdownActionsContext);
}
