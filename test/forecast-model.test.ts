import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/shared/errors';
import {
  FEATURE_NAMES,
  toFeatureMatrix,
  toFeatureVector,
  type ForecastInput,
  type TrainingRow,
} from '../src/main/services/forecast/features';
import { censoredQuantile } from '../src/main/services/forecast/gbm';
import {
  MIN_TRAINING_EVENTS,
  explainTrained,
  fitPlatt,
  loadForecastModel,
  predictTrained,
  predictTrainedRaw,
  saveForecastModel,
  trainForecastModel,
  type TrainedModel,
  type TrainProgress,
} from '../src/main/services/forecast/model';
import { normalCdf, normalQuantile } from '../src/main/services/forecast/model/censoring';
import { describeSyntheticHistory, generateSyntheticHistory } from '../src/main/services/forecast/synthetic';

const baseInput: ForecastInput = {
  date: '2026-03-13', // a Friday
  country: 'FR',
  capacity: 400,
  ticketPrice: 18,
  venueUsualPrice: 15,
  leadTimeDays: 60,
  artistDraw: 250,
  artistFillRate: 0.7,
  artistEvents: 8,
  venueFillRate: 0.65,
  venueEvents: 40,
  genreFit: 0.8,
  energy: 0.6,
  danceability: 0.5,
  publicHoliday: false,
  schoolHoliday: false,
  competingEvents: 1,
  promotionSpend: 300,
};

const unknownInput: ForecastInput = {
  ...baseInput,
  venueUsualPrice: null,
  leadTimeDays: null,
  artistDraw: null,
  artistFillRate: null,
  artistEvents: 0,
  venueFillRate: null,
  venueEvents: 0,
  genreFit: null,
  energy: null,
  danceability: null,
  promotionSpend: null,
};

async function expectAppError(promise: Promise<unknown>, code: string, message: RegExp): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

describe('forecast features', () => {
  it('derives day of week, month, relative price and per-seat ratios, NaN for unknowns', () => {
    const v = toFeatureVector(baseInput);
    const at = (name: string) => v[FEATURE_NAMES.indexOf(name)]!;
    expect(v.length).toBe(FEATURE_NAMES.length);
    expect(at('dayOfWeek')).toBe(4); // Friday, Monday = 0
    expect(at('weekendNight')).toBe(1);
    expect(at('month')).toBe(3);
    expect(at('relativePrice')).toBeCloseTo(18 / 15, 5);
    expect(at('artistDrawPerSeat')).toBeCloseTo(250 / 400, 5);
    expect(at('promotionPerSeat')).toBeCloseTo(300 / 400, 5);
    expect(at('country')).toBe(0);

    const u = toFeatureVector({ ...unknownInput, country: 'DE', date: '2026-02-30' });
    for (const name of [
      'relativePrice',
      'leadTimeDays',
      'artistDrawPerSeat',
      'artistFillRate',
      'genreFit',
      'energy',
    ]) {
      expect(Number.isNaN(u[FEATURE_NAMES.indexOf(name)]!), name).toBe(true);
    }
    expect(Number.isNaN(u[FEATURE_NAMES.indexOf('country')]!)).toBe(true);
    expect(Number.isNaN(u[FEATURE_NAMES.indexOf('dayOfWeek')]!)).toBe(true); // 30 February is no date
  });
});

describe('censored quantile', () => {
  it('is the plain quantile without censoring and only rises with censored rows', () => {
    const r = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(censoredQuantile(r, new Uint8Array(10), 10, 0.5)).toBe(5);
    expect(censoredQuantile(r, new Uint8Array(10), 10, 0.9)).toBe(9);
    // Lower bounds above the median change nothing; lower bounds below it push it up.
    expect(censoredQuantile(r, Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1, 1, 1]), 10, 0.5)).toBe(5);
    expect(censoredQuantile(r, Uint8Array.from([0, 1, 1, 1, 0, 0, 0, 0, 0, 0]), 10, 0.5)).toBe(7);
    // Weighted: a heavy row pulls the median to itself.
    const three = Float64Array.from([1, 2, 3]);
    expect(censoredQuantile(three, new Uint8Array(3), 3, 0.5, Float64Array.from([1, 1, 10]))).toBe(3);
    expect(censoredQuantile(three, new Uint8Array(3), 3, 0.5, Float64Array.from([10, 1, 1]))).toBe(1);
    // All censored: the only information is "at least the largest".
    expect(censoredQuantile(r, new Uint8Array(10).fill(1), 10, 0.1)).toBe(10);
  });

  it('has a correct normal CDF and quantile', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    for (const p of [0.001, 0.05, 0.3, 0.5, 0.8, 0.99])
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });
});

