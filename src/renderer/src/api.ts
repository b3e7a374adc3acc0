import {
  type EventName,
  type FlowstageApi,
  type FlowstageBridge,
  type MethodName,
  type MethodOutput,
} from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import { transport } from '../../shared/transport';

/**
 * The renderer's one client. In Electron the preload exposes `window.flowstageBridge`; in a browser
 * the loopback host serves the same bridge over HTTP + SSE. Either way the renderer sees FlowstageApi.
 */
declare global {
  interface Window {
    flowstageBridge?: FlowstageBridge;
  }
}

const TOKEN_KEY = 'flowstage.token';

/** The host prints `http://127.0.0.1:PORT/#token=…`; keep the token for this tab and clean the URL. */
function takeToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createHttpBridge(): FlowstageBridge {
  const token = takeToken();
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  let streaming = false;

  async function streamEvents(): Promise<void> {
    // fetch (not EventSource) so the token travels in a header, never in a URL.
    for (;;) {
      try {
        const response = await fetch(transport.httpEvents, { headers });
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const name = /^event: (.+)$/m.exec(frame)?.[1];
            const data = /^data: (.+)$/m.exec(frame)?.[1];
            if (name && data) {
              const payload: unknown = JSON.parse(data);
              listeners.forEach((listener) => listener(name as EventName, payload));
            }
          }
        }
      } catch {
        // The host restarted or the connection dropped: retry shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  return {
    async invoke(method, input) {
      let response: Response;
      try {
        response = await fetch(transport.httpInvoke + method, {
          method: 'POST',
          headers,
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: 'The Flow Stage host is not reachable. Is `npm run web` still running?',
          },
        };
      }
      const body = (await response.json().catch(() => null)) as Result<unknown> | null;
      return (
        body ?? {
          ok: false,
          error: { code: 'INTERNAL', message: `Unexpected answer from the host (HTTP ${response.status})` },
        }
      );
    },
    on(listener) {
      listeners.add(listener);
      if (!streaming) {
        streaming = true;
        void streamEvents();
      }
      return () => listeners.delete(listener);
    },
  };
}

export function createApi(bridge: FlowstageBridge): FlowstageApi {
  return {
    async invoke<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
      const result = await bridge.invoke(method, input);
      if (result.ok) return result.value as MethodOutput<M>;
      throw AppError.fromShape(result.error);
    },
    on(event, listener) {
      return bridge.on((name, payload) => {
        if (name === event) listener(payload as Parameters<typeof listener>[0]);
      });
    },
  };
}

export const api: FlowstageApi = createApi(window.flowstageBridge ?? createHttpBridge());
