/**
 * Runs of the real program for the IAM tests: a stack file as it is, and the resources other stacks
 * would create in the same account (another stack file, and endpoints whose names share this one's
 * prefix). Each other stack gets a stack state of its own, so its generated names (fleet generations,
 * auto-names) are its own, as on AWS.
 */
import { declaredRole, type DeclaredRole } from "../../../local/execution-role";
import { StackState } from "../../../local/physical-names";
import type { ProgramRun } from "../../../local/program-runner";
import { TYPES, runStack, runStackFile, type ConfigEdits } from "../../support/program";

/** What the IAM tests read from one run. */
export interface StackUnderTest {
  /** The run. */
  run: ProgramRun;
  /** Its execution role and policy documents. */
  role: DeclaredRole;
  /** The endpoint, endpoint config and model ARNs (from the stack outputs). */
  arns: { endpoint: string; endpointConfig: string; model: string };
  /** Tags of each SageMaker resource, by ARN. */
  tagsByArn: Map<string, Record<string, string>>;
  /** The endpoint's name. */
  endpointName: string;
  /** The stack's account and region. */
  account: string;
  region: string;
  /** The ECR repository ARN of the image (from the `imageUri` output). */
  repositoryArn: string;
}

/** The ECR repository ARN of an image URI `ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO[:tag|@digest]`. */
export function repositoryArnOf(imageUri: string): string {
  const match = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([^:@]+)/.exec(imageUri);
  if (match === null) throw new Error(`not an ECR image URI: ${imageUri}`);
  return `arn:aws:ecr:${match[2]}:${match[1]}:repository/${match[3]}`;
}

/** What the IAM tests read from `run`. */
export function underTest(run: ProgramRun): StackUnderTest {
  const outputs = run.outputs as Record<string, string>;
  const tagsByArn = new Map<string, Record<string, string>>();
  for (const resource of run.resources) {
    if ([TYPES.model, TYPES.endpointConfig, TYPES.endpoint].includes(resource.type as never)) {
      tagsByArn.set(String(resource.state.arn), (resource.inputs.tags ?? {}) as Record<string, string>);
    }
  }
  const [, , , region, account] = outputs.endpointArn.split(":");
  return {
    run,
    role: declaredRole(run),
    arns: { endpoint: outputs.endpointArn, endpointConfig: outputs.endpointConfigArn, model: outputs.modelArn },
    tagsByArn,
    endpointName: outputs.endpointName,
    account,
    region,
    repositoryArn: repositoryArnOf(outputs.imageUri),
  };
}

/** The stack file `stack` as it is. */
export async function stackFile(stack: string): Promise<StackUnderTest> {
  return underTest(await runStackFile(stack));
}

/** Another stack in the same account: `stack` with `edits`, its auto-names unique to this run. */
export async function otherStack(stack: string, edits: ConfigEdits = {}): Promise<StackUnderTest> {
  return underTest(await runStack(stack, edits, undefined, {}, new StackState(JSON.stringify([stack, edits]))));
}
