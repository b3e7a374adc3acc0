import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/contract';
import type { Language } from '../../../shared/domain';
import { api } from '../api';
import { Icon } from '../components/icons';
import { SelectField } from '../components/fields';
import { applyLanguage, currentLanguage, i18next } from '../i18n';
import { formatBytes, formatNumber } from '../lib/format';
import { useBackup } from '../store/backup';
import { toastError, toastSuccess } from '../store/toasts';

const LANGUAGES: readonly Language[] = ['fr', 'en'];

function LanguageSettings() {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const language = currentLanguage();

  const change = async (next: Language) => {
    if (next === language) return;
    setSaving(true);
    try {
      const settings = await api.invoke('settings.update', { language: next });
      await applyLanguage(settings.language);
      toastSuccess(i18next.t('settings.languageSaved'));
    } catch (error) {
      toastError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card" aria-labelledby="settings-language">
      <h2 id="settings-language">{t('settings.languageSection')}</h2>
      <div className="form-grid">
        <SelectField
          id="settings-language-select"
          label={t('settings.languageLabel')}
          value={language}
          options={LANGUAGES.map((value) => ({ value, label: t(`languages.${value}`) }))}
          onChange={(value) => void change(value)}
        />
      </div>
      {saving ? <p className="muted">{t('common.saving')}</p> : null}
    </section>
  );
}

function AppInfoCard() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    let live = true;
    api.invoke('app.info', {}).then(
      (value) => {
        if (live) setInfo(value);
      },
      (error: unknown) => {
        if (live) toastError(error);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <section className="card" aria-labelledby="settings-info">
      <h2 id="settings-info">{t('settings.infoSection')}</h2>
      {info ? (
        <dl className="info-list">
          <dt>{t('settings.version')}</dt>
          <dd>{info.version}</dd>
          <dt>{t('settings.dataDir')}</dt>
          <dd className="path">{info.dataDir}</dd>
          <dt>{t('settings.databasePath')}</dt>
          <dd className="path">{info.databasePath}</dd>
          <dt>{t('settings.schemaVersion')}</dt>
          <dd>{formatNumber(info.schemaVersion)}</dd>
          <dt>{t('settings.sqliteVersion')}</dt>
          <dd>{info.sqliteVersion}</dd>
          <dt>{t('settings.host')}</dt>
          <dd>{t(`settings.hosts.${info.host}`)}</dd>
        </dl>
      ) : (
        <p className="muted">{t('app.loading')}</p>
      )}
    </section>
  );
}

function BackupCard() {
  const { t } = useTranslation();
  const backup = useBackup((state) => state.backup);
  const start = useBackup((state) => state.start);
  const cancel = useBackup((state) => state.cancel);
  const running = backup.status === 'running';
  const percent = running ? Math.round(backup.fraction * 100) : 0;

  return (
    <section className="card" aria-labelledby="settings-backup">
      <h2 id="settings-backup">{t('settings.backupSection')}</h2>
      <p className="card-lead">{t('settings.backupLead')}</p>
      <div className="backup-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void start()}
          disabled={running}
        >
          <Icon name="save" size={16} />
          {t('settings.backupButton')}
        </button>
        {running ? (
          <button
            type="button"
            className="button"
            title={t('settings.backupCancel')}
            onClick={() => void cancel()}
            disabled={backup.cancelling}
          >
            {t('common.cancel')}
          </button>
        ) : null}
      </div>
      {running ? (
        <div className="backup-progress">
          <div
            className="progress"
            role="progressbar"
            aria-label={t('settings.backupProgress')}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
          >
            <div className="progress-bar" style={{ width: `${percent}%` }} />
          </div>
          <p className="muted" aria-live="polite">
            {t('settings.backupRunning', { percent })}
          </p>
        </div>
      ) : null}
      {backup.status === 'done' ? (
        <div className="backup-result" role="status" data-testid="backup-result">
          <Icon name="check" size={18} />
          <dl className="info-list">
            <dt>{t('settings.backupPath')}</dt>
            <dd className="path">{backup.path}</dd>
            <dt>{t('settings.backupSize')}</dt>
            <dd>{formatBytes(backup.bytes)}</dd>
          </dl>
        </div>
      ) : null}
    </section>
  );
}

export function SettingsSection() {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="settings-heading">
      <header className="section-header">
        <div className="section-heading">
          <h1 id="settings-heading" tabIndex={-1}>
            {t('settings.title')}
          </h1>
        </div>
      </header>
      <div className="cards">
        <LanguageSettings />
        <BackupCard />
        <AppInfoCard />
      </div>
    </section>
  );
}
