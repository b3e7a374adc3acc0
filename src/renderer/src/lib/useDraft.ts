import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { NO_ERRORS, type FormErrors } from './forms';

/**
 * A form's editable copy of a record as strings, its messages, and whether it differs from what
 * it started as (reported to the section, which asks before dropping changes).
 */
export function useDraft<D extends object>(initial: () => D, onDirtyChange: (dirty: boolean) => void) {
  const [start] = useState(initial);
  const [draft, setDraft] = useState(start);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(start), [draft, start]);

  const report = useEffectEvent((value: boolean) => onDirtyChange(value));
  useEffect(() => report(dirty), [dirty]);

  /** Sets one field and clears the message under it. */
  const set = <K extends keyof D>(key: K, value: D[K], path: string = String(key)) => {
    setDraft((current) => ({ ...current, [key]: value }));
    clearError(path);
  };

  const clearError = (path: string) =>
    setErrors((current) => {
      if (!(path in current.fields)) return current;
      const fields = { ...current.fields };
      delete fields[path];
      return { ...current, fields };
    });

  return { draft, setDraft, set, errors, setErrors, clearError, dirty };
}
