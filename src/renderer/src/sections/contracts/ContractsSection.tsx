import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegalRule } from '../../../../shared/legal';
import { api } from '../../api';
import { Icon } from '../../components/icons';
import { toastError } from '../../store/toasts';
import { ContractList } from './ContractList';
import { RulesTable } from './RulesTable';
import { useContractRequest } from './store';
import { ContractWorkspace, type WorkspaceStart } from './Workspace';
import './contracts.css';
import { tabForKey } from '../../lib/tabs';

type Tab = 'list' | 'contract' | 'rules';
const TABS: readonly Tab[] = ['list', 'contract', 'rules'];

/**
 * The Contrats section: the stored contracts, one contract at a time (wizard, preview, signature,
 * versions) and the rules table behind the computations. Tabs follow the WAI-ARIA pattern.
 */
export function ContractsSection() {
  const { t } = useTranslation('legal');
  const [tab, setTab] = useState<Tab>('list');
  const [start, setStart] = useState<{ key: number; value: WorkspaceStart } | null>(null);
  const [contractTitle, setContractTitle] = useState('');
  const [version, setVersion] = useState(0);
  const [rules, setRules] = useState<LegalRule[]>([]);
  const tabsRef = useRef<HTMLDivElement>(null);
  const keyRef = useRef(0);

  const open = (value: WorkspaceStart) => {
    keyRef.current += 1;
    setStart({ key: keyRef.current, value });
    setContractTitle('');
    setTab('contract');
  };

  // Another section asked for a contract on an offer ("Préparer le contrat").
  useEffect(() => {
    const offerId = useContractRequest.getState().take();
    if (offerId) open({ kind: 'new', offerId });
  }, []);

  // The rules table, once: money lines and checklist items cite rules by key.
  useEffect(() => {
    let live = true;
    api.invoke('contracts.rules', {}).then(
      (value) => {
        if (live) setRules(value.rules);
      },
      (error: unknown) => {
        if (live) toastError(error);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const onTabKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const available = TABS.filter((x) => x !== 'contract' || start);
    const target = tabForKey(event.key, available, tab);
    if (!target) return;
    event.preventDefault();
    setTab(target);
    requestAnimationFrame(() =>
      tabsRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus(),
    );
  };

  const tabLabel = (x: Tab) =>
    x === 'list' ? t('tabs.list') : x === 'rules' ? t('tabs.rules') : contractTitle || t('tabs.contract');
  const tabIcon = (x: Tab) => (x === 'list' ? 'list' : x === 'rules' ? 'info' : 'contracts');
  const tabId = (x: Tab) => `contracts-tab-${x}`;

  return (
    <section className="section contracts-section" aria-labelledby="contracts-heading">
      <header className="section-header">
        <div className="section-heading">
          <h1 id="contracts-heading" tabIndex={-1}>
            {t('title')}
          </h1>
        </div>
        <div className="toolbar">
          <button
            type="button"
            className="button button-primary"
            onClick={() => open({ kind: 'new', offerId: null })}
          >
            <Icon name="plus" size={16} />
            {t('list.new')}
          </button>
        </div>
      </header>

      <div
        className="tabs"
        role="tablist"
        aria-label={t('tabs.label')}
        ref={tabsRef}
        onKeyDown={onTabKeyDown}
      >
        {TABS.map((x) =>
          x === 'contract' && !start ? null : (
            <button
              key={x}
              type="button"
              role="tab"
              id={tabId(x)}
              aria-selected={tab === x}
              aria-controls={tab === x ? 'contracts-panel' : undefined}
              tabIndex={tab === x ? 0 : -1}
              className={x === 'contract' ? 'tab tab-offer' : 'tab'}
              onClick={() => setTab(x)}
            >
              <Icon name={tabIcon(x)} size={16} />
              <span className="tab-text">{tabLabel(x)}</span>
            </button>
          ),
        )}
      </div>

      <div role="tabpanel" id="contracts-panel" aria-labelledby={tabId(tab)} className="tab-panel">
        {tab === 'list' ? (
          <ContractList
            version={version}
            onOpen={(id) => open({ kind: 'open', id })}
            onNew={() => open({ kind: 'new', offerId: null })}
          />
        ) : null}
        {/* The contract stays mounted behind the other tabs, so nothing typed is lost. */}
        {start ? (
          <div hidden={tab !== 'contract'}>
            <ContractWorkspace
              key={start.key}
              start={start.value}
              rules={rules}
              onStored={(title) => {
                setContractTitle(title);
                setVersion((n) => n + 1);
              }}
            />
          </div>
        ) : null}
        {tab === 'rules' ? <RulesTable /> : null}
      </div>
    </section>
  );
}
