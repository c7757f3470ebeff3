/**
 * Credentials for clients of the emulator. It accepts any, but the AWS SDK signs every request and so
 * needs some: these are what tests, local mode and the bench give it.
 */

/** Dummy credentials for an SDK client's `credentials` option. */
export const EMULATOR_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" } as const;

/** The same credentials as environment variables, for a child process whose SDK reads its default chain. */
export const EMULATOR_CREDENTIAL_ENV = {
  AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
} as const;
