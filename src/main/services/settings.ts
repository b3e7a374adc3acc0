import { Settings, type Language } from '../../shared/domain';
import type { Store } from '../store/database';

const DEFAULTS: Settings = { language: 'fr' };

/** User preferences, one row per key in the `settings` table (values are JSON). */
export function createSettingsRepository({ db }: Store) {
  const read = db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`);
  const write = db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );

  function get(): Settings {
    const language = read.get('language');
    const parsed = Settings.safeParse({
      language: language ? (JSON.parse(language.value) as Language) : DEFAULTS.language,
    });
    return parsed.success ? parsed.data : DEFAULTS;
  }

  return {
    get,
    update(patch: Partial<Settings>): Settings {
      db.transaction(() => {
        for (const [key, value] of Object.entries(patch)) write.run(key, JSON.stringify(value));
      })();
      return get();
    },
  };
}
