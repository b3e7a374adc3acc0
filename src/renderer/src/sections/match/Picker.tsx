import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { toastError } from '../../store/toasts';

/** One choice of a picker: an artist or a venue, with the town that tells homonyms apart. */
interface Choice {
  id: string;
  name: string;
  city: string;
}

/** How many matches the list shows; typing narrows the rest. */
const SHOWN = 30;
/** Wait this long after the last key before asking the catalogue (a burst of typing is one query). */
const DEBOUNCE_MS = 140;

const labelOf = (choice: Choice) => (choice.city ? `${choice.name} (${choice.city})` : choice.name);

/**
 * A searchable picker for an artist or a venue, over the whole catalogue (`artists.list` /
 * `venues.list` with the typed words: name, city, genres), so the 3,000+ imported festivals can all be
 * picked — a <select> of the first few hundred could not. ARIA 1.2 combobox pattern: the input owns a
 * listbox; ↓/↑ move, Enter picks, Escape closes (then clears the choice), Home/End in the list; the active option is
 * announced through aria-activedescendant.
 */
export function EntityPicker({
  id,
  kind,
  label,
  value,
  onChange,
}: {
  id: string;
  kind: 'artist' | 'venue';
  label: string;
  /** The chosen id, '' for none. */
  value: string;
  onChange(id: string): void;
}) {
  const { t } = useTranslation('venueFit');
  const listId = useId();
  /** What the user typed since the list opened (the box shows the chosen entry while it is closed). */
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<{ key: string; choices: Choice[]; total: number } | null>(null);
  const [active, setActive] = useState(-1);
  const [named, setNamed] = useState<Choice | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const selected = value && named?.id === value ? named : null;
  const selectedLabel = selected ? labelOf(selected) : '';

  // The chosen id may come from elsewhere (a demo card, a ticked venue): fetch its name once.
  useEffect(() => {
    if (!value || named?.id === value) return;
    let live = true;
    const ask =
      kind === 'artist' ? api.invoke('artists.get', { id: value }) : api.invoke('venues.get', { id: value });
    ask.then(
      (found) => live && setNamed({ id: found.id, name: found.name, city: found.city }),
      (error: unknown) => live && toastError(error),
    );
    return () => {
      live = false;
    };
  }, [kind, value, named?.id]);

  // Search as the user types (only while the list is open); the chosen entry's own label lists all.
  const query = text === selectedLabel ? '' : text.trim();
  const key = `${kind}\u0000${query}`;
  useEffect(() => {
    if (!open) return;
    let live = true;
    const timer = setTimeout(() => {
      const input = { query, limit: SHOWN, offset: 0 };
      const ask = kind === 'artist' ? api.invoke('artists.list', input) : api.invoke('venues.list', input);
      ask.then(
        (page) => {
          if (!live) return;
          setResult({
            key,
            choices: page.items.map((item) => ({ id: item.id, name: item.name, city: item.city })),
            total: page.total,
          });
          setActive(page.items.length ? 0 : -1);
        },
        (error: unknown) => live && toastError(error),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [open, query, kind, key]);
  const loading = result?.key !== key;
  const choices = loading ? [] : result.choices;
  const total = loading ? 0 : result.total;

  const openList = () => {
    if (open) return;
    setText(selectedLabel);
    setOpen(true);
  };

  const pick = (choice: Choice) => {
    setNamed(choice);
    setOpen(false);
    onChange(choice.id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) openList();
        else setActive((i) => Math.min(choices.length - 1, i + 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (open) setActive((i) => Math.max(0, i - 1));
        break;
      case 'Home':
      case 'End':
        if (open && choices.length) {
          event.preventDefault();
          setActive(event.key === 'Home' ? 0 : choices.length - 1);
        }
        break;
      case 'Enter':
        if (open && active >= 0 && choices[active]) {
          event.preventDefault();
          pick(choices[active]);
        }
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          setOpen(false);
        } else if (value) {
          event.preventDefault();
          onChange('');
        }
        break;
    }
  };

  const activeId = open && active >= 0 ? `${listId}-${active}` : undefined;
  return (
    <div className="fit-picker fit-combobox">
      <label htmlFor={id}>{label}</label>
      <div className="fit-combobox-box">
        <input
          ref={inputRef}
          id={id}
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          autoComplete="off"
          spellCheck={false}
          placeholder={kind === 'artist' ? t('pickers.chooseArtist') : t('pickers.chooseVenue')}
          value={open ? text : selectedLabel}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
          onFocus={(event) => event.target.select()}
          onClick={openList}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        {value ? (
          <button
            type="button"
            className="fit-combobox-clear"
            aria-label={t('pickers.clear', { label })}
            title={t('pickers.clear', { label })}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              setText('');
              onChange('');
              inputRef.current?.focus();
            }}
          >
            ×
          </button>
        ) : null}
      </div>
      {open ? (
        <ul id={listId} role="listbox" aria-label={label} className="fit-combobox-list">
          {choices.map((choice, i) => (
            <li
              key={choice.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={choice.id === value ? 'is-current' : undefined}
              // mousedown, not click: the input's blur would close the list first
              onMouseDown={(event) => {
                event.preventDefault();
                pick(choice);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="fit-combobox-name">{choice.name}</span>
              {choice.city ? <span className="fit-combobox-city">{choice.city}</span> : null}
            </li>
          ))}
          {!loading && choices.length === 0 ? (
            <li role="presentation" className="fit-combobox-note">
              {t('pickers.noMatch')}
            </li>
          ) : null}
          {total > choices.length ? (
            <li role="presentation" className="fit-combobox-note">
              {t('pickers.more', { shown: choices.length, total })}
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
