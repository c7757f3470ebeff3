/** The AWS account and region local mode pretends to be in, shared by the emulator and the mocks. */

/** Account and region of the emulation. */
export interface LocalIdentity {
  /** AWS account id used in every ARN. Default: the emulator's `123456789012`. */
  accountId: string;
  /** AWS region, from the stack's `aws:region` config. Default `us-east-1`. */
  region: string;
}

/** The account local mode uses (the emulator's default account). */
export const LOCAL_ACCOUNT_ID = "123456789012";

/** The region used when the stack config sets no `aws:region`. */
export const DEFAULT_REGION = "us-east-1";
