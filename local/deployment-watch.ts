/**
 * Follows an endpoint update as an operator would, through DescribeEndpoint only: each change of status,
 * pending config, new-fleet phase or traffic share is one line, until the endpoint is `InService` again.
 * The outcome compares the config in service with the one asked for (after an auto-rollback SageMaker
 * reports `InService` on the old config, so the status alone says nothing).
 */
import { DescribeEndpointCommand, type DescribeEndpointOutput, type SageMakerClient } from "@aws-sdk/client-sagemaker";

/** How an update ended. */
export interface DeploymentOutcome {
  /** `deployed`: InService on the config asked for; `rolled back`: InService on another. */
  result: "deployed" | "rolled back";
  /** The config the endpoint runs at the end. */
  configName: string;
  /** Every distinct phase line seen, in order. */
  phases: string[];
}

/** Milliseconds between two DescribeEndpoint calls (AWS's own waiters poll every 30 s; this is local). */
const POLL_MS = 100;

/** One line for the state `d` describes; with several variants, each pending variant's phase and share. */
export function phaseLine(d: DescribeEndpointOutput): string {
  const pending = d.PendingDeploymentSummary;
  const variants = pending?.ProductionVariants ?? [];
  const shares = variants.map((variant) => {
    const label = variants.length > 1 ? `${variant.VariantName} ` : "";
    return `${label}${variant.VariantStatus?.[0]?.Status ?? "?"}, ${Math.round((variant.CurrentWeight ?? 0) * 100)} % of traffic`;
  });
  const fleet = shares.length > 0 ? `; new fleet ${pending?.EndpointConfigName}: ${shares.join("; ")}` : "";
  return `${d.EndpointStatus} on ${d.EndpointConfigName}${fleet}`;
}

/** Polls `endpointName` until it is InService with no pending deployment; `onPhase` gets each new line. */
export async function watchDeployment(
  client: SageMakerClient,
  endpointName: string,
  wantedConfig: string,
  onPhase: (line: string) => void,
  timeoutMs = 600_000,
): Promise<DeploymentOutcome> {
  const phases: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await client.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
    const line = phaseLine(d);
    if (phases.at(-1) !== line) {
      phases.push(line);
      onPhase(line);
    }
    if (d.EndpointStatus === "InService" && d.PendingDeploymentSummary === undefined) {
      const configName = d.EndpointConfigName ?? "";
      return { result: configName === wantedConfig ? "deployed" : "rolled back", configName, phases };
    }
    if (Date.now() > deadline) throw new Error(`endpoint ${endpointName} still ${line} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
