/** Whether a live endpoint runs what the stack deployed: the decision behind `npm run verify`. */
import type { DescribeEndpointCommandOutput } from "@aws-sdk/client-sagemaker";
import type { StackOutputs } from "../base/stack-outputs";

/** Where to read how to recover, named in every failure. */
const RECOVERY = "see docs/pulumi-up.md, \"Recovering from a rollback\"";

/** What verify found. */
export interface Verdict {
  /** True when the endpoint is InService on the stack's endpoint configuration. */
  ok: boolean;
  /** One line saying what was found and, for a failure, what it means. */
  message: string;
}

/** The facts the verdict is made of. */
export interface VerdictInput {
  /** The stack name. */
  stack: string;
  /** Where the endpoint was looked up, for messages. */
  where: string;
  /** The stack outputs (endpointName, endpointConfigName). */
  outputs: Pick<StackOutputs, "endpointName" | "endpointConfigName">;
  /** DescribeEndpoint's answer; undefined when the endpoint does not exist. */
  endpoint: Pick<DescribeEndpointCommandOutput, "EndpointStatus" | "EndpointConfigName" | "FailureReason" | "PendingDeploymentSummary"> | undefined;
}

/** Compares DescribeEndpoint's status and EndpointConfigName with the stack output endpointConfigName. */
export function endpointVerdict(input: VerdictInput): Verdict {
  const { stack, where, outputs, endpoint } = input;
  const name = outputs.endpointName;
  const expected = outputs.endpointConfigName;
  if (endpoint === undefined) {
    return { ok: false, message: `endpoint ${name} does not exist in ${where}, though stack ${stack} deployed it; run pulumi refresh and pulumi up` };
  }
  const live = endpoint.EndpointConfigName;
  if (endpoint.EndpointStatus !== "InService") {
    const reason = endpoint.FailureReason ? ` (${endpoint.FailureReason})` : "";
    const pending = endpoint.PendingDeploymentSummary?.EndpointConfigName;
    const rolling = pending ? `, deploying ${pending}` : "";
    return {
      ok: false,
      message: `endpoint ${name} is ${endpoint.EndpointStatus}, not InService${reason}, on endpoint configuration ${live}${rolling}; stack ${stack} deployed ${expected}; ${RECOVERY}`,
    };
  }
  if (live !== expected) {
    return {
      ok: false,
      message:
        `SageMaker rolled back the update of endpoint ${name}: it is InService on endpoint configuration ${live}, ` +
        `but stack ${stack} deployed ${expected}. The stack's state names a configuration the endpoint does not run; ${RECOVERY}`,
    };
  }
  return { ok: true, message: `endpoint ${name} is InService on endpoint configuration ${live}, as stack ${stack} says` };
}
