import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface RecordListProps<T extends { id: string }> {
  label: string;
  items: readonly T[];
  selectedId: string | null;
  onOpen(item: T): void;
  renderItem(item: T): ReactNode;
}

/**
 * A keyboard listbox with a roving tab stop: Tab enters the list once, arrows / Home / End move,
 * Enter or Space opens the record; a click opens it too.
 */
export function RecordList<T extends { id: string }>({
  label,
  items,
  selectedId,
  onOpen,
  renderItem,
}: RecordListProps<T>) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const activeIndex = (() => {
    const byActive = items.findIndex((item) => item.id === activeId);
    if (byActive >= 0) return byActive;
    const bySelected = items.findIndex((item) => item.id === selectedId);
    return bySelected >= 0 ? bySelected : 0;
  })();

  const focusIndex = (index: number) => {
    const item = items[index];
    if (!item) return;
    setActiveId(item.id);
    listRef.current?.querySelectorAll<HTMLElement>('[role="option"]')[index]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const last = items.length - 1;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        focusIndex(Math.min(activeIndex + 1, last));
        break;
      case 'ArrowUp':
        focusIndex(Math.max(activeIndex - 1, 0));
        break;
      case 'Home':
        focusIndex(0);
        break;
      case 'End':
        focusIndex(last);
        break;
      case 'Enter':
      case ' ': {
        const item = items[activeIndex];
        if (item) onOpen(item);
        break;
      }
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  return (
    <ul ref={listRef} className="record-list" role="listbox" aria-label={label} onKeyDown={onKeyDown}>
      {items.map((item, index) => (
        <li
          key={item.id}
          role="option"
          aria-selected={item.id === selectedId}
          tabIndex={index === activeIndex ? 0 : -1}
          className="record-item"
          onFocus={() => setActiveId(item.id)}
          onClick={() => onOpen(item)}
        >
          {renderItem(item)}
        </li>
      ))}
    </ul>
  );
}
