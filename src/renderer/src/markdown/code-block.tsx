import { memo, useEffect, useMemo, useState, type ReactNode } from 'react';
import { highlightCode } from './highlight';
import { useMarkdownActions } from './markdown-actions';

const LABEL_LIMIT = 40;
const COPIED_MS = 1500;

/**
 * The frame of every code block: a header with the language label and a
 * "Copy code" button, then the code. The button hands the text to the chat
 * view (which owns the clipboard), so no clipboard permission is needed here.
 */
export function CodeFrame({
  language,
  code,
  children,
}: {
  language: string | null;
  /** The exact text the Copy button copies. */
  code: string;
  children: ReactNode;
}): ReactNode {
  const { copy } = useMarkdownActions();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return undefined;
    const timer = setTimeout(() => setCopied(false), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  const label = language === null ? 'text' : language.slice(0, LABEL_LIMIT);
  return (
    <div className="md-code">
      <div className="md-code-header">
        <span className="md-code-lang">{label}</span>
        <button
          type="button"
          className="md-code-copy"
          aria-label="Copy code"
          onClick={() => {
            copy(code);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      {/* Focusable so that keyboard users can scroll long lines (axe: scrollable-region-focusable). */}
      <pre className="md-code-body" tabIndex={0}>
        <code className="hljs">{children}</code>
      </pre>
    </div>
  );
}

/** A finished code block: highlighted once (and cached by content). */
export const CodeBlock = memo(function CodeBlock({
  language,
  code,
}: {
  language: string | null;
  code: string;
}): ReactNode {
  const highlighted = useMemo(() => highlightCode(language, code), [language, code]);
  return (
    <CodeFrame language={language} code={code}>
      {highlighted}
    </CodeFrame>
  );
});
