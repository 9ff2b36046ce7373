import type { ReactNode } from 'react';
import type { ModelsState } from '../hooks/use-models';
import { ParleyMark, SettingsIcon } from './icons';
import { ModelPicker } from './model-picker';

/** The window's top bar: who we are, which model answers, and the way to Settings. */
export function AppHeader({
  models,
  onOpenSettings,
}: {
  models: ModelsState;
  onOpenSettings: () => void;
}): ReactNode {
  return (
    <header className="app-header">
      <div className="brand">
        <ParleyMark size={26} />
        <h1 className="brand-name">Parley</h1>
      </div>
      <div className="header-actions">
        <ModelPicker state={models} />
        <button type="button" className="button button-quiet" onClick={onOpenSettings}>
          <SettingsIcon />
          Settings
        </button>
      </div>
    </header>
  );
}
