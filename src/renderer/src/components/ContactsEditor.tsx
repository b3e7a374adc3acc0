import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId, type FieldErrors } from '../lib/forms';
import { TextField } from './fields';
import { Icon } from './icons';

export interface ContactDraft {
  /** Local key for React only; never sent. */
  key: number;
  name: string;
  role: string;
  email: string;
  phone: string;
}

let nextKey = 1;
export function newContactDraft(fields: Partial<Omit<ContactDraft, 'key'>> = {}): ContactDraft {
  return { key: nextKey++, name: '', role: '', email: '', phone: '', ...fields };
}

export function contactsToInput(contacts: ContactDraft[]) {
  return contacts.map(({ name, role, email, phone }) => ({ name, role, email, phone }));
}

interface ContactsEditorProps {
  formId: string;
  contacts: ContactDraft[];
  errors: FieldErrors;
  onChange(contacts: ContactDraft[]): void;
}

/** Repeatable rows name / role / email / phone; each row is a group named "Contact N". */
export function ContactsEditor({ formId, contacts, errors, onChange }: ContactsEditorProps) {
  const { t } = useTranslation();
  const addRef = useRef<HTMLButtonElement>(null);

  const update = (index: number, field: keyof Omit<ContactDraft, 'key'>, value: string) =>
    onChange(contacts.map((contact, i) => (i === index ? { ...contact, [field]: value } : contact)));

  const add = () => {
    const next = [...contacts, newContactDraft()];
    onChange(next);
    requestAnimationFrame(() =>
      document.getElementById(fieldId(formId, `contacts.${next.length - 1}.name`))?.focus(),
    );
  };

  const remove = (index: number) => {
    onChange(contacts.filter((_, i) => i !== index));
    requestAnimationFrame(() => addRef.current?.focus());
  };

  return (
    <div className="contacts-editor">
      {contacts.length === 0 ? <p className="muted">{t('contacts.empty')}</p> : null}
      {contacts.map((contact, index) => {
        const path = (field: string) => `contacts.${index}.${field}`;
        const label = t('contacts.row', { index: index + 1 });
        return (
          <fieldset key={contact.key} className="contact-row">
            <legend className="contact-legend">{label}</legend>
            <TextField
              id={fieldId(formId, path('name'))}
              label={t('contacts.name')}
              value={contact.name}
              required
              error={errors[path('name')]}
              autoComplete="off"
              onChange={(value) => update(index, 'name', value)}
            />
            <TextField
              id={fieldId(formId, path('role'))}
              label={t('contacts.role')}
              value={contact.role}
              error={errors[path('role')]}
              onChange={(value) => update(index, 'role', value)}
            />
            <TextField
              id={fieldId(formId, path('email'))}
              label={t('contacts.email')}
              type="email"
              value={contact.email}
              error={errors[path('email')]}
              onChange={(value) => update(index, 'email', value)}
            />
            <TextField
              id={fieldId(formId, path('phone'))}
              label={t('contacts.phone')}
              type="tel"
              value={contact.phone}
              error={errors[path('phone')]}
              onChange={(value) => update(index, 'phone', value)}
            />
            <button
              type="button"
              className="icon-button contact-remove"
              aria-label={t('contacts.remove', { index: index + 1 })}
              title={t('contacts.remove', { index: index + 1 })}
              onClick={() => remove(index)}
            >
              <Icon name="trash" size={16} />
            </button>
          </fieldset>
        );
      })}
      <button type="button" ref={addRef} className="button button-ghost" onClick={add}>
        <Icon name="plus" size={16} />
        {t('contacts.add')}
      </button>
    </div>
  );
}
