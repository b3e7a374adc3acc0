import { PITCH_CLASSES } from '../../../shared/audio';

// How tempo and key estimates are scored, in the evaluation scripts and against what a booker
// heard (demos.accuracy): the MIREX conventions, so the figures compare with published ones.

/** MIREX key score: 1 same key, 0.5 a fifth apart (either way, same mode), 0.3 relative, 0.2 parallel. */
export function mirexKeyScore(
  estimate: { key: string; mode: string },
  reference: { key: string; mode: string },
): number {
  const e = (PITCH_CLASSES as readonly string[]).indexOf(estimate.key);
  const r = (PITCH_CLASSES as readonly string[]).indexOf(reference.key);
  if (e < 0 || r < 0) return 0;
  if (e === r && estimate.mode === reference.mode) return 1;
  if (estimate.mode === reference.mode && ((e - r + 12) % 12 === 7 || (r - e + 12) % 12 === 7)) return 0.5;
  if (reference.mode === 'major' && estimate.mode === 'minor' && e === (r + 9) % 12) return 0.3;
  if (reference.mode === 'minor' && estimate.mode === 'major' && e === (r + 3) % 12) return 0.3;
  if (e === r) return 0.2;
  return 0;
}

/** Tempo accuracy per Gouyon 2006: Acc1 within 4 %, Acc2 also at ×2, ×3, ×½, ×⅓. */
export function tempoAccuracy(estimate: number, reference: number): { acc1: boolean; acc2: boolean } {
  const near = (x: number): boolean => Math.abs(x - reference) <= 0.04 * reference;
  const acc1 = near(estimate);
  return { acc1, acc2: acc1 || [2, 3, 0.5, 1 / 3].some((m) => near(estimate * m)) };
}
