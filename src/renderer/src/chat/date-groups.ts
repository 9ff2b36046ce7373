import type { ConversationSummary } from '../../../shared/history';

/**
 * The sidebar's sections: pinned conversations first, then the rest by when
 * they last changed (Today, Yesterday, Previous 7 days, Previous 30 days,
 * then one section per month). Order inside a section is kept as main sent it.
 */
export interface ConversationGroup {
  key: string;
  label: string;
  items: ConversationSummary[];
}

function startOfDay(time: number): number {
  const d = new Date(time);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Calendar days back from `today`, so a daylight-saving change does not shift a section. */
function daysBack(today: number, days: number): number {
  const d = new Date(today);
  d.setDate(d.getDate() - days);
  return d.getTime();
}

function bucketOf(updatedAt: number, now: number): { key: string; label: string } {
  const today = startOfDay(now);
  if (updatedAt >= today) return { key: 'today', label: 'Today' };
  if (updatedAt >= daysBack(today, 1)) return { key: 'yesterday', label: 'Yesterday' };
  if (updatedAt >= daysBack(today, 7)) return { key: 'week', label: 'Previous 7 days' };
  if (updatedAt >= daysBack(today, 30)) return { key: 'month', label: 'Previous 30 days' };
  const date = new Date(updatedAt);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  const label = date.toLocaleDateString(
    undefined,
    sameYear ? { month: 'long' } : { month: 'long', year: 'numeric' },
  );
  return { key: `${date.getFullYear()}-${date.getMonth() + 1}`, label };
}

export function groupConversations(
  items: readonly ConversationSummary[],
  now: number = Date.now(),
): ConversationGroup[] {
  const groups: ConversationGroup[] = [];
  const byKey = new Map<string, ConversationGroup>();
  const add = (key: string, label: string, item: ConversationSummary): void => {
    let group = byKey.get(key);
    if (!group) {
      group = { key, label, items: [] };
      byKey.set(key, group);
      groups.push(group);
    }
    group.items.push(item);
  };
  for (const item of items) if (item.pinned) add('pinned', 'Pinned', item);
  for (const item of items) {
    if (item.pinned) continue;
    const { key, label } = bucketOf(item.updatedAt, now);
    add(key, label, item);
  }
  return groups;
}
