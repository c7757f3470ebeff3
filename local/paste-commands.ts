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
  /** The endpoint's production variant names; with several, each gets lines that target it. */
  variantNames: readonly string[];
}

/** Quotes a value for a POSIX shell. */
function sh(value: string): string {
  return /^[A-Za-z0-9_./:@=,+-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * curl against the runtime API, the AWS CLI (v2, as Debian's `awscli` package ships it) against the
 * runtime and the control plane, the metrics the container published (the emulator's admin route),
 * and the drift check: each a shell line, with the dummy credentials and region the AWS CLI needs to
 * sign requests the emulator accepts. With several variants: a curl and an AWS CLI line per variant with
 * its target variant, and the AWS CLI line that shifts the weights (UpdateEndpointWeightsAndCapacities).
 */
export function pasteCommands({ outputs, emulatorUrl, stack, outputsFile, variantNames }: PasteContext): string[] {
  const awsEnv = `AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=${outputs.region}`;
  const relativeOutputs = path.relative(process.cwd(), outputsFile) || outputsFile;
  const perVariant = variantNames.length < 2 ? [] : variantNames.flatMap((variant) => [
    `curl -si -X POST ${emulatorUrl}/endpoints/${outputs.endpointName}/invocations -H 'Content-Type: application/json' ` +
      `-H ${sh(`X-Amzn-SageMaker-Target-Variant: ${variant}`)} -d ${sh(SAMPLE_BODY)}   # variant ${variant}`,
    `${awsEnv} aws sagemaker-runtime invoke-endpoint --endpoint-url ${emulatorUrl} --endpoint-name ${outputs.endpointName} ` +
      `--target-variant ${sh(variant)} --content-type application/json --cli-binary-format raw-in-base64-out ` +
      `--body ${sh(SAMPLE_BODY)} /tmp/response.json && cat /tmp/response.json`,
  ]);
  const shift = variantNames.length < 2 ? [] : [
    `${awsEnv} aws sagemaker update-endpoint-weights-and-capacities --endpoint-url ${emulatorUrl} --endpoint-name ${outputs.endpointName} ` +
      `--desired-weights-and-capacities ${variantNames.map((variant, i) => sh(`VariantName=${variant},DesiredWeight=${i === 0 ? 1 : 0}`)).join(" ")}   # shift the weights: Updating, then InService with them`,
  ];
  return [
    ...perVariant,
    ...shift,
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
