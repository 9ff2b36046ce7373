import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ok, type Result } from '../../../shared/app-error';
import { createArchiveExporter } from './archive-export';
import { createArchiveImporter, type ImportCounts } from './archive-import';
import { archiveLimits, type ParleyArchive } from './archive-schema';
import { createConversationRepo } from './conversation-repo';
import { createHistorySearch } from './history-search';
import { createTitleSearch } from './title-search';
import { createMessageRepo, toTurns } from './message-repo';
import { newestBackup } from './backup-files';
import {
  clearIntegrityFlag,
  raiseIntegrityFlag,
  resolveIntegrityLevel,
  watchForCorruption,
} from './integrity-flag';
import { clearRecoveryOffer, loadRecoveryOffer, saveRecoveryOffer } from './recovery-offer';
import { replaceWithBackup, type Restored } from './restore-backup';
import {
  checkIntegrity,
  isCorruptionError,
  moveDatabaseAside,
  openHistoryConnection,
  type IntegrityCheckLevel,
} from './sqlite-connection';
import type {
  Clock,
  ConversationDetail,
  ConversationSummary,
  DeletedConversation,
  FinishAnswerInput,
  HistoryLog,
  ListConversationsOptions,
  RecoveryReport,
  SearchHit,
  SearchOptions,
  StoredMessage,
} from './history-types';

/**
 * The durable history of conversations: one SQLite file per data dir, opened
 * once by main. Every write is its own committed transaction, which is what
 * lets the chat engine promise "nothing lost" (see DESIGN.md, Persistence).
 */

export const historyFileName = 'history.sqlite3';

export interface HistoryStoreOptions {
  dataDir: string;
  clock: Clock;
  log?: HistoryLog;
  /**
   * How hard to look for damage at open. Default 'auto': a quick_check of the
   * whole file when it is small (<= 8 MiB) or flagged as suspect, else the
   * light check, so a large history still opens in milliseconds.
   */
  integrityCheck?: IntegrityCheckLevel | 'auto';
  /** Matches beyond which a query counts as broad (see history-search.ts). Tests lower it. */
  searchWindow?: number;
  /**
   * Largest archive file importArchive takes and exportAllFiles writes
   * (default MAX_ARCHIVE_BYTES). Tests lower it.
   */
  maxArchiveBytes?: number;
}

function bind(db: Database.Database, clock: Clock, searchWindow?: number) {
  const conversations = createConversationRepo(db, clock);
  const messages = createMessageRepo(db, clock, conversations);
  return {
    db,
    conversations,
    messages,
    search: createHistorySearch(db, searchWindow),
    searchTitles: createTitleSearch(db),
    exporter: createArchiveExporter(db, () => clock.now()),
    importArchive: createArchiveImporter(db),
  };
}

type Live = ReturnType<typeof bind>;

/**
 * What a restore carried over from the history it replaced: conversations
 * merged in, and those that could not be (they stay in the folder the
 * replaced history was moved to).
 */
export interface KeptSince {
  conversations: number;
  failed: number;
}

/** Title matches the search box shows at most, above the messages. */
const TITLE_HITS = 3;

const silentLog: HistoryLog = { info() {}, warn() {}, error() {} };

