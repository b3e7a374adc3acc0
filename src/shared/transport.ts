/**
 * Names of the IPC channels and HTTP paths, kept apart from the schemas so the sandboxed preload can
 * import them without bundling zod.
 */
export const transport = {
  ipcInvoke: 'flowstage:invoke',
  ipcEvent: 'flowstage:event',
  httpInvoke: '/api/invoke/',
  httpEvents: '/api/events',
  /** Largest request body the browser host accepts. */
  maxBodyBytes: 1_000_000,
} as const;
