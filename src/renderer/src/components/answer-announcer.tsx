import { useEffect, useRef, type ReactNode } from 'react';
import { isInFlightStatus, type AnswerStatus, type Conversation } from '../chat/conversation';

/**
 * What a screen reader is told about an answer: that Claude is answering,
 * then how the answer ended. The conversation is not a live region itself
 * (see message-list.tsx): only the turns near the view are on the page, so
 * every turn scrolled back into it, and a whole conversation opened, would
 * be read out as if it had just been written, and a streamed answer read
 * out in fragments as its text arrives. A failure is not repeated here: the
 * answer's own alert says it.
 */
const ENDINGS: Partial<Record<AnswerStatus, string>> = {
  done: 'Claude answered.',
  stopped: 'Claude’s answer was stopped. What arrived is kept.',
};

export function AnswerAnnouncer({ conversation }: { conversation: Conversation }): ReactNode {
  // Written straight into the live region: the words are for the screen reader, and a
  // render of their own would be one more per answer event.
  const region = useRef<HTMLParagraphElement | null>(null);
  /**
   * Each answer's status when last seen, by its id (or, before it has one,
   * its request's), and whose conversation they are. An answer is followed
   * through its statuses, not through the one in flight: a short answer can
   * start and end between two renders.
   */
  const seen = useRef<{
    conversation: string | null | undefined;
    statuses: Map<string, AnswerStatus>;
  }>({ conversation: undefined, statuses: new Map() });

  useEffect(() => {
    const known = seen.current;
    // Another conversation opened (or the first): what it holds is not news. A new
    // conversation getting its id with its first message is the same one: its newest turn
    // holds this window's request (an answer read from history has none), however far
    // that request has come by the time the id arrives.
    const last = conversation.turns[conversation.turns.length - 1];
    const ours = last?.answers.some((answer) => answer.requestId !== null) ?? false;
    const opened = conversation.id !== known.conversation && !(known.conversation === null && ours);
    known.conversation = conversation.id;
    if (opened) known.statuses.clear();
    let news: string | null = null;
    for (const turn of conversation.turns) {
      for (const answer of turn.answers) {
        const key = answer.id || answer.requestId;
        if (!key) continue;
        const before = known.statuses.get(key);
        if (before === answer.status) continue;
        known.statuses.set(key, answer.status);
        if (opened) continue;
        const wasInFlight = before !== undefined && isInFlightStatus(before);
        if (isInFlightStatus(answer.status)) {
          if (!wasInFlight) news = 'Claude is answering…';
        } else if (wasInFlight || (before === undefined && answer.requestId !== null)) {
          // Unseen and already ended: this window's request, begun and ended between two
          // renders (answers read from history, older turns among them, are not news).
          news = ENDINGS[answer.status] ?? news;
        }
      }
    }
    const say = opened ? '' : news;
    // The same words again would be read out again by some screen readers.
    if (say !== null && region.current && region.current.textContent !== say)
      region.current.textContent = say;
  }, [conversation]);

  return <p ref={region} className="visually-hidden" role="status" aria-label="Answer progress" />;
}
