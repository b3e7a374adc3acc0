import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AuditEntry,
  ContractDetail,
  ContractDocument,
  SignatureParty,
  SigningIdentity,
} from '../../../../shared/legal';
import { api } from '../../api';
import { CheckboxField, RadioGroup, TextField } from '../../components/fields';
import { Icon } from '../../components/icons';
import { Modal } from '../../components/Modal';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { toastError, toastSuccess } from '../../store/toasts';
import { shortHash } from './model';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';

/** The agency's signing certificate: shown, created or imported (PKCS#12 + password, used once). */
function IdentityPanel({
  identity,
  onChanged,
}: {
  identity: SigningIdentity | null | undefined;
  onChanged(identity: SigningIdentity): void;
}) {
  const { t } = useTranslation('legal');
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  return (
    <div className="contract-identity" data-testid="signing-identity">
      <h3 className="subheading">{t('sign.identity')}</h3>
      {identity === undefined ? (
        <p className="muted">{t('common.loading')}</p>
      ) : identity === null ? (
        <p className="muted">{t('sign.noIdentity')}</p>
      ) : (
        <dl className="detail-grid contract-identity-grid">
          <div className="detail-item detail-wide">
            <dt>{t('sign.subject')}</dt>
            <dd>{identity.subject}</dd>
          </div>
          <div className="detail-item">
            <dt>{t('sign.origin')}</dt>
            <dd>
              {t(`sign.origins.${identity.origin}`)}
              {identity.selfSigned ? (
                <span className="contract-status-badge rule-secondary">{t('sign.selfSigned')}</span>
              ) : null}
            </dd>
          </div>
          <div className="detail-item">
            <dt>{t('sign.validity')}</dt>
            <dd>{t('sign.validUntil', { date: formatDateTime(identity.notAfter) })}</dd>
          </div>
          <div className="detail-item detail-wide">
            <dt>{t('sign.fingerprint')}</dt>
            <dd>
              <code className="contract-hash">{identity.fingerprint}</code>
            </dd>
          </div>
        </dl>
      )}
      {identity?.selfSigned ? <p className="field-hint">{t('sign.selfSignedHint')}</p> : null}
      <div className="button-row">
        <button type="button" className="button button-small" onClick={() => setDialog('create')}>
          <Icon name="plus" size={14} />
          {identity ? t('sign.replaceCreate') : t('sign.create')}
        </button>
        <button type="button" className="button button-small" onClick={() => setDialog('import')}>
          <Icon name="upload" size={14} />
          {t('sign.import')}
        </button>
      </div>
      {dialog === 'create' ? (
        <CreateIdentityDialog
          onClose={() => setDialog(null)}
          onDone={(next) => {
            setDialog(null);
            onChanged(next);
          }}
        />
      ) : null}
      {dialog === 'import' ? (
        <ImportIdentityDialog
          onClose={() => setDialog(null)}
          onDone={(next) => {
            setDialog(null);
            onChanged(next);
          }}
        />
      ) : null}
    </div>
  );
}

