import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Artist, Venue } from '../src/shared/domain';
import type { EventsImportResult, Forecast, ModelStatus, RetrainResult } from '../src/shared/forecast';
import { decideReplacement, retrainWorkerLaunch } from '../src/main/services/forecast/retrain';
import { generateSyntheticHistory } from '../src/main/services/forecast/synthetic';
import { call, testCore } from './helpers';
import { useTestPrior } from './forecast-service-fixtures';

beforeAll(async () => {
  await useTestPrior();
}, 120_000);

/**
 * A booker's history as a CSV: shows drawn from F-model's generator (a known process with venue, artist,
 * day-of-week and price effects), imported like a real export. Only dates, names, capacity, price and
 * tickets go through: the features are rebuilt from the store, as for any booker.
 */
function historyCsv(events: number, seed: number): string {
  const rows = generateSyntheticHistory({ events, seed, start: '2021-01-01', years: 4 });
  const lines = ['date,artist,venue,venue_country,capacity,tickets_sold,ticket_price,currency'];
  for (const r of rows) {
    const price = Math.round(r.input.ticketPrice * 100) / 100;
    lines.push(
      `${r.input.date},Artist ${r.artistKey},Venue ${r.venueKey},${r.input.country},${r.input.capacity},${Math.min(r.ticketsSold, r.input.capacity)},${price},${r.input.country === 'CH' ? 'CHF' : 'EUR'}`,
    );
  }
  return lines.join('\n');
}

const candidates = (dataDir: string) =>
  existsSync(join(dataDir, 'models'))
    ? readdirSync(join(dataDir, 'models')).filter((m) => m.startsWith('candidate-'))
    : [];