describe('Platt scaling', () => {
  it('recovers a known logistic link from margins', () => {
    const margins = Float64Array.from({ length: 4000 }, (_, i) => -4 + (8 * i) / 4000);
    // Deterministic labels following p = σ(0.5·m − 1) exactly in expectation (stratified by rank).
    let acc = 0;
    const labels = Float64Array.from(margins, (m) => {
      acc += 1 / (1 + Math.exp(-(0.5 * m - 1)));
      if (acc >= 1) {
        acc -= 1;
        return 1;
      }
      return 0;
    });
    const { a, b } = fitPlatt(margins, labels);
    expect(a).toBeCloseTo(0.5, 1);
    expect(b).toBeCloseTo(-1, 1);
  });
});

describe('forecast model (trained on a seeded synthetic history)', () => {
  let model: TrainedModel;
  let dir: string;
  const history = generateSyntheticHistory({ events: 2500, seed: 42 });
  const heldOut = generateSyntheticHistory({ events: 600, seed: 43 });

  beforeAll(async () => {
    model = await trainForecastModel(history, { kind: 'prior', seed: 3 });
    dir = mkdtempSync(join(tmpdir(), 'flowstage-forecast-model-'));
    await saveForecastModel(model, dir);
  }, 120_000);

  it('is deterministic for a seed', async () => {
    const again = await trainForecastModel(history.slice(0, 400), { kind: 'prior', seed: 9 });
    const twice = await trainForecastModel(history.slice(0, 400), { kind: 'prior', seed: 9 });
    expect(
      predictTrained(
        again,
        heldOut.slice(0, 50).map((r) => r.input),
      ),
    ).toEqual(
      predictTrained(
        twice,
        heldOut.slice(0, 50).map((r) => r.input),
      ),
    );
  }, 60_000);

  it('exports ONNX that onnxruntime-node reproduces (max |Δ| < 1e-4 on fill and probability)', async () => {
    const inputs = [
      ...heldOut.map((r) => r.input),
      unknownInput,
      { ...unknownInput, country: 'XX', date: 'bad' },
    ];
    const loaded = await loadForecastModel(dir);
    try {
      const { soldOut } = predictTrainedRaw(model, toFeatureMatrix(inputs), inputs.length);
      const onnxForecasts = await loaded.predict(inputs);
      const tsForecasts = predictTrained(model, inputs);
      let maxFill = 0;
      let maxProbability = 0;
      onnxForecasts.forEach((f, i) => {
        const ts = tsForecasts[i]!;
        const capacity = inputs[i]!.capacity;
        for (const key of ['p10', 'p50', 'p90', 'demand50'] as const) {
          maxFill = Math.max(maxFill, Math.abs(f[key] - ts[key]) / capacity);
        }
        maxProbability = Math.max(maxProbability, Math.abs(f.soldOutProbability - soldOut[i]!));
      });
      expect(maxFill).toBeLessThan(1e-4);
      expect(maxProbability).toBeLessThan(1e-4);
      expect(loaded.card.features).toEqual([...FEATURE_NAMES]);
      expect(loaded.card.kind).toBe('prior');
      expect(readFileSync(join(dir, 'MODEL_CARD.md'), 'utf8')).toMatch(
        /Training rows: 2500 \(of which synthetic: 2500\)/,
      );
    } finally {
      await loaded.close();
    }
  });

  it('keeps quantiles ordered, tickets within capacity and the probability in [0, 1]', async () => {
    const loaded = await loadForecastModel(dir);
    try {
      const inputs = heldOut.map((r) => r.input);
      const forecasts = await loaded.predict(inputs);
      forecasts.forEach((f, i) => {
        expect(f.p10).toBeGreaterThanOrEqual(0);
        expect(f.p10).toBeLessThanOrEqual(f.p50);
        expect(f.p50).toBeLessThanOrEqual(f.p90);
        expect(f.p90).toBeLessThanOrEqual(inputs[i]!.capacity + 1e-9);
        expect(f.fill50).toBeCloseTo(f.p50 / inputs[i]!.capacity, 9);
        expect(f.soldOutProbability).toBeGreaterThanOrEqual(0);
        expect(f.soldOutProbability).toBeLessThanOrEqual(1);
      });
      expect(await loaded.predict([])).toEqual([]);
      await expectAppError(loaded.predict([{ ...baseInput, capacity: 0 }]), 'VALIDATION', /capacity above 0/);
    } finally {
      await loaded.close();
    }
  });

  it('learned the generating process: a Friday beats a Monday, a higher price sells fewer tickets', () => {
    const monday = { ...baseInput, date: '2026-03-09' };
    const [friday, mon, expensive] = predictTrained(model, [
      baseInput,
      monday,
      { ...baseInput, ticketPrice: 40 },
    ]);
    expect(friday!.p50).toBeGreaterThan(mon!.p50);
    expect(expensive!.p50).toBeLessThan(friday!.p50);
  });

  it('explains which factors moved the median, in tickets, largest first (TS and ONNX agree)', async () => {
    const monday = { ...baseInput, date: '2026-03-09' };
    const factors = explainTrained(model, monday);
    expect(factors.length).toBeGreaterThan(0);
    for (let i = 1; i < factors.length; i++) {
      expect(Math.abs(factors[i - 1]!.effect)).toBeGreaterThanOrEqual(Math.abs(factors[i]!.effect));
    }
    const day = factors.find((f) => f.feature === 'dayOfWeek');
    expect(day?.effect).toBeLessThan(0); // a Monday sells less than the typical (Thursday–Friday) night
    const loaded = await loadForecastModel(dir);
    try {
      const onnxFactors = await loaded.explain(monday);
      expect(onnxFactors.map((f) => f.feature)).toEqual(factors.map((f) => f.feature));
    } finally {
      await loaded.close();
    }
  });

  it('refuses a damaged card, a missing model and a model trained on other features', async () => {
    await expectAppError(loadForecastModel(join(dir, 'nope')), 'NOT_FOUND', /No forecast model/);
    const other = mkdtempSync(join(tmpdir(), 'flowstage-forecast-model-'));
    await saveForecastModel(model, other);
    const card = JSON.parse(readFileSync(join(other, 'model-card.json'), 'utf8')) as {
      card: { features: string[] };
    };
    card.card.features = ['something', 'else'];
    writeFileSync(join(other, 'model-card.json'), JSON.stringify(card));
    await expectAppError(loadForecastModel(other), 'CONFLICT', /other features/);
    writeFileSync(join(other, 'model-card.json'), '{"formatVersion": 99}');
    await expectAppError(loadForecastModel(other), 'INTERNAL', /damaged/);
  });
});

