import { useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../../shared/contract';
import type { Bilingual } from '../../../../shared/forecast';
import { api } from '../../api';
import { i18next } from '../../i18n';

interface Answer<M extends MethodName> {
  key: string;
  data: MethodOutput<M> | null;
  error: unknown;
}

export interface Request<M extends MethodName> {
  /** The latest answer; while a new one is on its way the previous stays (no flash), `stale` says so. */
  data: MethodOutput<M> | null;
  /** The error of the latest request, when it failed. */
  error: unknown;
  loading: boolean;
  stale: boolean;
  reload(): void;
}

/**
 * One contract method called whenever its input changes (compared by value); null input = no request.
 * Answers to an input that is no longer current are dropped.
 */
export function useInvoke<M extends MethodName>(
  method: M,
  input: MethodInput<M> | null,
  version = 0,
): Request<M> {
  const key = input === null ? null : JSON.stringify(input);
  const [answer, setAnswer] = useState<Answer<M> | null>(null);
  const [reloads, setReloads] = useState(0);
  const requestKey = key === null ? null : `${key}#${version}.${reloads}`;

  useEffect(() => {
    if (requestKey === null || key === null) return;
    let live = true;
    api.invoke(method, JSON.parse(key) as MethodInput<M>).then(
      (data) => {
        if (live) setAnswer({ key: requestKey, data, error: null });
      },
      (error: unknown) => {
        if (live) setAnswer({ key: requestKey, data: null, error });
      },
    );
    return () => {
      live = false;
    };
    // `key` is derived from requestKey.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [method, requestKey]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  if (requestKey === null) return { data: null, error: null, loading: false, stale: false, reload };
  const current = answer?.key === requestKey;
  return {
    data: answer?.data ?? null,
    error: current ? answer.error : null,
    loading: !current,
    stale: !current && answer !== null,
    reload,
  };
}

/** The message of a bilingual answer in the interface's language. */
export function inLanguage(message: Bilingual): string {
  return i18next.language === 'en' ? message.en : message.fr;
}
