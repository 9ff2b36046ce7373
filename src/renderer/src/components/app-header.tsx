import { memo, type ReactNode } from 'react';
import type { ModelsState } from '../hooks/use-models';
import { ParleyMark, SettingsIcon, SidebarIcon } from './icons';
import { ModelPicker } from './model-picker';

/**
 * The window's top bar: the history sidebar's toggle, who we are, which
 * model answers (once there is a key), and the way to Settings. Memoised:
 * the app renders again on every delta of a streaming answer, the header
 * has nothing to redraw then.
 */
export const AppHeader = memo(function AppHeader({
  models,
  sidebarOpen,
  onToggleSidebar,
  onOpenSettings,
}: {
  models: ModelsState | null;
  sidebarOpen: boolean;
  onToggleSidebar: () => void;
  onOpenSettings: () => void;
}): ReactNode {
  return (
    <header className="app-header">
      <div className="brand">
        <button
          type="button"
          className="icon-button"
          onClick={onToggleSidebar}
          aria-expanded={sidebarOpen}
          aria-controls="sidebar"
          aria-label="Conversations"
          title={sidebarOpen ? 'Hide conversations' : 'Show conversations'}
        >
          <SidebarIcon />
        </button>
        <ParleyMark size={26} />
        <h1 className="brand-name">Parley</h1>
      </div>
      <div className="header-actions">
        {models ? <ModelPicker state={models} /> : null}
        <button type="button" className="button button-quiet" onClick={onOpenSettings}>
          <SettingsIcon />
          Settings
        </button>
      </div>
    </header>
  );
});
