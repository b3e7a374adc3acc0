import { contract, isMethodName } from '../shared/contract';
import { AppError, validationError, type Result } from '../shared/errors';
import type { Handlers } from './services';

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

/**
 * The one entry point every adapter calls: checks the method exists, validates the input against the
 * contract before any service sees it, validates the output on the way back (a service bug becomes
 * INTERNAL, never a malformed answer), and turns every failure into a typed error.
 */
export function createDispatch(handlers: Handlers, log: (message: string) => void = console.error): Dispatch {
  return async (method, input) => {
    try {
      if (!isMethodName(method))
        throw new AppError('UNKNOWN_METHOD', `Unknown method "${method.slice(0, 100)}"`);
      const spec = contract[method];
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) throw validationError(parsed.error, `input for ${method}`);
      const handler = handlers[method] as (input: unknown) => unknown;
      const output = spec.output.safeParse(await handler(parsed.data));
      if (!output.success) {
        log(`[flowstage] ${method} returned a value that breaks the contract: ${output.error.message}`);
        throw new AppError('INTERNAL', `Internal error in ${method}`);
      }
      return { ok: true, value: output.data };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toShape() };
      log(
        `[flowstage] ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return { ok: false, error: { code: 'INTERNAL', message: `Internal error in ${method}` } };
    }
  };
}
