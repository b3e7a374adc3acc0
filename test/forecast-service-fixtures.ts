import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticHistory } from '../src/main/services/forecast/synthetic';
import { saveForecastModel, trainForecastModel } from '../src/main/services/forecast/model';

/**
 * A small prior for the service tests, trained once per test run from F-model's synthetic generator
 * (fewer rows and rounds than the shipped prior: the tests check the plumbing, not the accuracy), and
 * pointed at through FLOWSTAGE_MODELS so they do not depend on models/prior being built.
 */
export async function useTestPrior(): Promise<string> {
  const root = join(tmpdir(), `flowstage-test-prior-${process.pid}`);
  const dir = join(root, 'prior');
  if (!existsSync(join(dir, 'model-card.json'))) {
    mkdirSync(root, { recursive: true });
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    const rows = generateSyntheticHistory({ events: 1500, seed: 11 });
    const model = await trainForecastModel(rows, { kind: 'prior', seed: 3, rounds: 30 });
    await saveForecastModel(model, dir);
  }
  process.env.FLOWSTAGE_MODELS = root;
  return root;
}
