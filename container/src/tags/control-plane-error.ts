/**
 * A failed SageMaker control-plane call, named by the IAM action it needs and the resource it was on,
 * so that an AccessDenied can be logged as "grant sagemaker:ListTags on arn:...".
 */
import { errorMessage } from "../log";

/** A control-plane call that failed (after the SDK's own retries). */
export class ControlPlaneError extends Error {
  override readonly name = "ControlPlaneError";

  /**
   * @param action the IAM action of the call, e.g. `sagemaker:ListTags`.
   * @param resource the resource it was called on (an ARN, or `endpoint "<name>"` before ARNs are known).
   * @param errorCode the AWS error code, e.g. `ThrottlingException`, `AccessDeniedException`.
   * @param detail the service's error message.
   */
  constructor(
    readonly action: string,
    readonly resource: string,
    readonly errorCode: string,
    detail: string,
  ) {
    super(`${action} on ${resource} failed: ${errorCode}: ${detail}`);
  }

  /** True when the execution role lacks `action` on `resource`. */
  get accessDenied(): boolean {
    return /AccessDenied/i.test(this.errorCode);
  }
}

/** Runs one SageMaker API call, turning its failure into a `ControlPlaneError` for `operation` on `resource`. */
export async function callControlPlane<T>(operation: string, resource: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    const code = err instanceof Error ? err.name : "Error";
    throw new ControlPlaneError(`sagemaker:${operation}`, resource, code, errorMessage(err));
  }
}

/** `value`, or a `ControlPlaneError` saying that `operation`'s response about `resource` has no `field`. */
export function requiredField<T>(value: T | undefined, operation: string, resource: string, field: string): T {
  if (value === undefined) {
    throw new ControlPlaneError(`sagemaker:${operation}`, `"${resource}"`, "MissingField", `the response has no ${field}`);
  }
  return value;
}