describe('censoring of sold-out shows', () => {
  it('raises the latent demand forecast towards the truth compared with treating sold-outs as exact', async () => {
    const history = generateSyntheticHistory({ events: 3000, seed: 5 });
    const test = generateSyntheticHistory({ events: 1500, seed: 6 });
    expect(describeSyntheticHistory(history).soldOutShare).toBeGreaterThan(0.15); // enough censoring to matter
    const censored = await trainForecastModel(history, { kind: 'prior', seed: 1 });
    const exact = await trainForecastModel(history, { kind: 'prior', seed: 1, treatSoldOutAsExact: true });
    const inputs = test.map((r) => r.input);
    const withCensoring = predictTrained(censored, inputs);
    const asExact = predictTrained(exact, inputs);
    // Shows whose true median demand exceeds the room: only there is the latent demand hidden.
    let raised = 0;
    let flat = 0;
    let errorCensored = 0;
    let errorExact = 0;
    let count = 0;
    test.forEach((row, i) => {
      if (row.medianDemand <= row.input.capacity) return;
      count++;
      raised += withCensoring[i]!.demand50 / row.input.capacity;
      flat += asExact[i]!.demand50 / row.input.capacity;
      errorCensored += Math.abs(Math.log(withCensoring[i]!.demand50 / row.medianDemand));
      errorExact += Math.abs(Math.log(asExact[i]!.demand50 / row.medianDemand));
    });
    expect(count).toBeGreaterThan(50);
    expect(raised / count).toBeGreaterThan(flat / count + 0.02);
    expect(errorCensored).toBeLessThan(errorExact);
    // The exact model cannot see past the room; the censored one forecasts demand above it somewhere.
    expect(Math.max(...withCensoring.map((f, i) => f.demand50 / inputs[i]!.capacity))).toBeGreaterThan(1.05);
  }, 120_000);
});

