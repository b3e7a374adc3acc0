import type { TFunction } from 'i18next';
import type { Lang } from '../../../../shared/audio';
import type { DemoError } from '../../../../shared/demos';
import { transport } from '../../../../shared/transport';
import { i18next, localeOf } from '../../i18n';
import { formatBytes } from '../../lib/format';
import { isUnreachable } from './ingest';

// Numbers and words of the Démos screen, in the UI language: French separators ("−18,5"), the
// typographic minus, durations as m:ss, and the plain-language reading of an error code.

export type DemosT = TFunction<'demos'>;

export function lang(): Lang {
  return i18next.language === 'en' ? 'en' : 'fr';
}

/** "−18,5" in French, "−18.5" in English: the typographic minus, as the shared summary writes it. */
export function num(value: number, maxFractionDigits = 1): string {
  const text = new Intl.NumberFormat(localeOf(i18next.language), { maximumFractionDigits: maxFractionDigits })
    .format(value)
    .replace(/^-/, '−');
  return text === '−0' ? '0' : text;
}

/** "72 %" / "72%". */
export function percent(value: number): string {
  return new Intl.NumberFormat(localeOf(i18next.language), {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(value);
}

/** "3:07", "1:02:03". */
export function duration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** What the demo's file is known to be, to say more than the code when it is refused. */
export interface FileFacts {
  sha256: string | null;
  sizeBytes: number;
  format: string;
}

/**
 * The booker's reading of a failure, in the UI language. UNSUPPORTED_MEDIA is refined with what is
 * known of the file (empty; read but not audio; audio but undecodable); the host's own message is
 * shown under it as a technical detail.
 */
export function errorText(t: DemosT, error: DemoError, file?: FileFacts): string {
  switch (error.code) {
    case 'UNSUPPORTED_MEDIA':
      if (file?.sha256) {
        if (file.sizeBytes === 0) return t('errors.empty');
        return file.format === '' ? t('errors.notAudio') : t('errors.damaged');
      }
      return t('errors.UNSUPPORTED_MEDIA');
    case 'PAYLOAD_TOO_LARGE':
      return t('errors.PAYLOAD_TOO_LARGE', { max: formatBytes(transport.maxUploadBytes) });
    case 'INTERNAL':
      return isUnreachable(error) ? t('errors.network') : t('errors.INTERNAL');
    case 'NOT_FOUND':
    case 'CANCELLED':
    case 'CONFLICT':
    case 'BAD_REQUEST':
    case 'UNAUTHORIZED':
      return t(`errors.${error.code}`);
    default:
      return t('errors.other', { code: error.code });
  }
}
