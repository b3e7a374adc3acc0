/**
 * Names of the IPC channels and HTTP paths, kept apart from the schemas so the sandboxed preload can
 * import them without bundling zod.
 */
export const transport = {
  ipcInvoke: 'flowstage:invoke',
  ipcEvent: 'flowstage:event',
  httpInvoke: '/api/invoke/',
  httpEvents: '/api/events',
  /** Browser host: `POST /api/upload?name=<file name>`, raw bytes (application/octet-stream). */
  httpUpload: '/api/upload',
  /** Largest request body the browser host accepts. */
  maxBodyBytes: 1_000_000,
  /** Largest file the browser host's upload accepts (2 GiB). */
  maxUploadBytes: 2 * 1024 * 1024 * 1024,
} as const;
