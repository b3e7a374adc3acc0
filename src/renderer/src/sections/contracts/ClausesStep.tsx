import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractClause, ContractDraft } from '../../../../shared/legal';
import { api } from '../../api';
import { Icon } from '../../components/icons';
import { formatNumber } from '../../lib/format';
import { useDebounced } from '../../lib/hooks';
import { toastError } from '../../store/toasts';
import { useDraftBinding } from './bind';
import { CLAUSE_MAX_LENGTH, fieldIdOf, unusedOverrides, withClauseText } from './model';

// The « Articles » step: every article of the contract as the PDF prints it, in the contract's
// language. The booker may reword a standard article; the wording is kept in the draft as an override
// (with the hash of the standard text it started from, so a later change of fee or date asks for a
// re-read), and can be put back to the standard text at any time.

const CLAUSES_DEBOUNCE_MS = 300;

export function ClausesStep({ validDraft }: { validDraft: ContractDraft | null }) {
  const { t } = useTranslation('legal');
  const { draft, update } = useDraftBinding();
  const key = validDraft ? JSON.stringify(validDraft) : null;
  const debouncedKey = useDebounced(key, CLAUSES_DEBOUNCE_MS);
  const [clauses, setClauses] = useState<ContractClause[] | null>(null);
  const [editing, setEditing] = useState<{ id: string; text: string; error: string | null } | null>(null);

  useEffect(() => {
    if (!debouncedKey) return;
    let live = true;
    api.invoke('contracts.clauses', { draft: JSON.parse(debouncedKey) as ContractDraft }).then(
      (value) => {
        if (live) setClauses(value.clauses);
      },
      (error: unknown) => {
        if (live) toastError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [debouncedKey]);

  const overrides = draft.clauses.overrides;
  const setOverrides = (next: ContractDraft['clauses']['overrides']) => update('clauses.overrides', next);
  const overrideIndex = (id: string) => overrides.findIndex((o) => o.id === id);
  const unused = clauses ? unusedOverrides(overrides, clauses) : [];

  const apply = (clause: ContractClause) => {
    if (!editing) return;
    const text = editing.text.trim();
    const error = !text
      ? t('articles.empty')
      : text.length > CLAUSE_MAX_LENGTH
        ? t('articles.tooLong', { max: formatNumber(CLAUSE_MAX_LENGTH) })
        : null;
    if (error) {
      setEditing({ ...editing, error });
      return;
    }
    setOverrides(withClauseText(overrides, clause, text));
    setEditing(null);
  };

  return (
    <fieldset className="form-section contract-articles-step">
      <legend>{t('articles.title')}</legend>
      <p className="form-note muted">{t('articles.note')}</p>
      {!validDraft && !clauses ? (
        <p className="contract-invalid" role="status">
          <Icon name="alert" size={16} />
          {t('articles.invalid')}
        </p>
      ) : clauses === null ? (
        <p className="muted">{t('articles.loading')}</p>
      ) : (
        <ol className="contract-articles" aria-busy={key !== debouncedKey}>
          {clauses.map((clause, index) => {
            const number = index + 1;
            const heading = t('articles.article', { number, title: clause.title });
            const at = overrideIndex(clause.id);
            const textId = fieldIdOf(`clauses.overrides.${at >= 0 ? at : overrides.length}.text`);
            const isEditing = editing?.id === clause.id;
            return (
              <li key={clause.id} className="contract-article" data-clause={clause.id}>
                <div className="contract-article-head">
                  <h3 className="contract-article-title">{heading}</h3>
                  {clause.overridden ? (
                    <span className="contract-status-badge rule-secondary">{t('articles.edited')}</span>
                  ) : null}
                  {clause.outdated ? (
                    <span className="contract-status-badge rule-unverified">{t('articles.outdated')}</span>
                  ) : null}
                </div>
                {isEditing ? (
                  <div className="contract-article-editor">
                    <label htmlFor={textId} className="visually-hidden">
                      {t('articles.textLabel', { number, title: clause.title })}
                    </label>
                    <textarea
                      id={textId}
                      lang={draft.language}
                      rows={Math.min(18, Math.max(5, Math.ceil(editing.text.length / 90)))}
                      value={editing.text}
                      aria-invalid={editing.error ? true : undefined}
                      aria-describedby={`${textId}-hint ${textId}-count${editing.error ? ` ${textId}-error` : ''}`}
                      onChange={(event) => setEditing({ ...editing, text: event.target.value, error: null })}
                      autoFocus
                    />
                    <p className="field-hint" id={`${textId}-hint`}>
                      {t('articles.textHint')}
                    </p>
                    <p
                      className={
                        editing.text.length > CLAUSE_MAX_LENGTH
                          ? 'field-error contract-count'
                          : 'contract-count'
                      }
                      id={`${textId}-count`}
                    >
                      {t('articles.count', {
                        count: editing.text.length,
                        length: formatNumber(editing.text.length),
                        max: formatNumber(CLAUSE_MAX_LENGTH),
                      })}
                    </p>
                    {editing.error ? (
                      <p className="field-error" id={`${textId}-error`} role="alert">
                        {editing.error}
                      </p>
                    ) : null}
                    <div className="button-row">
                      <button
                        type="button"
                        className="button button-small button-primary"
                        onClick={() => apply(clause)}
                      >
                        {t('articles.apply')}
                      </button>
                      <button type="button" className="button button-small" onClick={() => setEditing(null)}>
                        {t('articles.cancel')}
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setEditing({ id: clause.id, text: clause.standardText, error: null })}
                      >
                        {t('articles.startFromStandard')}
                      </button>
                    </div>
                  </div>
                ) : (
                  <>
                    <div className="contract-article-text" lang={draft.language}>
                      {clause.text.split('\n').map((paragraph, i) => (
                        <p key={i}>{paragraph}</p>
                      ))}
                    </div>
                    {clause.outdated ? (
                      <div className="contract-article-outdated">
                        <p>{t('articles.outdatedHint')}</p>
                        <details>
                          <summary>{t('articles.showStandard')}</summary>
                          <div className="contract-article-text" lang={draft.language}>
                            {clause.standardText.split('\n').map((paragraph, i) => (
                              <p key={i}>{paragraph}</p>
                            ))}
                          </div>
                        </details>
                      </div>
                    ) : null}
                    {clause.custom ? (
                      <p className="field-hint">{t('articles.custom')}</p>
                    ) : (
                      <div className="button-row">
                        <button
                          type="button"
                          id={at >= 0 ? textId : undefined}
                          className="button button-small"
                          aria-label={t('articles.editLabel', { number, title: clause.title })}
                          onClick={() => setEditing({ id: clause.id, text: clause.text, error: null })}
                        >
                          <Icon name="edit" size={14} />
                          {t('articles.edit')}
                        </button>
                        {clause.outdated ? (
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() =>
                              setOverrides(
                                overrides.map((o) =>
                                  o.id === clause.id ? { ...o, basedOn: clause.standardHash } : o,
                                ),
                              )
                            }
                          >
                            <Icon name="check" size={14} />
                            {t('articles.reviewed')}
                          </button>
                        ) : null}
                        {clause.overridden ? (
                          <button
                            type="button"
                            className="button button-small button-danger-ghost"
                            onClick={() => setOverrides(overrides.filter((o) => o.id !== clause.id))}
                          >
                            <Icon name="retry" size={14} />
                            {t('articles.restore')}
                          </button>
                        ) : null}
                      </div>
                    )}
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {unused.length > 0 ? (
        <div className="contract-articles-unused">
          <h3 className="subheading">{t('articles.unusedTitle')}</h3>
          <p className="form-note muted">{t('articles.unusedNote')}</p>
          <ul>
            {unused.map((o) => (
              <li key={o.id}>
                <code id={fieldIdOf(`clauses.overrides.${overrideIndex(o.id)}.text`)} tabIndex={-1}>
                  {o.id}
                </code>{' '}
                <button
                  type="button"
                  className="button button-small button-danger-ghost"
                  aria-label={t('articles.removeLabel', { id: o.id })}
                  onClick={() => setOverrides(overrides.filter((x) => x.id !== o.id))}
                >
                  <Icon name="trash" size={14} />
                  {t('articles.remove')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </fieldset>
  );
}
