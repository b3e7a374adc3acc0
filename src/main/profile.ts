import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The profile folder holding the database and backups. FLOWSTAGE_HOME wins (tests, the browser host
 * with a separate profile); otherwise the same folder Electron uses as userData for "Flow Stage", so
 * the desktop app, the browser host and the CLI all see one profile.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.FLOWSTAGE_HOME) return env.FLOWSTAGE_HOME;
  const appName = 'Flow Stage';
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appName);
}

export const databaseFile = (dataDir: string) => join(dataDir, 'flowstage.sqlite');