describe('training robustness', () => {
  const rows = generateSyntheticHistory({ events: 300, seed: 8 });

  it('refuses an empty history and a single event with the minimum in the message', async () => {
    await expectAppError(
      trainForecastModel([], { kind: 'user' }),
      'VALIDATION',
      new RegExp(`at least ${MIN_TRAINING_EVENTS} past events.*got 0`),
    );
    const one: TrainingRow = { input: baseInput, ticketsSold: 120 };
    await expectAppError(
      trainForecastModel([one], { kind: 'user' }),
      'VALIDATION',
      /at least 10 past events.*got 1 of your own/,
    );
    // Synthetic rows do not count as the booker's own history.
    await expectAppError(
      trainForecastModel(rows.slice(0, 50), { kind: 'user' }),
      'VALIDATION',
      /got 0 of your own/,
    );
  });

  it('refuses a capacity of 0 and other unusable rows, naming them', async () => {
    const bad: TrainingRow[] = rows.slice(0, 20).map((r) => ({ ...r, synthetic: false }));
    bad[3] = { ...bad[3]!, input: { ...bad[3]!.input, capacity: 0 } };
    bad[7] = { ...bad[7]!, ticketsSold: Number.NaN };
    bad[9] = { ...bad[9]!, input: { ...bad[9]!.input, date: '2026-13-01' } };
    const error = await expectAppError(
      trainForecastModel(bad, { kind: 'user' }),
      'VALIDATION',
      /Capacity must be above 0/,
    );
    expect(error.issues?.map((i) => i.path)).toEqual([
      'rows.3.input.capacity',
      'rows.7.ticketsSold',
      'rows.9.input.date',
    ]);
  });

  it('trains on events with every optional field missing (NaN paths) and on exactly the minimum', async () => {
    const sparse: TrainingRow[] = rows.slice(0, MIN_TRAINING_EVENTS).map((r) => ({
      input: {
        ...r.input,
        ...unknownInput,
        date: r.input.date,
        capacity: r.input.capacity,
        ticketPrice: r.input.ticketPrice,
      },
      ticketsSold: r.ticketsSold,
    }));
    const model = await trainForecastModel(sparse, { kind: 'user', seed: 2 });
    expect(model.card.notes.map((n) => n.en).join(' ')).toMatch(/not calibrated/);
    expect(model.card.notes.map((n) => n.fr).join(' ')).toMatch(/non calibrée/);
    const [forecast] = predictTrained(model, [unknownInput]);
    for (const value of Object.values(forecast!)) expect(Number.isFinite(value)).toBe(true);
    // Tiny models (single-leaf trees, uncalibrated) export and run in onnxruntime too.
    const tinyDir = mkdtempSync(join(tmpdir(), 'flowstage-forecast-tiny-'));
    await saveForecastModel(model, tinyDir);
    const tiny = await loadForecastModel(tinyDir);
    try {
      const [fromOnnx] = await tiny.predict([unknownInput]);
      expect(fromOnnx!.p50).toBeCloseTo(forecast!.p50, 3);
      expect(fromOnnx!.soldOutProbability).toBeCloseTo(forecast!.soldOutProbability, 4);
    } finally {
      await tiny.close();
    }

    // Half the fields missing at random across a larger history: still ordered, finite forecasts.
    const mixed = rows.map((r, i) =>
      i % 2 === 0 ? { ...r, input: { ...r.input, ...unknownInput, date: r.input.date } } : r,
    );
    const mixedModel = await trainForecastModel(mixed, { kind: 'prior', seed: 2 });
    for (const f of predictTrained(mixedModel, [baseInput, unknownInput])) {
      expect(f.p10).toBeLessThanOrEqual(f.p50);
      expect(f.p50).toBeLessThanOrEqual(f.p90);
    }
  }, 60_000);

  it('reports progress up to 1 and stops with CANCELLED when aborted', async () => {
    const progress: TrainProgress[] = [];
    await trainForecastModel(rows, { kind: 'prior', rounds: 10, onProgress: (p) => progress.push(p) });
    expect(progress[0]!.fraction).toBe(0);
    expect(progress.at(-1)).toEqual({ stage: 'done', fraction: 1 });
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.fraction).toBeGreaterThanOrEqual(progress[i - 1]!.fraction);

    const controller = new AbortController();
    const stages: string[] = [];
    await expectAppError(
      trainForecastModel(rows, {
        kind: 'prior',
        signal: controller.signal,
        onProgress: (p) => {
          stages.push(p.stage);
          if (p.fraction > 0.2) controller.abort();
        },
      }),
      'CANCELLED',
      /cancelled/,
    );
    expect(stages).not.toContain('done');
    // An abort from outside (a timer, as a worker's cancel message would be) is seen between rounds too.
    const outside = new AbortController();
    setTimeout(() => outside.abort(), 30);
    await expectAppError(
      trainForecastModel(rows, { kind: 'prior', signal: outside.signal }),
      'CANCELLED',
      /cancelled/,
    );
  }, 60_000);
});