function CreateIdentityDialog({
  onClose,
  onDone,
}: {
  onClose(): void;
  onDone(identity: SigningIdentity): void;
}) {
  const { t } = useTranslation('legal');
  const [commonName, setCommonName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!commonName.trim()) {
      setError(t('sign.commonNameRequired'));
      return;
    }
    setBusy(true);
    try {
      const { identity } = await api.invoke('contracts.identity.create', {
        commonName: commonName.trim(),
        organisation: organisation.trim(),
        email: email.trim(),
      });
      toastSuccess(t('sign.identityCreated'));
      onDone(identity);
    } catch (caught) {
      toastError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={t('sign.createTitle')} onClose={onClose} busy={busy}>
      <form className="modal-form" onSubmit={(event) => void submit(event)}>
        <p className="form-note muted">{t('sign.createNote')}</p>
        <TextField
          id="identity-cn"
          label={t('sign.commonName')}
          value={commonName}
          onChange={(value) => {
            setCommonName(value);
            setError('');
          }}
          error={error || undefined}
          required
        />
        <TextField
          id="identity-org"
          label={t('sign.organisation')}
          value={organisation}
          onChange={setOrganisation}
        />
        <TextField
          id="identity-email"
          label={t('sign.email')}
          value={email}
          onChange={setEmail}
          type="email"
        />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {busy ? t('sign.creating') : t('sign.createSubmit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Reads a file as base64 (without the data-URL prefix). */
function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** A PKCS#12 over this is not a signing certificate (the API refuses 200,000 base64 characters). */
const MAX_P12_BYTES = 150_000;

function ImportIdentityDialog({
  onClose,
  onDone,
}: {
  onClose(): void;
  onDone(identity: SigningIdentity): void;
}) {
  const { t } = useTranslation('legal');
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setError(t('sign.fileRequired'));
      return;
    }
    if (file.size > MAX_P12_BYTES) {
      setError(t('sign.fileTooLarge'));
      return;
    }
    setBusy(true);
    try {
      const { identity } = await api.invoke('contracts.identity.import', {
        p12Base64: await fileToBase64(file),
        password,
      });
      setPassword('');
      toastSuccess(t('sign.identityImported'));
      onDone(identity);
    } catch (caught) {
      toastError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={t('sign.importTitle')} onClose={onClose} busy={busy}>
      <form className="modal-form" onSubmit={(event) => void submit(event)}>
        <p className="form-note muted">{t('sign.importNote')}</p>
        <div className={error ? 'field field-invalid' : 'field'}>
          <div className="field-label">
            <label htmlFor="identity-file">{t('sign.file')}</label>
          </div>
          <input
            id="identity-file"
            type="file"
            accept=".p12,.pfx,application/x-pkcs12"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'identity-file-error' : undefined}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setError('');
            }}
          />
          {error ? (
            <p className="field-error" id="identity-file-error">
              {error}
            </p>
          ) : null}
        </div>
        <div className="field">
          <div className="field-label">
            <label htmlFor="identity-password">{t('sign.password')}</label>
          </div>
          <input
            id="identity-password"
            type="password"
            autoComplete="off"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <p className="field-hint">{t('sign.passwordHint')}</p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {t('sign.importSubmit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

interface SigningPanelProps {
  detail: ContractDetail;
  /** Number of blocking items of the current draft; signing is refused while any is open. */
  blocking: number;
  /** The draft was changed since the last generated version: sign that version or generate first. */
  stale: boolean;
  onSigned(document: ContractDocument): void;
}

/** Drawn signature, then the digital signature with the agency's certificate, then the audit trail. */
export function SigningPanel({ detail, blocking, stale, onSigned }: SigningPanelProps) {
  const { t } = useTranslation('legal');
  const pad = useRef<SignaturePadHandle>(null);
  const [party, setParty] = useState<SignatureParty>('producer');
  const [name, setName] = useState(detail.draft.producer.representative.name);
  const [nameError, setNameError] = useState('');
  const [hasDrawing, setHasDrawing] = useState(false);
  const [digital, setDigital] = useState(false);
  const [identity, setIdentity] = useState<SigningIdentity | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.invoke('contracts.identity.get', {}).then(
      (value) => {
        if (live) setIdentity(value.identity);
      },
      (error: unknown) => {
        if (!live) return;
        setIdentity(null);
        toastError(error);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const latest = detail.versions[detail.versions.length - 1];
  const sealed = latest?.digitallySigned ?? false;
  const reason =
    blocking > 0
      ? t('sign.blockedBy', { count: blocking })
      : sealed
        ? t('sign.sealed')
        : !hasDrawing && !digital
          ? t('sign.nothing')
          : digital && !identity
            ? t('sign.needIdentity')
            : '';

  const sign = async () => {
    if (!name.trim()) {
      setNameError(t('sign.nameRequired'));
      return;
    }
    const drawnSignature = pad.current?.toPng() ?? undefined;
    setBusy(true);
    try {
      const document = await api.invoke('contracts.sign', {
        id: detail.id,
        signer: { party, name: name.trim() },
        ...(drawnSignature ? { drawnSignature } : {}),
        digital,
      });
      pad.current?.clear();
      toastSuccess(t('sign.signed', { version: document.version }));
      onSigned(document);
    } catch (error) {
      toastError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="contract-signing">
      <section className="card" aria-labelledby="contract-sign-title">
        <h2 id="contract-sign-title">{t('sign.title')}</h2>
        <p className="form-note muted">{t('sign.note', { version: latest?.version ?? 0 })}</p>
        {stale ? <p className="contract-invalid">{t('sign.stale')}</p> : null}
        <RadioGroup<SignatureParty>
          id="contract-signer-party"
          legend={t('sign.party')}
          value={party}
          onChange={(value) => {
            setParty(value);
            setName(detail.draft[value].representative.name);
          }}
          options={(['producer', 'organiser'] as const).map((value) => ({
            value,
            label: t(`parties.${value}`),
            hint: detail.draft[value].legalName,
          }))}
          className="radio-cards contract-radio-row"
        />
        <TextField
          id="contract-signer-name"
          label={t('sign.name')}
          value={name}
          onChange={(value) => {
            setName(value);
            setNameError('');
          }}
          error={nameError || undefined}
          required
        />
        <h3 className="subheading">{t('sign.drawn')}</h3>
        <SignaturePad ref={pad} name={name} onChange={setHasDrawing} />
        <h3 className="subheading">{t('sign.digital')}</h3>
        <CheckboxField
          id="contract-sign-digital"
          label={t('sign.digitalLabel')}
          hint={t('sign.digitalHint')}
          checked={digital}
          onChange={setDigital}
        />
        <IdentityPanel identity={identity} onChanged={setIdentity} />
        <div className="contract-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={busy || reason !== ''}
            aria-busy={busy}
            aria-describedby={reason ? 'contract-sign-reason' : undefined}
            onClick={() => void sign()}
          >
            <Icon name="check" size={16} />
            {busy ? t('sign.signing') : t('sign.submit')}
          </button>
          {reason ? (
            <p id="contract-sign-reason" className="contract-reason">
              {reason}
            </p>
          ) : null}
        </div>
      </section>
      <AuditTrail audit={detail.audit} />
    </div>
  );
}

export function AuditTrail({ audit }: { audit: readonly AuditEntry[] }) {
  const { t } = useTranslation('legal');
  const language = currentLanguage();
  return (
    <section className="card" aria-labelledby="contract-audit-title">
      <h2 id="contract-audit-title">{t('audit.title')}</h2>
      {audit.length === 0 ? (
        <p className="muted">{t('audit.empty')}</p>
      ) : (
        <div className="contract-table-scroll">
          <table className="table contract-audit" data-testid="audit-trail">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.version')}</th>
                <th scope="col">{t('audit.sha256')}</th>
              </tr>
            </thead>
            <tbody>
              {[...audit].reverse().map((entry, index) => (
                <tr key={`${entry.at}-${entry.action}-${index}`}>
                  <td className="nowrap">{formatDateTime(entry.at)}</td>
                  <td>{entry.actor}</td>
                  <td>
                    {t(`audit.actions.${entry.action}`)}
                    {entry.detail[language] ? (
                      <span className="contract-audit-detail">{entry.detail[language]}</span>
                    ) : null}
                  </td>
                  <td className="numeric">{entry.version}</td>
                  <td>
                    <code className="contract-hash" title={entry.sha256}>
                      {shortHash(entry.sha256)}
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
