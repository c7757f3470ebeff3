/** AWS's AccessDeniedException for a call the caller's policies do not allow, worded as IAM words it. */
import { AwsError } from "../aws-error";

/** A call IAM denied. */
export interface DeniedCall {
  /** The IAM action, e.g. `sagemaker:ListTags`. */
  action: string;
  /** ARN of the caller, e.g. `arn:aws:sts::123456789012:assumed-role/role/session`. */
  callerArn: string;
  /** ARN of the resource acted on; undefined for actions on no single resource (the message then names none). */
  resourceArn?: string;
  /** Denied by a Deny statement (true) or because nothing allows it (false, the default). */
  explicit?: boolean;
}

/**
 * HTTP 400 `AccessDeniedException`: `User: CALLER is not authorized to perform: ACTION on resource: ARN
 * because no identity-based policy allows the ACTION action` (or `with an explicit deny in an
 * identity-based policy`).
 */
export function accessDeniedError(call: DeniedCall): AwsError {
  const on = call.resourceArn === undefined ? "" : ` on resource: ${call.resourceArn}`;
  const why = call.explicit === true ? "with an explicit deny in an identity-based policy" : `because no identity-based policy allows the ${call.action} action`;
  return new AwsError("AccessDeniedException", `User: ${call.callerArn} is not authorized to perform: ${call.action}${on} ${why}`);
}