describe('training at scale', () => {
  it('trains on 100,000 events without crashing (few rounds here; full timing in bench/forecast.bench.ts)', async () => {
    const large = generateSyntheticHistory({ events: 100_000, seed: 12 });
    let progressEvents = 0;
    const model = await trainForecastModel(large, {
      kind: 'prior',
      rounds: 4,
      onProgress: () => progressEvents++,
    });
    expect(model.card.trainingRows).toBe(100_000);
    expect(progressEvents).toBeGreaterThan(3);
    const forecasts = predictTrained(
      model,
      large.slice(0, 1000).map((r) => r.input),
    );
    expect(forecasts.every((f) => Number.isFinite(f.p50) && f.p50 <= f.p90)).toBe(true);
  }, 300_000);
});

describe('synthetic history', () => {
  it('reproduces the French aggregates it was built from (CNV 2016: 62% under 200 entries, ~420 entries per show)', () => {
    const events = generateSyntheticHistory({ events: 20_000, seed: 2024 });
    expect(events.every((e) => e.synthetic)).toBe(true);
    const stats = describeSyntheticHistory(events);
    expect(stats.shareUnder200Entries).toBeGreaterThan(0.55);
    expect(stats.shareUnder200Entries).toBeLessThan(0.7);
    expect(stats.meanEntriesPerShow).toBeGreaterThan(330); // 26.7 M entries / 63,339 shows = 422 in 2016
    expect(stats.meanEntriesPerShow).toBeLessThan(520);
    expect(stats.medianTicketPrice).toBeGreaterThanOrEqual(12); // median 13–14 €
    expect(stats.medianTicketPrice).toBeLessThanOrEqual(16);
    expect(stats.averageTicketPricePerEntry).toBeGreaterThan(28); // average 32–33 €
    expect(stats.averageTicketPricePerEntry).toBeLessThan(38);
    // Features only look back: the first show of each artist has no artist history.
    const seen = new Set<string>();
    for (const e of events) {
      if (!seen.has(e.artistKey)) expect(e.input.artistEvents).toBe(0);
      seen.add(e.artistKey);
    }
    // Dates ascend.
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.input.date >= events[i - 1]!.input.date).toBe(true);
  });
});
