import type { Nodes } from 'mdast';
import type { MarkdownBlock } from './block-splitter';
import { parseBlock, type ParsedBlock } from './parse-block';

/**
 * A line that may start a link reference definition (`[id]: url`, up to 3
 * spaces in) or a footnote's (`[^id]: text`).
 */
const DEFINITION_LINE = /^ {0,3}\[[^\]\n]+\]:/m;
/** A link label in running text, escapes included: `[text]`, `[ref]` in `[text][ref]`. */
const LABEL = /\[((?:\\.|[^\\[\]\n])+)\]/g;

/**
 * A label as CommonMark matches it, the way mdast spells a definition's
 * `identifier`: runs of whitespace as one space, trimmed, case folded.
 */
function identifierOf(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();
}

/** Footnotes are kept by their label as written in a reference, caret and all (`^1`). */
const FOOTNOTE = '^';

/** What a block or tail needs from the rest of the answer: the definitions it refers to. */
export interface UsedDefinitions {
  /** The identifiers, sorted and joined: equal keys render the same. */
  readonly key: string;
  /**
   * Each identifier's destination, from the answer's first definition of it
   * (footnotes, `^` and their identifier, have none: only their number is
   * drawn where they are cited).
   */
  readonly urls: ReadonlyMap<string, string>;
}

/**
 * The link reference and footnote definitions of an answer's finished
 * blocks, for the blocks that refer to them from elsewhere in the answer.
 *
 * Why: each block is parsed on its own (so a delta costs the same however
 * long the answer), but a reference (`[the docs][1]`) and its definition
 * (`[1]: https://...`, usually at the very end) are often blocks apart, and
 * the parser only makes a link (or a footnote citation) of a reference whose
 * definition it has seen: the reference stayed as its brackets. Here the finished blocks' definitions
 * are collected as the blocks finish, in order (the first definition of an
 * identifier wins, as in CommonMark), and a block or tail that names one of
 * them is parsed with it (parseWithDefinitions). A definition that finishes
 * after the blocks that use it bumps `version`, and those blocks are drawn
 * again as links. The link is the same one the block would hold with its
 * definition in place: its destination goes through the same checks
 * (MarkdownLink), whatever block it came from.
 */
export class AnswerDefinitions {
  /** Identifier -> destination, and the start of the block that defined it first. */
  private readonly found = new Map<string, { url: string; from: number }>();
  /** Finished blocks before this offset have been looked at. */
  private scannedTo = 0;
  /** Changes whenever a definition is found: what uses it must be drawn again. */
  version = 0;

  /**
   * Takes the definitions of finished blocks not looked at yet, and of the
   * tail of an answer that has settled (`finalTail`: its last block, which
   * is where definitions usually are; a streaming tail's may be cut short).
   * Blocks only ever finish in order, so only the newest are walked: the
   * cost is that of the new blocks, not of the answer.
   */
  add(groups: readonly (readonly MarkdownBlock[])[], finalTail: MarkdownBlock | null = null): void {
    const fresh: MarkdownBlock[] = [];
    for (let g = groups.length - 1; g >= 0; g -= 1) {
      const group = groups[g] ?? [];
      let i = group.length - 1;
      for (; i >= 0 && (group[i] as MarkdownBlock).start >= this.scannedTo; i -= 1)
        fresh.push(group[i] as MarkdownBlock);
      if (i >= 0) break;
    }
    for (let i = fresh.length - 1; i >= 0; i -= 1) {
      const block = fresh[i] as MarkdownBlock;
      this.scannedTo = block.start + block.text.length;
      this.take(block);
    }
    // Not marked as looked at: were the text to go on, this block would finish longer.
    if (finalTail !== null) this.take(finalTail);
  }

  private take(block: MarkdownBlock): void {
    if (!DEFINITION_LINE.test(block.text)) return;
    const parsed = parseBlock(block.text);
    const found = (id: string, url: string): void => {
      if (this.found.has(id)) return;
      this.found.set(id, { url, from: block.start });
      this.version += 1;
    };
    for (const [id, url] of parsed.definitions) found(id, url);
    for (const id of footnotesOf(parsed.root)) found(FOOTNOTE + id, '');
  }

  /** Another answer's text: nothing found so far applies to it. */
  clear(): void {
    this.found.clear();
    this.scannedTo = 0;
    this.version += 1;
  }

  /**
   * The definitions from other blocks that the block (or tail) at `start`
   * names, or null when it names none: the usual case, which costs a
   * search for `[` once the answer has any definition at all.
   */
  usedBy(text: string, start: number): UsedDefinitions | null {
    if (this.found.size === 0 || !text.includes('[')) return null;
    let urls: Map<string, string> | null = null;
    for (const match of text.matchAll(LABEL)) {
      const id = identifierOf(match[1] ?? '');
      const definition = this.found.get(id);
      // A block that holds the first definition of what it names resolves it on its own.
      if (!definition || definition.from === start) continue;
      (urls ??= new Map()).set(id, definition.url);
    }
    if (urls === null) return null;
    return { key: [...urls.keys()].sort().join('\n'), urls };
  }
}

/** The identifiers of the footnotes a block defines. */
function footnotesOf(node: Nodes, into: string[] = []): string[] {
  if (node.type === 'footnoteDefinition') into.push(node.identifier);
  else if ('children' in node) for (const child of node.children) footnotesOf(child, into);
  return into;
}

/**
 * Parses a block with the definitions it uses from elsewhere in the answer:
 * stand-ins for them are appended after a blank line (which ends whatever
 * the block ends with), so that its references parse as links and
 * citations, and are then taken out of the tree again. The destinations
 * come from `used`, so that the first definition in the answer wins over one
 * of the block's own that comes later.
 */
export function parseWithDefinitions(text: string, used: UsedDefinitions): ParsedBlock {
  const lines = [...used.urls.keys()].map((id) => `[${id}]: #`).join('\n');
  const parsed = parseBlock(`${text}\n\n${lines}\n`);
  const own = parsed.root.children.filter(
    (node) => (node.position?.start.offset ?? 0) < text.length,
  );
  const definitions = new Map(parsed.definitions);
  for (const [id, url] of used.urls) if (!id.startsWith(FOOTNOTE)) definitions.set(id, url);
  return { root: { ...parsed.root, children: own }, definitions };
}
