import { z } from 'zod';
import { Id } from './domain';

/**
 * The building blocks of the contract (contract.ts), shared by the feature files that contribute their
 * methods to it (venue-fit.ts, legal.ts, forecast.ts), so each feature's schemas live beside its types.
 */
export const method = <I extends z.ZodTypeAny, O extends z.ZodTypeAny>(input: I, output: O) => ({
  input,
  output,
});

export const Empty = z.object({}).strict().default({});
export const ById = z.object({ id: Id }).strict();
export const JobId = z.uuid();
