/** The ready-to-paste commands local mode prints once the endpoint answers. */
import * as path from "node:path";
import type { StackOutputs } from "../base/stack-outputs";
import { LOCAL_METRICS_INTERVAL_SECONDS } from "./container-process";
import { SAMPLE_BODY, SAMPLE_CUSTOM_ATTRIBUTES } from "./sample-request";

/** What the commands need to know. */
export interface PasteContext {
  /** The stack outputs. */
  outputs: StackOutputs;
  /** Base URL of the emulator (control plane and runtime API). */
  emulatorUrl: string;
  /** The stack name. */
  stack: string;
  /** The outputs file local mode wrote. */
  outputsFile: string;
}

/** Quotes a value for a POSIX shell. */
function sh(value: string): string {
  return /^[A-Za-z0-9_./:@=,+-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * curl against the runtime API, the AWS CLI (v2, as Debian's `awscli` package ships it) against the
 * runtime and the control plane, the metrics the container published (the emulator's admin route),
 * and the drift check: each a shell line, with the dummy credentials and region the AWS CLI needs to
 * sign requests the emulator accepts.
 */
export function pasteCommands({ outputs, emulatorUrl, stack, outputsFile }: PasteContext): string[] {
  const awsEnv = `AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=${outputs.region}`;
  const relativeOutputs = path.relative(process.cwd(), outputsFile) || outputsFile;
  return [
    `curl -si -X POST ${emulatorUrl}/endpoints/${outputs.endpointName}/invocations -H 'Content-Type: application/json' ` +
      `-H ${sh(`X-Amzn-SageMaker-Custom-Attributes: ${SAMPLE_CUSTOM_ATTRIBUTES}`)} -d ${sh(SAMPLE_BODY)}`,
    `${awsEnv} aws sagemaker-runtime invoke-endpoint --endpoint-url ${emulatorUrl} --endpoint-name ${outputs.endpointName} ` +
      `--content-type application/json --custom-attributes ${sh(SAMPLE_CUSTOM_ATTRIBUTES)} ` +
      `--cli-binary-format raw-in-base64-out --body ${sh(SAMPLE_BODY)} /tmp/response.json && cat /tmp/response.json`,
    `${awsEnv} aws sagemaker list-tags --endpoint-url ${emulatorUrl} --resource-arn ${outputs.endpointArn}`,
    `curl -s ${emulatorUrl}/_emulator/metrics   # per-deployment metrics the container published (PutMetricData, every ${LOCAL_METRICS_INTERVAL_SECONDS} s here)`,
    `npm run drift -- --stack ${stack} --outputs-file ${sh(relativeOutputs)}`,
  ];
}
