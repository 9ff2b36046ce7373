import type { AlignType, List, ListItem, Nodes, Parent, Table } from 'mdast';
import type { ReactNode } from 'react';
import { CodeBlock } from './code-block';
import { MarkdownImage, MarkdownLink } from './markdown-link';
import type { ParsedBlock } from './parse-block';
import { fenceLanguage } from './line-syntax';

/**
 * mdast -> React elements. Every node becomes a fixed element chosen here; no
 * attribute is copied from the content except through a guard: URLs go
 * through the allowlist in MarkdownLink/MarkdownImage, list start numbers are
 * numbers, and alignment becomes one of three class names. Text is always a
 * React text child, so React escapes it. There is no HTML string anywhere.
 */
interface RenderContext {
  readonly definitions: ReadonlyMap<string, string>;
  /** Inside a link's text: nothing in there may become another anchor. */
  readonly inLink: boolean;
  /** Inside a tight list item: paragraphs render without <p> margins. */
  readonly tight: boolean;
}

export function renderBlock(parsed: ParsedBlock): ReactNode {
  return children(parsed.root, { definitions: parsed.definitions, inLink: false, tight: false });
}

function children(parent: Parent, ctx: RenderContext): ReactNode[] {
  return parent.children.map((child, index) => node(child, index, ctx));
}

/** Markdown headings sit below the message's own heading, so they start at <h3>. */
const HEADING_TAGS = ['h3', 'h4', 'h5', 'h6', 'h6', 'h6'] as const;

function node(n: Nodes, key: number, ctx: RenderContext): ReactNode {
  switch (n.type) {
    case 'text':
      return n.value;
    case 'paragraph':
      return ctx.tight ? children(n, ctx) : <p key={key}>{children(n, ctx)}</p>;
    case 'heading': {
      const Tag = HEADING_TAGS[n.depth - 1] ?? 'h6';
      return (
        <Tag key={key} className={`md-heading md-h${n.depth}`}>
          {children(n, ctx)}
        </Tag>
      );
    }
    case 'thematicBreak':
      return <hr key={key} />;
    case 'blockquote':
      return <blockquote key={key}>{children(n, { ...ctx, tight: false })}</blockquote>;
    case 'list':
      return list(n, key, ctx);
    case 'listItem':
      return listItem(n, key, ctx, !n.spread);
    case 'table':
      return table(n, key, ctx);
    case 'code':
      return <CodeBlock key={key} language={fenceLanguage(n.lang ?? '')} code={n.value} />;
    case 'inlineCode':
      return (
        <code key={key} className="md-inline-code">
          {n.value}
        </code>
      );
    case 'emphasis':
      return <em key={key}>{children(n, ctx)}</em>;
    case 'strong':
      return <strong key={key}>{children(n, ctx)}</strong>;
    case 'delete':
      return <del key={key}>{children(n, ctx)}</del>;
    case 'break':
      return <br key={key} />;
    case 'link':
      return link(n.url, children(n, { ...ctx, inLink: true }), key, ctx);
    case 'linkReference': {
      const url = ctx.definitions.get(n.identifier);
      const text = children(n, { ...ctx, inLink: true });
      return url === undefined ? text : link(url, text, key, ctx);
    }
    case 'image':
      return <MarkdownImage key={key} url={n.url} alt={n.alt ?? ''} inLink={ctx.inLink} />;
    case 'imageReference': {
      const url = ctx.definitions.get(n.identifier);
      const alt = n.alt ?? '';
      return url === undefined ? (
        `![${alt}]`
      ) : (
        <MarkdownImage key={key} url={url} alt={alt} inLink={ctx.inLink} />
      );
    }
    case 'footnoteReference':
      return (
        <sup key={key} className="md-footnote-ref">
          [{n.label ?? n.identifier}]
        </sup>
      );
    case 'footnoteDefinition':
      return (
        <div key={key} className="md-footnote">
          <span className="md-footnote-label">[{n.label ?? n.identifier}]</span>
          {children(n, { ...ctx, tight: false })}
        </div>
      );
    case 'html':
      // Raw HTML is disabled in the parser; should one ever appear, it is text.
      return n.value;
    default:
      // Definitions render nothing; unknown node kinds are dropped, never guessed at.
      return null;
  }
}

function link(url: string, text: ReactNode, key: number, ctx: RenderContext): ReactNode {
  if (ctx.inLink) return <span key={key}>{text}</span>;
  return (
    <MarkdownLink key={key} url={url}>
      {text}
    </MarkdownLink>
  );
}

function list(n: List, key: number, ctx: RenderContext): ReactNode {
  const tight = !n.spread && n.children.every((item) => !item.spread);
  const tasks = n.children.some((item) => typeof item.checked === 'boolean');
  const className = `md-list${tight ? '' : ' md-loose'}${tasks ? ' md-task-list' : ''}`;
  const items = n.children.map((item, index) => listItem(item, index, ctx, tight));
  if (!n.ordered) {
    return (
      <ul key={key} className={className}>
        {items}
      </ul>
    );
  }
  const start = typeof n.start === 'number' && n.start !== 1 ? n.start : undefined;
  return (
    <ol key={key} className={className} start={start}>
      {items}
    </ol>
  );
}

function listItem(n: ListItem, key: number, ctx: RenderContext, tight: boolean): ReactNode {
  const content = children(n, { ...ctx, tight });
  if (typeof n.checked !== 'boolean') return <li key={key}>{content}</li>;
  return (
    <li key={key} className="md-task">
      <input
        type="checkbox"
        className="md-task-box"
        checked={n.checked}
        disabled
        readOnly
        aria-label={n.checked ? 'Done' : 'Not done'}
      />
      {content}
    </li>
  );
}

function alignClass(align: AlignType | undefined): string | undefined {
  return align === 'left' || align === 'center' || align === 'right'
    ? `md-align-${align}`
    : undefined;
}

function table(n: Table, key: number, ctx: RenderContext): ReactNode {
  const [head, ...rows] = n.children;
  const align = n.align ?? [];
  const cells = (row: Table['children'][number], header: boolean): ReactNode[] =>
    row.children.map((cell, index) => {
      const className = alignClass(align[index] ?? undefined);
      const content = children(cell, { ...ctx, tight: true });
      return header ? (
        <th key={index} scope="col" className={className}>
          {content}
        </th>
      ) : (
        <td key={index} className={className}>
          {content}
        </td>
      );
    });
  return (
    <div key={key} className="md-table-wrap" tabIndex={0}>
      <table className="md-table">
        {head ? (
          <thead>
            <tr>{cells(head, true)}</tr>
          </thead>
        ) : null}
        {rows.length > 0 ? (
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>{cells(row, false)}</tr>
            ))}
          </tbody>
        ) : null}
      </table>
    </div>
  );
}
