import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

/**
 * A small menu that follows the ARIA menu pattern: focus moves into it when
 * it opens, arrow keys (and Home/End) move between items, Escape closes it
 * and gives focus back to the button that opened it, and a click elsewhere
 * or Tab closes it too.
 */
export function PopupMenu({
  label,
  items,
  trigger,
  onClose,
}: {
  label: string;
  items: readonly MenuItem[];
  /** The button that opened the menu; focus returns there on Escape. */
  trigger: RefObject<HTMLButtonElement | null>;
  onClose: () => void;
}): ReactNode {
  const ref = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const onPointer = (event: PointerEvent): void => {
      const target = event.target as Node | null;
      if (target && (ref.current?.contains(target) || trigger.current?.contains(target))) return;
      onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [onClose, trigger]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const buttons = [
      ...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []),
    ];
    const index = buttons.findIndex((b) => b === document.activeElement);
    const move = (to: number): void => {
      event.preventDefault();
      buttons[(to + buttons.length) % buttons.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(index + 1);
      case 'ArrowUp':
        return move(index - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(buttons.length - 1);
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        onClose();
        trigger.current?.focus();
        return;
      case 'Tab':
        onClose();
        return;
    }
  };

  return (
    <div ref={ref} className="popup-menu" role="menu" aria-label={label} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={item.danger ? 'menu-item menu-item-danger' : 'menu-item'}
          onClick={() => {
            // Back to the menu button first: the action may move focus on (Rename does).
            trigger.current?.focus();
            onClose();
            item.onSelect();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
