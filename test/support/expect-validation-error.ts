import { ValidationError } from "../../lib/core/errors";

/**
 * Runs `fn` and asserts that it throws a {@link ValidationError} whose message is exactly `message` (a string) or
 * matches it (a regular expression, which should be anchored). Returns the error for further assertions.
 */
export function expectValidationError(fn: () => unknown, message: string | RegExp): ValidationError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) throw new Error(`expected a ValidationError matching ${String(message)}, but nothing was thrown`);
  expect(thrown).toBeInstanceOf(ValidationError);
  const error = thrown as ValidationError;
  if (typeof message === "string") expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  return error;
}
