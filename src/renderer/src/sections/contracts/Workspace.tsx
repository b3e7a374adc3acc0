import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ContractDraft,
  type ChecklistResult,
  type ContractDetail,
  type ContractDocument,
  type ContractPreview,
  type LegalRule,
} from '../../../../shared/legal';
import { api } from '../../api';
import { Icon } from '../../components/icons';
import { currentLanguage } from '../../i18n';
import { useDebounced } from '../../lib/hooks';
import { today } from '../../lib/money';
import { toastError, toastSuccess } from '../../store/toasts';
import { DraftContext, type DraftBinding } from './bind';
import { Checklist, MoneyTable } from './Checks';
import { ClausesStep } from './ClausesStep';
import {
  ContractStatusChip,
  PreviewPanel,
  VersionsPanel,
  base64ToBlob,
  downloadDocument,
  type ShownDocument,
  type ShownPreview,
} from './Documents';
import { AnnexesStep, MoneyStep, PartiesStep, ShowStep } from './FormSteps';
import { blankDraft, fieldIdOf, FORM_STEPS, setIn, stepOfPath, STEPS, type Step } from './model';
import { AuditTrail, SigningPanel } from './Signing';
import { TypeStep } from './TypeStep';

export type WorkspaceStart = { kind: 'new'; offerId: string | null } | { kind: 'open'; id: string };

const CHECKLIST_DEBOUNCE_MS = 300;
/** The live preview re-renders once typing pauses (a render takes a few hundred ms at most). */
const PREVIEW_DEBOUNCE_MS = 700;

/** Messages of the schema's own rules, by the path they concern, in the booker's language. */
const KNOWN_MESSAGES: readonly [RegExp, string][] = [
  [/^showTitle$/, 'showTitle'],
  [/^performers$/, 'performers'],
  [/^performers\.\d+\.name$/, 'performerName'],
  [/^performers\.\d+\.residenceCountry$/, 'country'],
  [/^kind$/, 'kind'],
  [/^guso$/, 'guso'],
  [/^money\.producerPercentage$/, 'producerPercentage'],
  [/^money\.currency$/, 'currency'],
  [/^money\.ticketPrices\.\d+\.label$/, 'ticketLabel'],
  [/^clauses\.custom\.\d+\.title$/, 'clauseTitle'],
  [/^clauses\.custom\.\d+\.text$/, 'clauseText'],
  [/^performance\.date$|\.birthDate$/, 'date'],
  [/Time$/, 'time'],
  [/address\.country$/, 'country'],
  [/email$/, 'email'],
];

interface WorkspaceProps {
  start: WorkspaceStart;
  rules: readonly LegalRule[];
  /** A version was stored (the list and the tab title follow). */
  onStored(summaryTitle: string): void;
}

/**
 * One contract: the wizard that edits its draft (with the live checklist and money lines beside it),
 * the text of its articles, the live preview of the draft (rendered, not stored) or of a stored
 * version, the signature and the versions. "Générer" stores a new version; the draft being edited is
 * compared with the latest version's to say when they differ.
 */