export function createHistoryStore(options: HistoryStoreOptions) {
  const { dataDir, clock } = options;
  const log = options.log ?? silentLog;
  const file = path.join(dataDir, historyFileName);
  fs.mkdirSync(dataDir, { recursive: true });
  const integrity = resolveIntegrityLevel(options.integrityCheck ?? 'auto', file, dataDir);

  let recovery: RecoveryReport | null = null;
  let live: Live = bind(openOrRecover(), clock, options.searchWindow);
  let closed = false;
  if (integrity === 'quick' || integrity === 'full') clearIntegrityFlag(dataDir);
  const interruptedAtOpen = live.messages.markUnfinishedInterrupted();
  if (interruptedAtOpen > 0)
    log.info('history: unfinished answers marked interrupted', { count: interruptedAtOpen });

  function openOrRecover(): Database.Database {
    try {
      const db = openHistoryConnection(file, integrity);
      // Damage found at an earlier start whose restore is still on offer.
      recovery = loadRecoveryOffer(dataDir);
      return db;
    } catch (error) {
      if (!isCorruptionError(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      const movedTo = moveDatabaseAside(file, dataDir, clock.now());
      recovery = { movedTo, newestBackup: newestBackup(dataDir), reason };
      saveRecoveryOffer(dataDir, recovery);
      log.error('history: damaged database moved aside, starting empty', { movedTo, reason });
      return openHistoryConnection(file, integrity);
    }
  }

  /** Merges the history as it was before the restore into the restored one. */
  function keepSince(since: ParleyArchive | null): KeptSince {
    if (!since) return { conversations: 0, failed: 0 };
    const merged = current().importArchive(JSON.stringify(since), Infinity);
    if (merged.ok) return { conversations: merged.value.imported.conversations, failed: 0 };
    log.error('history: the history before the restore could not be merged', {
      detail: merged.error.message,
    });
    return { conversations: 0, failed: since.conversations.length };
  }

  function flag(reason: string): void {
    raiseIntegrityFlag(dataDir, reason);
    log.error('history: database damage suspected; full check at next start', { reason });
  }

  function current(): Live {
    if (closed) throw new Error('history store is closed');
    return live;
  }

  const store = {
    file,
    dataDir,
    /**
     * Set when the file was found damaged and moved aside, at this start or an
     * earlier one, until the backup is restored or the offer declined.
     */
    get recovery(): RecoveryReport | null {
      return recovery;
    },
    /** The person keeps the history they have now: the offer goes, and backups resume. */
    dismissRecovery(): void {
      recovery = null;
      clearRecoveryOffer(dataDir);
    },
    /** How many answers were found unfinished (and marked interrupted) at open. */
    interruptedAtOpen,

    createConversation(input: { title?: string; model?: string | null } = {}): ConversationSummary {
      return current().conversations.create(input);
    },
    listConversations(listOptions: ListConversationsOptions = {}): ConversationSummary[] {
      return current().conversations.list(listOptions);
    },
    /** One conversation, archived or not, without its messages; null once deleted. */
    getConversationSummary(id: string): ConversationSummary | null {
      return current().conversations.get(id);
    },
    /** The whole conversation, or with `lastTurns` only its newest turns (see earlierTurns). */
    getConversation(id: string, read: { lastTurns?: number } = {}): ConversationDetail | null {
      const { conversations, messages } = current();
      const summary = conversations.get(id);
      if (!summary) return null;
      if (read.lastTurns === undefined) {
        return { ...summary, turns: toTurns(messages.listForConversation(id)) };
      }
      return { ...summary, ...messages.newestTurns(id, read.lastTurns) };
    },
    renameConversation(id: string, title: string): boolean {
      return current().conversations.rename(id, title);
    },
    setPinned(id: string, pinned: boolean): boolean {
      return current().conversations.setFlag('pinned', id, pinned);
    },
    setArchived(id: string, archived: boolean): boolean {
      return current().conversations.setFlag('archived', id, archived);
    },
    /** Soft delete: hidden at once, restorable until purged. */
    deleteConversation(id: string): DeletedConversation | null {
      return current().conversations.softDelete(id);
    },
    restoreConversation(id: string): boolean {
      return current().conversations.restore(id);
    },
    purgeDeleted(purge: { olderThanMs: number }): number {
      return current().conversations.purgeDeleted(purge.olderThanMs);
    },

    getMessage(id: string): StoredMessage | null {
      return current().messages.get(id);
    },
    /** Durable when it returns: call before the request goes to the network. */
    addUserMessage(conversationId: string, text: string): StoredMessage {
      return current().messages.addUser(conversationId, text);
    },
    /** A new pending answer attempt; earlier attempts of the same question are kept. */
    startAssistantMessage(replyTo: string, model: string): StoredMessage {
      return current().messages.startAnswer(replyTo, model);
    },
    saveAssistantProgress(id: string, fullTextSoFar: string): boolean {
      return current().messages.saveProgress(id, fullTextSoFar);
    },
    finishAssistantMessage(id: string, result: FinishAnswerInput): boolean {
      return current().messages.finish(id, result);
    },
    markUnfinishedInterrupted(): number {
      return current().messages.markUnfinishedInterrupted();
    },

    search(query: string, searchOptions: SearchOptions = {}): SearchHit[] {
      return current().search(query, searchOptions);
    },
    searchTitles(query: string, searchOptions: SearchOptions = {}): SearchHit[] {
      return current().searchTitles(query, searchOptions);
    },
    /**
     * What the search box shows: the best matching messages, and above them
     * up to three conversations whose title matches (newest first) that have
     * no message among those hits, `limit` in all, half at least for
     * messages. A title made from the first message (as most are) would only
     * repeat that message's hit, and a title hit opens the conversation at
     * its end, not at the match.
     */
    searchEverywhere(query: string, searchOptions: SearchOptions = {}): SearchHit[] {
      const limit = Math.min(Math.max(Math.trunc(searchOptions.limit ?? 20), 1), 200);
      const messages = current().search(query, { ...searchOptions, limit });
      const found = new Set(messages.map((hit) => hit.conversationId));
      const titles = current()
        .searchTitles(query, { ...searchOptions, limit: TITLE_HITS + found.size })
        .filter((hit) => !found.has(hit.conversationId))
        // Half the list, at least, is kept for the messages there are.
        .slice(0, Math.min(TITLE_HITS, limit - Math.min(messages.length, Math.ceil(limit / 2))));
      return [...titles, ...messages.slice(0, limit - titles.length)];
    },

    exportConversationMarkdown(id: string): string | null {
      return current().exporter.conversationMarkdown(id);
    },
    exportConversationJson(id: string): ParleyArchive | null {
      return current().exporter.conversationJson(id);
    },
    exportAll(): ParleyArchive {
      return current().exporter.all();
    },
    /** The whole history as archive files that each import again (see allFiles). */
    exportAllFiles(): string[] {
      return current().exporter.allFiles({
        maxBytes: options.maxArchiveBytes ?? archiveLimits.maxBytes,
        maxConversations: archiveLimits.maxConversations,
        maxMessages: archiveLimits.maxMessagesTotal,
      });
    },
    /** Merges an archive (never overwriting); all or nothing. Never throws. */
    importArchive(jsonText: unknown): Result<ImportCounts> {
      return current().importArchive(jsonText, options.maxArchiveBytes);
    },

    /** Online backup through SQLite's backup API; safe while the app writes. */
    async backupTo(destination: string): Promise<void> {
      await current().db.backup(destination);
    },
    /** Problems found by PRAGMA integrity_check; empty when sound. Problems raise the flag. */
    checkIntegrity(level: IntegrityCheckLevel = 'full'): string[] {
      const problems = checkIntegrity(current().db, level);
      if (problems.length > 0) flag(problems.join('; '));
      return problems;
    },
    /** Asks for a full check at next open (a backup copy failed its check, ...). */
    flagForIntegrityCheck(reason: string): void {
      flag(reason);
    },
    /**
     * Replaces the live database with one of this data dir's backups. What
     * the history has now (conversations written since the damage, say) is
     * merged into the restored one, so a restore takes nothing away.
     */
    restoreBackup(backupPath: string): Result<Restored & { kept: KeptSince }> {
      const since = current().conversations.countAll() > 0 ? current().exporter.all() : null;
      const result = replaceWithBackup({
        dataDir,
        file,
        backupPath,
        now: clock.now(),
        currentHasData: since !== null,
        close: () => current().db.close(),
        reopen: () => {
          live = bind(openHistoryConnection(file, integrity), clock, options.searchWindow);
          live.messages.markUnfinishedInterrupted();
        },
      });
      if (!result.ok) return result;
      recovery = null;
      clearRecoveryOffer(dataDir);
      log.info('history: restored from backup', { backupPath });
      return ok({ ...result.value, kept: keepSince(since) });
    },
    /** The raw connection, for the backup manager and export/import helpers. */
    database(): Database.Database {
      return current().db;
    },
    close(): void {
      if (closed) return;
      closed = true;
      live.db.close();
    },
  };
  return watchForCorruption(store, flag);
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;
