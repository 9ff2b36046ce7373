import { act, createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

/** A React root in the (happy-dom) document, rendered synchronously through act(). */
export interface Mounted {
  readonly container: HTMLDivElement;
  render(element: ReactElement): void;
  unmount(): void;
}

export function mount(): Mounted {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.createElement('div');
  document.body.append(container);
  const root: Root = createRoot(container);
  return {
    container,
    render: (element) => act(() => root.render(element)),
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

export { createElement };
