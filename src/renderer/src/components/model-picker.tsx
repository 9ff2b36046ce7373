import type { ReactNode } from 'react';
import type { ModelsState } from '../hooks/use-models';
import { RetryIcon } from './icons';

/**
 * A native select (keyboard and screen-reader behaviour for free). When the
 * list could not be loaded the saved default is still offered, so an offline
 * start can still queue a message, and a reload button appears.
 */
export function ModelPicker({ state }: { state: ModelsState }): ReactNode {
  const { models, selected, error, loaded } = state;
  const options = models.map((m) => ({
    id: m.id,
    label: m.lifecycle === 'deprecated' ? `${m.displayName} (deprecated)` : m.displayName,
  }));
  if (selected !== null && !options.some((o) => o.id === selected)) {
    options.unshift({ id: selected, label: selected });
  }
  const placeholder = error ? 'Models unavailable' : 'Loading models…';
  return (
    <div className="model-picker">
      <label className="visually-hidden" htmlFor="model-select">
        Model
      </label>
      <select
        id="model-select"
        className="select"
        value={selected ?? ''}
        onChange={(e) => state.select(e.target.value)}
        disabled={options.length === 0}
      >
        {options.length === 0 ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      {error && !loaded ? (
        <button
          type="button"
          className="icon-button"
          onClick={state.reload}
          title={`Couldn’t load the model list: ${error.message}`}
        >
          <RetryIcon />
          <span className="visually-hidden">Reload models</span>
        </button>
      ) : null}
    </div>
  );
}