describe('retraining on the booker’s history', () => {
  it('refuses with a reason when the history is too short, and keeps the prior', async () => {
    const core = testCore();
    const imported = await call<EventsImportResult>(core, 'events.importCsv', {
      text: historyCsv(12, 5),
      createMissing: true,
    });
    expect(imported.imported).toBe(12);
    const result = await call<RetrainResult>(core, 'forecast.retrain', { jobId: crypto.randomUUID() });
    expect(result).toMatchObject({ replaced: false, report: null, card: { kind: 'prior' } });
    expect(result.reason.en).toContain('Not enough history: 12 played event(s)');
    expect(result.reason.fr).toContain('il en faut au moins 30');
    const status = await call<ModelStatus>(core, 'forecast.model', {});
    expect(status).toMatchObject({
      source: 'prior',
      lastRetrain: { replaced: false, rows: 12 },
      lastReport: null,
      history: { usableEvents: 12, canRetrain: false },
    });
  });

  it('evaluates in a worker, reports, and replaces the model only when the evaluation says it is better', async () => {
    const core = testCore();
    await call(core, 'events.importCsv', { text: historyCsv(400, 21), createMissing: true });
    const progress: { stage: string; fraction: number }[] = [];
    const jobId = crypto.randomUUID();
    core.onEvent((event, payload) => {
      if (event === 'job.progress' && (payload as { jobId: string }).jobId === jobId) {
        progress.push(payload as { stage: string; fraction: number });
      }
    });
    // Training runs in a worker thread: the main thread's event loop keeps turning meanwhile.
    expect(retrainWorkerLaunch()).not.toBeNull();
    let last = performance.now();
    let longestStall = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - last);
      last = now;
    }, 20);
    const result = await call<RetrainResult>(core, 'forecast.retrain', { jobId });
    clearInterval(ticker);
    expect(longestStall).toBeLessThan(1000);
    const report = result.report!;
    expect(report).not.toBeNull();
    expect(report.rows).toBe(400);
    expect(report.folds).toBeGreaterThanOrEqual(2);
    expect(report.baselines.venueMedianFill.mae).toBeGreaterThan(0);
    expect(result.replaced).toBe(decideReplacement(report).replace);
    expect(result.replaced).toBe(report.better);
    expect(progress.some((p) => p.stage === 'evaluate' && p.fraction > 0.1)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });

    const status = await call<ModelStatus>(core, 'forecast.model', {});
    expect(status.lastReport).toEqual(report);
    expect(status.lastRetrain!.replaced).toBe(result.replaced);
    expect(candidates(core.dataDir)).toEqual([]); // staging always cleaned up

    const artists = await call<{ items: Artist[] }>(core, 'artists.list', { limit: 1 });
    const venues = await call<{ items: Venue[] }>(core, 'venues.list', { limit: 1 });
    const forecast = await call<Forecast>(core, 'forecast.predict', {
      artistId: artists.items[0]!.id,
      venueId: venues.items[0]!.id,
      date: '2026-10-16',
      capacity: 300,
    });
    if (result.replaced) {
      // On a learnable history, the expected outcome: the booker's model takes over and says what it stands on.
      expect(status.source).toBe('user');
      expect(result.card.kind).toBe('user');
      expect(existsSync(join(core.dataDir, 'models', 'current', 'model-card.json'))).toBe(true);
      expect(forecast.basis.modelKind).toBe('user');
      expect(forecast.basis.summary.en).toMatch(/^Trained on 400 of your events, typical error ±\d+ tickets/);
      expect(result.reason.en).toContain('The new model is better');
    } else {
      expect(status.source).toBe('prior');
      expect(result.reason.en).toContain('Model kept');
    }
  }, 300_000);

  it('replaces the prior when the booker’s history follows a pattern the prior does not know', async () => {
    // 300 shows in 200-seat rooms at 15 €: Saturdays sell out, Fridays sell about 160 tickets, other days
    // about 50, whatever the venue or the artist. Baselines by venue or by artist cannot see it; a model can.
    const core = testCore();
    const lines = ['date,artist,venue,venue_country,capacity,tickets_sold,ticket_price'];
    let state = 12345;
    const noise = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.round((state / 2147483648) * 20 - 10);
    };
    for (let i = 0; i < 300; i++) {
      const date = new Date(Date.UTC(2022, 0, 3) + i * 2.3 * 86_400_000).toISOString().slice(0, 10);
      const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
      const sold = weekday === 5 ? 200 : (weekday === 4 ? 160 : 50) + noise();
      lines.push(`${date},Artist ${i % 20},Venue ${i % 10},FR,200,${sold},15`);
    }
    await call(core, 'events.importCsv', { text: lines.join('\n'), createMissing: true });
    const result = await call<RetrainResult>(core, 'forecast.retrain', { jobId: crypto.randomUUID() });
    expect(result.report!.better).toBe(true);
    expect(result).toMatchObject({ replaced: true, card: { kind: 'user', syntheticRows: 0 } });
    expect(result.report!.candidate.mae).toBeLessThan(result.report!.baselines.venueMedianFill.mae);
    const status = await call<ModelStatus>(core, 'forecast.model', {});
    expect(status).toMatchObject({ source: 'user', lastRetrain: { replaced: true, rows: 300 } });
    expect(status.card.typicalError).toBeCloseTo(result.report!.candidate.mae, 0);
    const artists = await call<{ items: Artist[] }>(core, 'artists.list', { limit: 1 });
    const venues = await call<{ items: Venue[] }>(core, 'venues.list', { limit: 1 });
    const predict = (date: string) =>
      call<Forecast>(core, 'forecast.predict', {
        artistId: artists.items[0]!.id,
        venueId: venues.items[0]!.id,
        date,
      });
    const saturday = await predict('2026-10-17');
    const tuesday = await predict('2026-10-13');
    expect(saturday.basis.summary.en).toMatch(/^Trained on 300 of your events, typical error ±\d+ tickets/);
    expect(saturday.basis.summary.fr).toMatch(
      /^Entraîné sur 300 de vos concerts, erreur typique ±\d+ billets/,
    );
    // The learned pattern shows in the forecasts.
    expect(saturday.tickets.p50).toBeGreaterThan(tuesday.tickets.p50 + 60);
    expect(saturday.soldOutProbability).toBeGreaterThan(0.5);
    expect(tuesday.soldOutProbability).toBeLessThan(0.2);
  }, 300_000);

  it('a cancelled retraining stops, fails with CANCELLED and changes nothing', async () => {
    const core = testCore();
    await call(core, 'events.importCsv', { text: historyCsv(400, 22), createMissing: true });
    const jobId = crypto.randomUUID();
    core.onEvent((event, payload) => {
      const p = payload as { jobId: string; stage: string; fraction: number };
      // Cancel once the worker reports that it is evaluating.
      if (event === 'job.progress' && p.jobId === jobId && p.stage === 'evaluate' && p.fraction > 0.06) {
        void core.dispatch('jobs.cancel', { jobId });
      }
    });
    const started = Date.now();
    const result = await core.dispatch('forecast.retrain', { jobId });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(Date.now() - started).toBeLessThan(60_000);
    const status = await call<ModelStatus>(core, 'forecast.model', {});
    expect(status).toMatchObject({ source: 'prior', lastRetrain: null });
    expect(candidates(core.dataDir)).toEqual([]);
    // Cancelling a job that is not running says so.
    expect(await call(core, 'jobs.cancel', { jobId })).toEqual({ cancelled: false });
  }, 300_000);
});
