import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIT_COMPONENT_KEYS, type FitWeights } from '../../../../shared/venue-fit';
import { api } from '../../api';
import { toastError } from '../../store/toasts';
import { formatPercent } from './parts';
import { useMatch } from './store';

/** How long the sliders must rest before the weights are saved (one save per drag, not per step). */
const SAVE_DELAY_MS = 400;

type SaveState = 'idle' | 'saving' | 'saved';

/**
 * The weights of the six components as sliders. Each change is saved through `fit.weights.set` once
 * the slider rests; the rankings on screen then ask again (their scores move with the weights).
 */
export function Weights() {
  const { t, i18n } = useTranslation('venueFit');
  const weightsSaved = useMatch((s) => s.weightsSaved);
  const [draft, setDraft] = useState<FitWeights | null>(null);
  const [state, setState] = useState<SaveState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let live = true;
    api.invoke('fit.weights.get', {}).then(
      (view) => live && setDraft(view.weights),
      (error: unknown) => live && toastError(error),
    );
    return () => {
      live = false;
      clearTimeout(timer.current);
    };
  }, []);

  const save = (weights: FitWeights | null, reset: boolean) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => {
        setState('saving');
        api.invoke('fit.weights.set', reset || !weights ? { reset: true } : { weights }).then(
          (view) => {
            if (reset) setDraft(view.weights);
            setState('saved');
            weightsSaved();
          },
          (error: unknown) => {
            setState('idle');
            toastError(error);
          },
        );
      },
      reset ? 0 : SAVE_DELAY_MS,
    );
  };

  if (!draft) return null;
  const total = FIT_COMPONENT_KEYS.reduce((sum, k) => sum + draft[k], 0);
  const allZero = total === 0;

  return (
    <section className="fit-weights card" aria-labelledby="fit-weights-title" data-testid="fit-weights">
      <h2 id="fit-weights-title" className="fit-h3">
        {t('weights.title')}
      </h2>
      <p className="muted fit-weights-lead">{t('weights.lead')}</p>
      {FIT_COMPONENT_KEYS.map((key) => {
        const share = total > 0 ? draft[key] / total : 0;
        const name = t(`components.${key}`);
        return (
          <div key={key} className="fit-weight">
            <label htmlFor={`fit-weight-${key}`} className="fit-weight-name">
              {name}
            </label>
            <span className="fit-weight-share muted">{formatPercent(share, i18n.language)}</span>
            <input
              id={`fit-weight-${key}`}
              type="range"
              min={0}
              max={100}
              step={5}
              value={draft[key]}
              aria-label={t('weights.slider', { name })}
              aria-valuetext={`${draft[key]} — ${t('weights.share', { value: formatPercent(share, i18n.language) })}`}
              onChange={(event) => {
                const next = { ...draft, [key]: Number(event.target.value) };
                setDraft(next);
                setState('idle');
                if (FIT_COMPONENT_KEYS.some((k) => next[k] > 0)) save(next, false);
                else clearTimeout(timer.current);
              }}
            />
          </div>
        );
      })}
      {allZero ? (
        <p className="field-error" role="alert">
          {t('weights.allZero')}
        </p>
      ) : null}
      <div className="fit-weights-foot">
        <button type="button" className="button button-small button-ghost" onClick={() => save(null, true)}>
          {t('weights.reset')}
        </button>
        <span className="muted" role="status" data-testid="fit-weights-status">
          {state === 'saving' ? t('weights.saving') : state === 'saved' ? t('weights.saved') : ''}
        </span>
      </div>
    </section>
  );
}
