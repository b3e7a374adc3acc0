import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../src/shared/errors';
import { evaluateTimeOrdered, metricsOf, pinballLoss } from '../src/main/services/forecast/evaluate';
import {
  loadForecastModel,
  saveForecastModel,
  trainForecastModel,
} from '../src/main/services/forecast/model';
import { generateSyntheticHistory } from '../src/main/services/forecast/synthetic';

describe('evaluation metrics', () => {
  it('computes pinball, MAE, Brier and coverage by hand', () => {
    expect(pinballLoss(10, 8, 0.9)).toBeCloseTo(1.8, 9); // under-forecast of 2 at P90 costs 0.9 × 2
    expect(pinballLoss(10, 12, 0.9)).toBeCloseTo(0.2, 9);
    const m = metricsOf([
      { tickets: 100, capacity: 200, forecast: { p10: 50, p50: 90, p90: 150, soldOutProbability: 0.1 } },
      { tickets: 250, capacity: 200, forecast: { p10: 150, p50: 200, p90: 200, soldOutProbability: 0.7 } }, // sold out
    ]);
    expect(m.mae).toBeCloseTo(5, 9); // |100−90| and |200−200|, tickets capped at capacity
    expect(m.brier).toBeCloseTo((0.01 + 0.09) / 2, 9);
    expect(m.coverage80).toBe(1);
  });
});

describe('time-ordered evaluation on a held-out SYNTHETIC history', () => {
  it('beats both baselines on MAE and pinball, and the base rate on Brier', async () => {
    const history = generateSyntheticHistory({ events: 2400, seed: 77 });
    const fractions: number[] = [];
    const report = await evaluateTimeOrdered(history, {
      folds: 3,
      seed: 1,
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(report.rows).toBe(2400);
    expect(report.folds).toBe(3);
    for (const baseline of [report.baselines.venueMedianFill, report.baselines.artistLast]) {
      expect(report.candidate.mae).toBeLessThan(baseline.mae);
      expect(report.candidate.pinball).toBeLessThan(baseline.pinball);
    }
    // Both baselines forecast the sold-out chance as the base rate.
    expect(report.candidate.brier).toBeLessThan(report.baselines.venueMedianFill.brier);
    expect(report.candidate.coverage80).toBeGreaterThan(0.65);
    expect(report.candidate.coverage80).toBeLessThan(0.95);
    expect(report.better).toBe(true);
    expect(report.notes.map((n) => n.en).join(' ')).toMatch(/SYNTHETIC/);
    expect(report.notes.map((n) => n.fr).join(' ')).toMatch(/SYNTHÉTIQUES/);
    // Calibration table: bins cover every scored show, observed rates rise with predicted ones.
    const scored = report.calibration.reduce((sum, bin) => sum + bin.count, 0);
    expect(scored).toBe(2400 - Math.round(2400 / 4));
    const populated = report.calibration.filter((bin) => bin.count >= 50);
    expect(populated.length).toBeGreaterThanOrEqual(3);
    expect(populated.at(-1)!.observed).toBeGreaterThan(populated[0]!.observed);
    expect(Math.max(...fractions)).toBeLessThanOrEqual(1);
  }, 180_000);

  it('compares with a current model and keeps the current one when the candidate is worse', async () => {
    const history = generateSyntheticHistory({ events: 1200, seed: 91 });
    // A strong "current" model trained on a much larger history of the same process.
    const strong = await trainForecastModel(generateSyntheticHistory({ events: 6000, seed: 92 }), {
      kind: 'prior',
      seed: 2,
    });
    const dir = mkdtempSync(join(tmpdir(), 'flowstage-forecast-eval-'));
    await saveForecastModel(strong, dir);
    const current = await loadForecastModel(dir);
    try {
      // The candidate only sees the booker's first 40 % of 1,200 events at fold 1: weaker than the current model.
      const report = await evaluateTimeOrdered(history.slice(0, 400), { folds: 2, current, seed: 1 });
      expect(report.current).not.toBeNull();
      expect(report.current!.pinball).toBeLessThan(report.candidate.pinball);
      expect(report.better).toBe(false);
      expect(report.notes.map((n) => n.en).join(' ')).toMatch(/not better than the current model/);
      expect(report.notes.map((n) => n.fr).join(' ')).toMatch(/ne fait pas mieux que le modèle actuel/);
    } finally {
      await current.close();
    }
  }, 180_000);

  it('refuses a history too short for the folds, with the minimum in the message', async () => {
    const history = generateSyntheticHistory({ events: 30, seed: 1 });
    const error = await evaluateTimeOrdered(history, { folds: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/at least 50 past events.*got 30/);
  });
});
