/**
 * Which system the integration suite checks: real AWS (a stack's outputs plus credentials), a local
 * mode already running (an outputs file local mode wrote), or a local mode the suite starts itself.
 */

/** The environment variables that choose the target. */
export interface TargetEnv {
  /** `INTEGRATION_STACK`: a deployed stack whose outputs `pulumi stack output --json` prints. */
  INTEGRATION_STACK?: string;
  /** `INTEGRATION_OUTPUTS_FILE`: a JSON file with a stack's outputs (from Pulumi or from local mode). */
  INTEGRATION_OUTPUTS_FILE?: string;
}

/** What the environment offers, probed only when a real-AWS target is asked for. */
export interface TargetProbes {
  /** Whether the Pulumi CLI runs. */
  hasPulumiCli(): Promise<boolean>;
  /** Whether the default AWS credential chain resolves credentials. */
  hasAwsCredentials(): Promise<boolean>;
}

/** The chosen target. */
export type TargetChoice =
  /** Outputs from `pulumi stack output --json --stack <stack>`, checked in AWS. */
  | { kind: "stack"; stack: string }
  /** Outputs from a file: in AWS, or in the local mode that wrote it (its metadata says so). */
  | { kind: "outputsFile"; path: string }
  /** No target inputs: start local mode as a child process. */
  | { kind: "local" }
  /** Inputs were given but a prerequisite is missing; `reason` says which. */
  | { kind: "skip"; reason: string };

/**
 * Chooses the target: `INTEGRATION_OUTPUTS_FILE` wins over `INTEGRATION_STACK`; neither means local
 * mode. A stack needs the Pulumi CLI and, like an outputs file without local-mode metadata, AWS
 * credentials; `fileIsLocal` says whether the outputs file was written by local mode.
 */
export async function chooseTarget(
  env: TargetEnv,
  probes: TargetProbes,
  fileIsLocal: (path: string) => Promise<boolean>,
): Promise<TargetChoice> {
  const file = env.INTEGRATION_OUTPUTS_FILE?.trim();
  const stack = env.INTEGRATION_STACK?.trim();
  if (!file && !stack) return { kind: "local" };
  if (file) {
    if (await fileIsLocal(file)) return { kind: "outputsFile", path: file };
  } else if (stack && !(await probes.hasPulumiCli())) {
    return { kind: "skip", reason: `INTEGRATION_STACK=${stack} is set but the Pulumi CLI (pulumi) is not on PATH` };
  }
  if (!(await probes.hasAwsCredentials())) {
    const input = file ? `INTEGRATION_OUTPUTS_FILE=${file}` : `INTEGRATION_STACK=${stack}`;
    return { kind: "skip", reason: `${input} is set but no AWS credentials resolve from the default chain` };
  }
  return file ? { kind: "outputsFile", path: file } : { kind: "stack", stack: stack as string };
}
