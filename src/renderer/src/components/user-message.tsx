import { memo, type ReactNode } from 'react';

/** The person's own message, shown once it is safely in the history. */
export const UserMessage = memo(function UserMessage({
  id,
  text,
}: {
  id: string;
  text: string;
}): ReactNode {
  return (
    <article className="message message-user" aria-label="You" data-message-id={id}>
      <h2 className="visually-hidden">You</h2>
      <div className="message-bubble">
        <div className="message-text">{text}</div>
      </div>
    </article>
  );
});
