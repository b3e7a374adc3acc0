import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { removeChip, type ParsedVenueQuery, type QueryChip } from '../../../../shared/venue-query';
import { MAX_QUERY_LENGTH } from '../../../../shared/venue-query';
import { Icon } from '../../components/icons';

interface SearchBarProps {
  query: string;
  parsed: ParsedVenueQuery;
  onChange(query: string): void;
}

/**
 * The natural-language search: the text as typed, then one chip per understood piece (parsed live in
 * the renderer by the same parser the service uses) and the words it did not understand, so nothing
 * is silently dropped. A chip's × removes its words from the text; its label selects them in the
 * input, ready to be retyped (that is how a chip is corrected).
 */
export function SearchBar({ query, parsed, onChange }: SearchBarProps) {
  const { t } = useTranslation('venueFit');
  const input = useRef<HTMLInputElement>(null);

  const select = (chip: QueryChip) => {
    const field = input.current;
    if (!field) return;
    field.focus();
    field.setSelectionRange(chip.start, chip.end);
  };

  const remove = (chip: QueryChip) => {
    onChange(removeChip(query, chip));
    input.current?.focus();
  };

  return (
    <div className="fit-searchbar" role="search">
      <label htmlFor="fit-query" className="visually-hidden">
        {t('search.label')}
      </label>
      <div className="fit-search-input">
        <Icon name="search" size={18} />
        <input
          ref={input}
          id="fit-query"
          type="search"
          value={query}
          maxLength={MAX_QUERY_LENGTH}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="fit-query-hint"
          onChange={(event) => onChange(event.target.value)}
        />
        {query ? (
          <button
            type="button"
            className="icon-button fit-search-clear"
            aria-label={t('search.clear')}
            onClick={() => {
              onChange('');
              input.current?.focus();
            }}
          >
            <Icon name="close" size={16} />
          </button>
        ) : null}
      </div>
      <p id="fit-query-hint" className="fit-search-hint muted">
        {t('search.hint')}
      </p>
      <div className="fit-chips-row" aria-live="polite">
        {parsed.chips.length ? (
          <ul className="fit-chips" aria-label={t('search.chipsLabel')} data-testid="fit-chips">
            {parsed.chips.map((chip) => (
              <li
                key={`${chip.kind}-${chip.start}`}
                className={`fit-chip fit-chip-${chip.kind}`}
                data-testid="fit-chip"
              >
                <button
                  type="button"
                  className="fit-chip-label"
                  title={t('search.correctChip', { label: chip.label })}
                  onClick={() => select(chip)}
                >
                  <span className="fit-chip-kind">{t(`search.kinds.${chip.kind}`)}</span>
                  <span className="fit-chip-value">{chip.label}</span>
                </button>
                <button
                  type="button"
                  className="fit-chip-remove"
                  aria-label={t('search.removeChip', { label: chip.label })}
                  onClick={() => remove(chip)}
                >
                  <Icon name="close" size={13} />
                </button>
              </li>
            ))}
          </ul>
        ) : query.trim() === '' ? (
          <p className="muted fit-chips-empty">{t('search.noFilter')}</p>
        ) : null}
        {parsed.unparsed.length ? (
          <p className="fit-unparsed" data-testid="fit-unparsed" title={t('search.unparsedHint')}>
            <span className="fit-unparsed-label">{t('search.unparsed')}</span>{' '}
            {parsed.unparsed.map((words, i) => (
              <span key={`${words}-${i}`} className="fit-unparsed-words">
                {words}
              </span>
            ))}
          </p>
        ) : null}
      </div>
    </div>
  );
}
