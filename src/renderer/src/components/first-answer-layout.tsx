import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ConversationSummary } from '../../../shared/history';
import type { Turn } from '../chat/conversation';
import type { HistoryActions } from '../hooks/use-history-actions';
import { hiddenHost } from '../markdown';
import { ConversationItem } from './conversation-item';
import { TurnView } from './turn-view';

/**
 * The markdown warm-up's layout step for the chat view: what a first
 * message puts on screen, drawn by the very components that draw it, in the
 * same boxes, laid out once, hidden, then removed. That is one finished
 * turn (the person's message, then an answer of `sample` with its header
 * and Copy button) in the conversation's column, log and turn boxes, and
 * the conversation's entry in the sidebar, under a date, while it streams.
 *
 * Why all of it, in its own boxes, and not a bare markdown block: the first
 * time a page lays out text in a face at a size it has not used yet,
 * Chromium on Linux asks the browser process's font service for it, a
 * synchronous round trip. A bare block in <body> used other sizes than an
 * answer does (15 px text where answers have 15.5, so every heading and
 * code size was off), and none of the header, footer, the person's own
 * message or the sidebar's first entry. In the streaming benchmark's fast
 * run a first message still made eleven such requests, nine of them while
 * its answer streamed, each waiting for a browser process busy with the
 * stream; the slowest first frame spent 8 of its 22 ms blocked on one. With
 * all of it laid out in advance it makes none (e2e spec
 * `warm-up.spec.ts` holds every face and size that text added during a
 * first answer shows to the ones laid out here).
 */
export function layOutFirstAnswer(sample: string): () => void {
  const column = hiddenHost();
  column.className = 'message-column';
  const log = document.createElement('div');
  log.className = 'message-log';
  const turn = document.createElement('div');
  turn.className = 'turn';
  log.append(turn);
  column.append(log);
  const sidebar = hiddenHost();
  sidebar.classList.add('sidebar');
  sidebar.style.width = '284px';
  document.body.append(column, sidebar);
  const roots = [
    drawn(turn, <SampleTurn sample={sample} />),
    drawn(sidebar, <SampleSidebarEntry />),
  ];
  // Reading a size lays it all out now, in this idle period, not in the next frame.
  void column.offsetHeight;
  // Out of the document first: unmounting inside it would change the page node by node.
  return () => {
    column.remove();
    sidebar.remove();
    for (const root of roots) root.unmount();
  };
}

function drawn(container: HTMLElement, content: ReactNode): ReturnType<typeof createRoot> {
  const root = createRoot(container);
  flushSync(() => root.render(content));
  return root;
}

function SampleTurn({ sample }: { sample: string }): ReactNode {
  const turn: Turn = {
    id: 'warm-up',
    userText: 'A question, as the person typed it.',
    answers: [
      {
        id: 'warm-up-answer',
        requestId: null,
        attempt: 1,
        model: 'claude',
        chunks: [sample],
        status: 'done',
        retry: null,
        error: null,
        stopReason: 'end_turn',
      },
    ],
  };
  return (
    <TurnView
      turn={turn}
      canAct
      focus={null}
      modelName={() => 'Claude'}
      onRetry={ignore}
      onCancel={ignore}
      onOpenSettings={ignore}
      remembered={new Map()}
    />
  );
}

/** The markup of ConversationList around one entry: a date's section and its label. */
function SampleSidebarEntry(): ReactNode {
  const conversation: ConversationSummary = {
    id: 'warm-up',
    title: 'A question, as the person typed it.',
    model: null,
    createdAt: 0,
    updatedAt: 0,
    pinned: false,
    archived: false,
    preview: '',
  };
  return (
    <nav className="conversation-list">
      <section className="conversation-group">
        <h2 className="conversation-group-label">Today</h2>
        <ul className="conversation-items">
          <ConversationItem
            conversation={conversation}
            active
            streaming
            onOpen={ignore}
            actions={inertActions}
            followFocus={ignore}
          />
        </ul>
      </section>
    </nav>
  );
}

function ignore(): void {}

const inertActions: HistoryActions = {
  rename: () => Promise.resolve(null),
  setPinned: ignore,
  setArchived: ignore,
  remove: ignore,
  exportConversation: ignore,
  exportAll: ignore,
  importFiles: ignore,
};
