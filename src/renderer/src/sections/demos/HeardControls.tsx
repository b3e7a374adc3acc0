import {
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { keyName, type AudioAnalysis } from '../../../../shared/audio';
import {
  HEARD_BPM_MAX,
  HEARD_BPM_MIN,
  type DemoAccuracy,
  type DemoSummary,
  type DemosCorrectInput,
  type HeardKey,
} from '../../../../shared/demos';
import { Icon } from '../../components/icons';
import { formatDateTime } from '../../lib/format';
import { lang, num, percent, type DemosT } from './format';
import {
  ALL_KEYS,
  accuracyText,
  keyState,
  keyValue,
  measuredKey,
  parseBpm,
  parseKeyValue,
  relationOf,
  relativeKey,
  sameKey,
  tempoChoices,
  tempoState,
  type HeardState,
} from './heard';
import { useDemos } from './store';

// What the booker heard, on the card of a finished demo: the tempo and key they confirm or correct
// in one or two clicks, shown instead of the measured ones (which stay visible, small, beside).
// Every control is a real button (or a select) with a French label; each one calls `demos.correct`
// through the store, and the card redraws from the demo it returns.

type Correction = Omit<DemosCorrectInput, 'id'>;

/**
 * Sends one correction at a time for a demo: a second click while the first is on its way is
 * ignored rather than queued (the buttons stay enabled, so the keyboard focus never drops).
 */
function useCorrect(demoId: string) {
  const correct = useDemos((state) => state.correct);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const send = async (patch: Correction): Promise<boolean> => {
    if (busyRef.current) return false;
    busyRef.current = true;
    setBusy(true);
    try {
      return await correct({ id: demoId, ...patch });
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };
  return { busy, send };
}

/** « Corrigé » / « Vérifié »: the booker's value is on show, the tooltip says against what. */
function HeardBadge({ state, label, hint }: { state: HeardState; label: string; hint: string }) {
  if (!state) return null;
  return (
    <span className={`demo-heard-badge demo-heard-${state}`} title={hint} data-testid="demo-heard-badge">
      <Icon name="check" size={12} />
      {label}
    </span>
  );
}

/** The big figure of a tile, its badge and the measured value beside it when the booker set one. */
function Reading({
  figure,
  testId,
  badge,
  measured,
  measuredTestId,
}: {
  figure: string;
  testId: string;
  badge: ReactNode;
  measured: string | null;
  measuredTestId: string;
}) {
  return (
    <div className="demo-figure-row">
      <p className="demo-figure" data-testid={testId}>
        {figure}
      </p>
      {badge}
      {measured !== null ? (
        <span className="demo-measured" data-testid={measuredTestId}>
          {measured}
        </span>
      ) : null}
    </div>
  );
}

/** A one-click correction: pressed when it is what the booker set; pressing it again clears it. */
function ChoiceButton({
  pressed,
  label,
  title,
  onClick,
  children,
  disabled,
}: {
  pressed: boolean;
  label: string;
  title?: string;
  onClick: () => void;
  children: ReactNode;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className="demo-heard-button"
      aria-pressed={pressed}
      aria-label={label}
      title={title ?? label}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** The typed tempo: Enter saves (when valid), Escape or Annuler closes without saving. */
function BpmEditor({
  t,
  initial,
  onSave,
  onClose,
}: {
  t: DemosT;
  initial: number | null;
  onSave: (bpm: number) => Promise<boolean>;
  onClose: () => void;
}) {
  const [text, setText] = useState(initial === null ? '' : num(initial, 1));
  const [invalid, setInvalid] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const messageId = useId();

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const bpm = parseBpm(text);
    if (bpm === null) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    if (await onSave(bpm)) onClose();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <form className="demo-heard-edit" onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor={inputId} className="visually-hidden">
        {t('heard.bpmInput')}
      </label>
      <input
        id={inputId}
        ref={input}
        className="demo-heard-input"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={text}
        placeholder={t('heard.bpmPlaceholder')}
        aria-invalid={invalid || undefined}
        aria-describedby={messageId}
        onChange={(event) => {
          setText(event.target.value);
          setInvalid(false);
        }}
        onKeyDown={onKeyDown}
      />
      <span className="demo-heard-unit" aria-hidden="true">
        BPM
      </span>
      <button type="submit" className="button button-small button-primary">
        {t('heard.save')}
      </button>
      <button type="button" className="button button-small" onClick={onClose}>
        {t('heard.cancel')}
      </button>
      <p
        id={messageId}
        className={invalid ? 'demo-heard-message demo-heard-invalid' : 'demo-heard-message'}
        role={invalid ? 'alert' : undefined}
      >
        {invalid ? t('heard.bpmInvalid', { min: HEARD_BPM_MIN, max: HEARD_BPM_MAX }) : t('heard.bpmHelp')}
      </p>
    </form>
  );
}

/** Moves the focus to the first control of a group once a button that had it goes away. */
function focusFirst(group: HTMLElement | null): void {
  requestAnimationFrame(() => group?.querySelector<HTMLElement>('button, select')?.focus());
}

/** The tempo tile's figure: the heard tempo when set (badge, measured beside), else the measured one. */
export function TempoReading({ demo, result }: { demo: DemoSummary; result: AudioAnalysis }) {
  const { t } = useTranslation('demos');
  const heard = demo.heard?.bpm ?? null;
  const measured = result.bpm;
  const state = tempoState(demo.heard, measured);
  const measuredText = measured === null ? t('card.notMeasured') : num(measured, 1);
  const date = demo.heard ? t('heard.heardHint', { date: formatDateTime(demo.heard.at) }) : '';
  const hint =
    state === 'confirmed'
      ? `${t('heard.tempoConfirmedHint')} ${date}`
      : `${t('heard.tempoCorrectedHint', { measured: measured === null ? t('card.notMeasured') : t('card.bpm', { value: measuredText }) })} ${date}`;
  if (heard === null && measured === null) {
    return <p className="demo-figure demo-figure-missing">{t('card.notMeasured')}</p>;
  }
  return (
    <Reading
      figure={t('card.bpm', { value: num(heard ?? (measured as number), 1) })}
      testId="demo-bpm"
      badge={
        <HeardBadge
          state={state}
          label={state === 'confirmed' ? t('heard.tempoConfirmed') : t('heard.tempoCorrected')}
          hint={hint}
        />
      }
      measured={heard !== null ? t('heard.measuredTempo', { value: measuredText }) : null}
      measuredTestId="demo-bpm-measured"
    />
  );
}

/** « Juste », « ×2 », « ÷2 », the other reading, « Autre… », « Rétablir ». */
export function TempoControls({ demo, result }: { demo: DemoSummary; result: AudioAnalysis }) {
  const { t } = useTranslation('demos');
  const { busy, send } = useCorrect(demo.id);
  const [editing, setEditing] = useState(false);
  const group = useRef<HTMLDivElement>(null);
  const otherButton = useRef<HTMLButtonElement>(null);
  const heard = demo.heard?.bpm ?? null;
  const measured = result.bpm;
  const choices = measured === null ? null : tempoChoices(measured, result.bpmAlternative);
  const outOfRange = t('heard.outOfRange', { min: HEARD_BPM_MIN, max: HEARD_BPM_MAX });

  const setBpm = async (bpm: number | null) => {
    const ok = await send({ bpm });
    if (ok && bpm === null) focusFirst(group.current);
    return ok;
  };
  // Stored to 0.1 BPM, so a choice is "the heard one" when it rounds to the same tenth.
  const isHeard = (bpm: number | null) => heard !== null && bpm !== null && Math.abs(heard - bpm) < 0.05;
  /** A pressed choice clears the tempo; any other sets it. */
  const choose = (bpm: number) => void setBpm(isHeard(bpm) ? null : bpm);

  return (
    <div className="demo-heard" aria-busy={busy || undefined}>
      <div className="demo-heard-controls" role="group" aria-label={t('heard.tempoGroup')} ref={group}>
        {choices ? (
          <>
            <ChoiceButton
              pressed={isHeard(choices.confirm)}
              label={t('heard.confirmTempoLabel', { value: num(choices.confirm, 1) })}
              onClick={() => choose(choices.confirm)}
            >
              {t('heard.confirm')}
            </ChoiceButton>
            {(['double', 'half'] as const).map((which) => {
              const bpm = choices[which];
              return (
                <ChoiceButton
                  key={which}
                  pressed={isHeard(bpm)}
                  label={
                    bpm === null
                      ? `${t(`heard.${which}`)} : ${outOfRange}`
                      : t(`heard.${which}Label`, { value: num(bpm, 1) })
                  }
                  disabled={bpm === null}
                  onClick={() => bpm !== null && choose(bpm)}
                >
                  {t(`heard.${which}`)}
                </ChoiceButton>
              );
            })}
            {choices.alternative !== null && measured !== null ? (
              <ChoiceButton
                pressed={isHeard(choices.alternative)}
                label={t('heard.alternativeLabel', {
                  value: num(choices.alternative, 1),
                  relation: t(`card.relation.${relationOf(measured, choices.alternative)}`),
                })}
                onClick={() => choices.alternative !== null && choose(choices.alternative)}
              >
                {t('heard.alternative', { value: num(choices.alternative, 1) })}
              </ChoiceButton>
            ) : null}
          </>
        ) : null}
        <button
          type="button"
          ref={otherButton}
          className="demo-heard-button"
          aria-expanded={editing}
          aria-label={t('heard.otherTempoLabel')}
          title={t('heard.otherTempoLabel')}
          onClick={() => setEditing((open) => !open)}
        >
          {t('heard.other')}
        </button>
        {heard !== null ? (
          <button
            type="button"
            className="demo-heard-button demo-heard-reset"
            aria-label={t('heard.resetTempoLabel')}
            title={t('heard.resetTempoLabel')}
            onClick={() => void setBpm(null)}
          >
            <Icon name="retry" size={12} />
            {t('heard.reset')}
          </button>
        ) : null}
      </div>
      {editing ? (
        <BpmEditor
          t={t}
          initial={heard ?? measured}
          onSave={(bpm) => setBpm(bpm)}
          onClose={() => {
            setEditing(false);
            requestAnimationFrame(() => otherButton.current?.focus());
          }}
        />
      ) : null}
    </div>
  );
}

/** The key tile's figure: the heard key when set (badge, measured beside), else the measured one. */
export function KeyReading({ demo, result }: { demo: DemoSummary; result: AudioAnalysis }) {
  const { t } = useTranslation('demos');
  const language = lang();
  const heard = demo.heard?.key ?? null;
  const measured = measuredKey(result);
  const state = keyState(demo.heard, measured);
  const measuredText = measured ? keyName(measured.key, measured.mode, language) : t('card.notMeasured');
  const date = demo.heard ? t('heard.heardHint', { date: formatDateTime(demo.heard.at) }) : '';
  const hint =
    state === 'confirmed'
      ? `${t('heard.keyConfirmedHint')} ${date}`
      : `${t('heard.keyCorrectedHint', { measured: measuredText })} ${date}`;
  const shown = heard ?? measured;
  if (!shown) return <p className="demo-figure demo-figure-missing">{t('card.notMeasured')}</p>;
  return (
    <Reading
      figure={keyName(shown.key, shown.mode, language)}
      testId="demo-key"
      badge={
        <HeardBadge
          state={state}
          label={state === 'confirmed' ? t('heard.keyConfirmed') : t('heard.keyCorrected')}
          hint={hint}
        />
      }
      measured={heard ? t('heard.measuredKey', { value: measuredText }) : null}
      measuredTestId="demo-key-measured"
    />
  );
}

/** « Juste », the runner-up, « Relative », a select of the 24 keys, « Rétablir ». */
export function KeyControls({ demo, result }: { demo: DemoSummary; result: AudioAnalysis }) {
  const { t } = useTranslation('demos');
  const language = lang();
  const { busy, send } = useCorrect(demo.id);
  const group = useRef<HTMLDivElement>(null);
  const heard = demo.heard?.key ?? null;
  const measured = measuredKey(result);
  const relative = measured ? relativeKey(measured) : null;
  // The runner-up is very often the relative key: one button for it is enough.
  const runnerUp =
    result.keyRunnerUp &&
    !(measured && sameKey(result.keyRunnerUp, measured)) &&
    !(relative && sameKey(result.keyRunnerUp, relative))
      ? result.keyRunnerUp
      : null;
  const name = (key: HeardKey) => keyName(key.key, key.mode, language);
  const isHeard = (key: HeardKey) => heard !== null && sameKey(heard, key);

  const setKey = async (key: HeardKey | null) => {
    const ok = await send({ key });
    if (ok && key === null) focusFirst(group.current);
    return ok;
  };
  const choose = (key: HeardKey) => void setKey(isHeard(key) ? null : key);

  return (
    <div className="demo-heard" aria-busy={busy || undefined}>
      <div className="demo-heard-controls" role="group" aria-label={t('heard.keyGroup')} ref={group}>
        {measured && relative ? (
          <>
            <ChoiceButton
              pressed={isHeard(measured)}
              label={t('heard.confirmKeyLabel', { key: name(measured) })}
              onClick={() => choose(measured)}
            >
              {t('heard.confirm')}
            </ChoiceButton>
            {runnerUp ? (
              <ChoiceButton
                pressed={isHeard(runnerUp)}
                label={t('heard.runnerUpLabel', { key: name(runnerUp) })}
                onClick={() => choose(runnerUp)}
              >
                {name(runnerUp)}
              </ChoiceButton>
            ) : null}
            <ChoiceButton
              pressed={isHeard(relative)}
              label={t('heard.relativeLabel', { key: name(relative) })}
              onClick={() => choose(relative)}
            >
              {t('heard.relative')}
            </ChoiceButton>
          </>
        ) : null}
        <select
          className="demo-heard-select"
          aria-label={t('heard.keySelect')}
          title={t('heard.keySelect')}
          value={heard ? keyValue(heard) : ''}
          onChange={(event) => {
            const key = parseKeyValue(event.target.value);
            if (key) void setKey(key);
          }}
        >
          <option value="">{t('heard.keySelectPlaceholder')}</option>
          {(['major', 'minor'] as const).map((mode) => (
            <optgroup key={mode} label={t(`heard.${mode}`)}>
              {ALL_KEYS.filter((key) => key.mode === mode).map((key) => (
                <option key={keyValue(key)} value={keyValue(key)}>
                  {name(key)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {heard ? (
          <button
            type="button"
            className="demo-heard-button demo-heard-reset"
            aria-label={t('heard.resetKeyLabel')}
            title={t('heard.resetKeyLabel')}
            onClick={() => void setKey(null)}
          >
            <Icon name="retry" size={12} />
            {t('heard.reset')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * « Sur vos 12 démos vérifiées : tempo juste 83 % … » above the list, with what it measures in its
 * tooltip; nothing until the booker has confirmed or corrected a demo analysed by this version.
 */
export function AccuracyLine({ accuracy }: { accuracy: DemoAccuracy | null }) {
  const { t } = useTranslation('demos');
  const [open, setOpen] = useState(false);
  const hintId = useId();
  if (!accuracy) return null;
  const text = accuracyText(t, accuracy, { percent, decimal: num });
  if (!text) return null;
  const hint = t('accuracy.hint', { version: accuracy.analysisVersion });
  return (
    <div className="demo-accuracy" data-testid="demo-accuracy">
      <p className="demo-accuracy-line" title={hint}>
        <span data-testid="demo-accuracy-text">{text}</span>
        <button
          type="button"
          className="demo-accuracy-info"
          aria-label={t('accuracy.label')}
          aria-expanded={open}
          aria-controls={hintId}
          title={hint}
          onClick={() => setOpen((value) => !value)}
        >
          <Icon name="info" size={14} />
        </button>
      </p>
      <p id={hintId} className="demo-accuracy-hint" hidden={!open}>
        {hint}
      </p>
    </div>
  );
}