export function ContractWorkspace({ start, rules, onStored }: WorkspaceProps) {
  const { t } = useTranslation('legal');
  const language = currentLanguage();
  const [draft, setDraft] = useState<ContractDraft>(() => blankDraft('FR', 'cession', language, today()));
  const [prefilled, setPrefilled] = useState<ReadonlySet<string>>(new Set());
  const [offerId, setOfferId] = useState<string | null>(start.kind === 'new' ? start.offerId : null);
  const [detail, setDetail] = useState<ContractDetail | null>(null);
  const [shown, setShownState] = useState<ShownDocument | null>(null);
  const shownUrl = useRef<string | null>(null);
  const [step, setStep] = useState<Step>('type');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [checklist, setChecklist] = useState<{ key: string; value: ChecklistResult } | null>(null);
  const [loading, setLoading] = useState(
    start.kind === 'open' || Boolean(start.kind === 'new' && start.offerId),
  );
  const [busy, setBusy] = useState(false);
  const [pdfLoading, setPdfLoading] = useState(false);
  const [previewMode, setPreviewMode] = useState<'live' | 'stored'>(
    start.kind === 'open' ? 'stored' : 'live',
  );
  const [live, setLiveState] = useState<(ShownPreview & { key: string }) | null>(null);
  const liveUrl = useRef<string | null>(null);
  /** Bumped by "Actualiser": the same draft is rendered again. */
  const [refreshCount, setRefreshCount] = useState(0);
  const [failedToken, setFailedToken] = useState<string | null>(null);
  const focusPath = useRef<string | null>(null);
  const stepsRef = useRef<HTMLOListElement>(null);

  const contractId = detail?.id ?? null;

  /** Puts a document on screen: its PDF gets a blob: URL, the previous one is released. */
  const setShown = useCallback((document: ContractDocument) => {
    if (shownUrl.current) URL.revokeObjectURL(shownUrl.current);
    const url = URL.createObjectURL(base64ToBlob(document.base64, 'application/pdf'));
    shownUrl.current = url;
    setShownState({ document, url });
  }, []);
  const setLive = useCallback((key: string, preview: ContractPreview) => {
    if (liveUrl.current) URL.revokeObjectURL(liveUrl.current);
    const url = URL.createObjectURL(base64ToBlob(preview.base64, 'application/pdf'));
    liveUrl.current = url;
    setLiveState({ key, preview, url });
  }, []);
  useEffect(
    () => () => {
      if (shownUrl.current) URL.revokeObjectURL(shownUrl.current);
      shownUrl.current = null;
      if (liveUrl.current) URL.revokeObjectURL(liveUrl.current);
      liveUrl.current = null;
    },
    [],
  );

  // ---- Loading: an existing contract, or a draft pre-filled from an offer ----
  const prefill = useCallback(
    async (id: string) => {
      setBusy(true);
      try {
        const value = await api.invoke('contracts.fromOffer', { offerId: id, language: currentLanguage() });
        setDraft(value.draft);
        setPrefilled(new Set(value.prefilled));
        setOfferId(id);
        setLocalErrors({});
        toastSuccess(t('wizard.prefilled', { count: value.prefilled.length }));
      } catch (error) {
        toastError(error);
      } finally {
        setBusy(false);
        setLoading(false);
      }
    },
    [t],
  );

  const reload = useCallback(async (id: string) => {
    const value = await api.invoke('contracts.get', { id });
    setDetail(value);
    return value;
  }, []);

  const started = useRef(false);
  useEffect(() => {
    // Once per workspace (StrictMode runs mount effects twice; the pre-fill would toast twice).
    if (started.current) return;
    started.current = true;
    if (start.kind === 'open') {
      api.invoke('contracts.get', { id: start.id }).then(
        (value) => {
          setDetail(value);
          setDraft(value.draft);
          setOfferId(value.offerId);
          setStep('preview');
          setLoading(false);
        },
        (error: unknown) => {
          setLoading(false);
          toastError(error);
        },
      );
    } else if (start.offerId) {
      const offer = start.offerId;
      // Deferred so the pre-fill's state changes land from a callback, not the effect body.
      queueMicrotask(() => void prefill(offer));
    }
    // Only the start decides what to load; a new start remounts the workspace (key).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // ---- Validation (local, immediate) and the checklist (the back end, debounced) ----
  const parsed = useMemo(() => ContractDraft.safeParse(draft), [draft]);
  const schemaErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    if (parsed.success) return errors;
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      if (errors[path]) continue;
      const known = KNOWN_MESSAGES.find(([pattern]) => pattern.test(path));
      errors[path] = known
        ? t(`validation.fields.${known[1]}` as 'validation.fields.showTitle')
        : issue.message;
    }
    return errors;
  }, [parsed, t]);
  const errors = useMemo(() => ({ ...schemaErrors, ...localErrors }), [schemaErrors, localErrors]);
  const errorCount = Object.keys(errors).length;

  const draftKey = parsed.success ? JSON.stringify(parsed.data) : null;
  const debouncedKey = useDebounced(draftKey, CHECKLIST_DEBOUNCE_MS);
  useEffect(() => {
    if (!debouncedKey) return;
    let live = true;
    api.invoke('contracts.checklist', { draft: JSON.parse(debouncedKey) as ContractDraft }).then(
      (value) => {
        if (live) setChecklist({ key: debouncedKey, value });
      },
      (error: unknown) => {
        if (live) toastError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [debouncedKey]);
  const checklistCurrent = checklist !== null && checklist.key === draftKey;
  const blocking = checklist?.value.blocking ?? 0;

  // ---- The live preview: the draft rendered by the back end, nothing stored ----
  const previewKey = useDebounced(draftKey, PREVIEW_DEBOUNCE_MS);
  const liveWanted = step === 'preview' && previewMode === 'live' && previewKey !== null;
  // A render is asked for once per (draft, refresh): the token says which one is on screen.
  const liveToken = previewKey === null ? null : `${refreshCount}:${previewKey}`;
  const liveShownToken = live?.key ?? null;
  useEffect(() => {
    if (!liveWanted || !liveToken || !previewKey || liveShownToken === liveToken) return;
    let current = true;
    api
      .invoke('contracts.preview', {
        ...(contractId ? { id: contractId } : {}),
        ...(!contractId && offerId ? { offerId } : {}),
        draft: JSON.parse(previewKey) as ContractDraft,
      })
      .then(
        (preview) => {
          if (current) setLive(liveToken, preview);
        },
        (error: unknown) => {
          if (!current) return;
          setFailedToken(liveToken);
          toastError(error);
        },
      );
    return () => {
      current = false;
    };
  }, [liveWanted, liveToken, liveShownToken, previewKey, contractId, offerId, setLive]);
  const liveBusy =
    liveWanted && liveToken !== liveShownToken && liveToken !== failedToken
      ? true
      : draftKey !== null && draftKey !== previewKey;

  const savedKey = useMemo(() => (detail ? JSON.stringify(detail.draft) : null), [detail]);
  const stale = detail !== null && draftKey !== savedKey;

  const generateReason =
    !parsed.success || Object.keys(localErrors).length
      ? t('wizard.reasonInvalid', { count: errorCount })
      : !checklistCurrent
        ? t('wizard.reasonChecking')
        : blocking > 0
          ? t('wizard.reasonBlocking', { count: blocking })
          : '';

  // ---- Actions ----
  const generate = async () => {
    if (!parsed.success || generateReason) return;
    setBusy(true);
    try {
      const document = await api.invoke('contracts.generate', {
        ...(contractId ? { id: contractId } : {}),
        ...(!contractId && offerId ? { offerId } : {}),
        draft: parsed.data,
      });
      setShown(document);
      setPreviewMode('stored');
      await reload(document.contract.id);
      setStep('preview');
      onStored(document.contract.title);
      toastSuccess(t('wizard.generated', { version: document.version }));
    } catch (error) {
      toastError(error);
    } finally {
      setBusy(false);
    }
  };

  const openVersion = async (version: number, then?: (document: ContractDocument) => void) => {
    if (!contractId) return;
    setPdfLoading(true);
    try {
      const document = await api.invoke('contracts.pdf', { id: contractId, version });
      setShown(document);
      setPreviewMode('stored');
      then?.(document);
    } catch (error) {
      toastError(error);
    } finally {
      setPdfLoading(false);
    }
  };

  // The preview of an opened contract shows its latest version once asked for.
  const latestVersion = detail?.versions[detail.versions.length - 1]?.version ?? null;
  const autoLoad =
    step === 'preview' && previewMode === 'stored' && !shown && contractId !== null && latestVersion !== null;
  useEffect(() => {
    if (!autoLoad || !contractId || latestVersion === null) return;
    let live = true;
    api.invoke('contracts.pdf', { id: contractId, version: latestVersion }).then(
      (document) => {
        if (live) setShown(document);
      },
      (error: unknown) => {
        if (live) toastError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [autoLoad, contractId, latestVersion, setShown]);

  const onSigned = async (document: ContractDocument) => {
    setShown(document);
    setPreviewMode('stored');
    if (contractId) await reload(contractId).catch(toastError);
    onStored(document.contract.title);
  };

  const goTo = (next: Step, path?: string) => {
    focusPath.current = path ?? null;
    setStep(next);
    if (!path)
      requestAnimationFrame(() =>
        stepsRef.current?.querySelector<HTMLElement>('[aria-current="step"]')?.focus(),
      );
  };

  useEffect(() => {
    const path = focusPath.current;
    if (!path) return;
    focusPath.current = null;
    requestAnimationFrame(() => {
      const id = fieldIdOf(path);
      const target =
        document.getElementById(id) ??
        document.querySelector<HTMLElement>(`[id^="${id}-"]:is(input, select, textarea)`) ??
        document.querySelector<HTMLElement>(`[name="${id}"]`);
      target?.scrollIntoView({ block: 'center' });
      target?.focus();
    });
  }, [step]);

  const binding: DraftBinding = useMemo(
    () => ({
      draft,
      update: (path, value) => setDraft((current) => setIn(current, path, value)),
      errors,
      prefilled,
      setLocalError: (path, message) =>
        setLocalErrors((current) => {
          if (message === null) {
            if (!(path in current)) return current;
            const next = { ...current };
            delete next[path];
            return next;
          }
          return current[path] === message ? current : { ...current, [path]: message };
        }),
    }),
    [draft, errors, prefilled],
  );

  if (loading) return <p className="muted panel-hint">{t('common.loading')}</p>;

  const stepEnabled = (s: Step) => (FORM_STEPS.includes(s) || s === 'preview' ? true : contractId !== null);
  const stepIndex = STEPS.indexOf(step);
  const nextStep = STEPS[stepIndex + 1];
  const previousStep = STEPS[stepIndex - 1];
  const title = detail
    ? detail.title
    : draft.showTitle
      ? t('wizard.newTitleFor', { show: draft.showTitle })
      : t('wizard.newTitle');

  const checklistCard = (
    <Checklist
      items={checklist?.value.items ?? null}
      pending={!checklistCurrent && parsed.success}
      invalidReason={!parsed.success ? t('wizard.invalidDraft', { count: errorCount }) : null}
      onFix={(path) => goTo(stepOfPath(path), path)}
    />
  );

  const formStep = (() => {
    switch (step) {
      case 'type':
        return (
          <TypeStep
            offerId={offerId}
            stored={contractId !== null}
            busy={busy}
            onPrefill={(id) => void prefill(id)}
            onBlank={() => {
              setDraft(blankDraft(draft.country, draft.kind, draft.language, today()));
              setPrefilled(new Set());
              setOfferId(null);
              setLocalErrors({});
            }}
          />
        );
      case 'parties':
        return <PartiesStep />;
      case 'show':
        return <ShowStep />;
      case 'money':
        return <MoneyStep />;
      case 'annexes':
        return <AnnexesStep />;
      case 'clauses':
        return <ClausesStep validDraft={parsed.success ? parsed.data : null} />;
      default:
        return null;
    }
  })();

  return (
    <DraftContext.Provider value={binding}>
      <article className="contract-workspace" aria-labelledby="contract-title">
        <header className="offer-header contract-header">
          <div>
            <h2 className="panel-title" id="contract-title" tabIndex={-1}>
              {title}
            </h2>
            <p className="offer-meta">
              {detail ? (
                <ContractStatusChip status={detail.status} />
              ) : (
                <span className="status-chip">{t('status.new')}</span>
              )}
              <span>{t(`kinds.${draft.country}.${draft.kind}.label`)}</span>
              <span className="muted">{t(`countries.${draft.country}`)}</span>
              {detail && latestVersion !== null ? (
                <span className="muted">{t('wizard.latestVersion', { version: latestVersion })}</span>
              ) : null}
              {stale ? <span className="contract-stale">{t('wizard.stale')}</span> : null}
            </p>
          </div>
          <div className="contract-generate">
            <button
              type="button"
              className="button button-primary"
              disabled={busy || generateReason !== ''}
              aria-busy={busy}
              aria-describedby={generateReason ? 'contract-generate-reason' : undefined}
              onClick={() => void generate()}
            >
              <Icon name="file" size={16} />
              {busy
                ? t('wizard.generating')
                : contractId
                  ? t('wizard.generateVersion')
                  : t('wizard.generate')}
            </button>
            {generateReason ? (
              <p id="contract-generate-reason" className="contract-reason" data-testid="generate-reason">
                {generateReason}
              </p>
            ) : null}
          </div>
        </header>

        <nav aria-label={t('wizard.stepsLabel')}>
          <ol className="contract-steps" ref={stepsRef}>
            {STEPS.map((s, index) => (
              <li key={s}>
                <button
                  type="button"
                  className="contract-step"
                  aria-current={s === step ? 'step' : undefined}
                  disabled={!stepEnabled(s)}
                  onClick={() => goTo(s)}
                >
                  <span className="contract-step-number" aria-hidden="true">
                    {index + 1}
                  </span>
                  {t(`steps.${s}`)}
                </button>
              </li>
            ))}
          </ol>
        </nav>

        {FORM_STEPS.includes(step) ? (
          <div className="contract-columns">
            <form
              className="contract-form"
              id="contract-form"
              noValidate
              aria-label={t(`steps.${step}`)}
              onSubmit={(event) => event.preventDefault()}
            >
              {formStep}
              <div className="contract-nav">
                {previousStep ? (
                  <button type="button" className="button" onClick={() => goTo(previousStep)}>
                    {t('wizard.previous')}
                  </button>
                ) : (
                  <span />
                )}
                {nextStep ? (
                  <button
                    type="button"
                    className="button"
                    onClick={() => goTo(nextStep)}
                    disabled={!stepEnabled(nextStep)}
                  >
                    {t('wizard.next', { step: t(`steps.${nextStep}`) })}
                  </button>
                ) : null}
              </div>
            </form>
            <aside className="contract-side" aria-label={t('wizard.sideLabel')}>
              {checklistCard}
              <section className="card" aria-labelledby="contract-side-money">
                <h2 id="contract-side-money">{t('money.linesTitle')}</h2>
                <MoneyTable lines={checklist?.value.money ?? null} rules={rules} compact />
              </section>
            </aside>
          </div>
        ) : null}

        {step === 'preview' ? (
          <PreviewPanel
            mode={previewMode}
            live={live}
            liveUpdating={liveBusy}
            liveInvalid={!parsed.success}
            shown={shown}
            storedLoading={pdfLoading || autoLoad}
            hasVersions={latestVersion !== null}
            rules={rules}
            onRefresh={() => setRefreshCount((n) => n + 1)}
            onShowLive={() => setPreviewMode('live')}
            onShowLatest={() => {
              if (latestVersion === null) return;
              if (shown?.document.version === latestVersion) setPreviewMode('stored');
              else void openVersion(latestVersion);
            }}
          />
        ) : null}

        {step === 'signature' && detail ? (
          <div className="contract-columns">
            <SigningPanel
              key={`${detail.id}-${latestVersion ?? 0}`}
              detail={detail}
              blocking={
                !stale && checklistCurrent
                  ? blocking
                  : (detail.versions[detail.versions.length - 1]?.blocking ?? 0)
              }
              stale={stale}
              onSigned={(document) => void onSigned(document)}
            />
            <aside className="contract-side" aria-label={t('wizard.sideLabel')}>
              {checklistCard}
            </aside>
          </div>
        ) : null}

        {step === 'versions' && detail ? (
          <div className="contract-stack">
            <VersionsPanel
              versions={detail.versions}
              shownVersion={shown?.document.version ?? null}
              onOpen={(version) => void openVersion(version, () => setStep('preview'))}
              onDownload={(version) =>
                void openVersion(version, (document) =>
                  downloadDocument(document, t('preview.downloaded', { filename: document.filename })),
                )
              }
            />
            <AuditTrail audit={detail.audit} />
          </div>
        ) : null}
      </article>
    </DraftContext.Provider>
  );
}
