import { z } from 'zod';

/** Every failure that crosses a boundary is one of these codes, with a message a booker can read. */
export const ErrorCode = z.enum([
  'VALIDATION', // the input does not match the method's schema
  'NOT_FOUND', // the record does not exist (or was deleted)
  'CONFLICT', // the operation contradicts the stored state
  'UNKNOWN_METHOD', // no such method in the contract
  'UNAUTHORIZED', // browser host: missing or wrong token
  'FORBIDDEN', // browser host: foreign Host or Origin header
  'PAYLOAD_TOO_LARGE', // request body over the limit
  'BAD_REQUEST', // body is not JSON, wrong content type
  'CANCELLED', // a long task cancelled by the user
  'DB_TOO_NEW', // the profile's database was written by a newer Flow Stage
  'UNSUPPORTED_MEDIA', // a file that cannot be analysed: empty, not audio, damaged, or too short
  'INTERNAL', // a bug: logged, never silently ignored
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorIssue = z.object({ path: z.string(), message: z.string() });
export type ErrorIssue = z.infer<typeof ErrorIssue>;

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  issues: z.array(ErrorIssue).optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: ErrorIssue[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }

  toShape(): AppErrorShape {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }

  static fromShape(shape: AppErrorShape): AppError {
    return new AppError(shape.code, shape.message, shape.issues);
  }
}

/** Turns a zod error into issues with a dotted path ("contacts.0.email"). */
export function issuesFromZod(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export function validationError(error: z.ZodError, what: string): AppError {
  const issues = issuesFromZod(error);
  const first = issues[0];
  const detail = first ? ` — ${first.path ? `${first.path}: ` : ''}${first.message}` : '';
  return new AppError('VALIDATION', `Invalid ${what}${detail}`, issues);
}

/** What every adapter sends back: never a thrown exception across a boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
