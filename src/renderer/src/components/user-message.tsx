import { memo, type ReactNode } from 'react';

/** The person's own message, shown the moment it is sent. */
export const UserMessage = memo(function UserMessage({ text }: { text: string }): ReactNode {
  return (
    <article className="message message-user" aria-label="You">
      <h2 className="visually-hidden">You</h2>
      <div className="message-bubble">
        <div className="message-text">{text}</div>
      </div>
    </article>
  );
});
