import type * as Lowlight from 'lowlight';

/**
 * lowlight as the app uses it (the real highlighter), telling `onHighlight`
 * every piece of code it is run on: for tests that assert when highlighting
 * happens, or that it does not happen again. Use from a `vi.mock('lowlight')`
 * factory.
 */
export function countedLowlight(
  actual: typeof Lowlight,
  onHighlight: (code: string) => void,
): typeof Lowlight {
  return {
    ...actual,
    createLowlight: (...args: Parameters<typeof actual.createLowlight>) => {
      const instance = actual.createLowlight(...args);
      return {
        ...instance,
        highlight: (...call: Parameters<typeof instance.highlight>) => {
          onHighlight(call[1]);
          return instance.highlight(...call);
        },
      };
    },
  };
}
