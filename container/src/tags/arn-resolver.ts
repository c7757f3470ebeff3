/**
 * The ARNs whose tags make up the deployment's metadata. The Describe responses carry no tags (as in the
 * AWS API); they only turn names into ARNs.
 * - With a fleet identity (the deployer injected the Model name and the variant name): one DescribeEndpoint
 *   for the endpoint ARN (whose partition, region and account form the Model's ARN) and its pending and
 *   current config names, then DescribeEndpointConfig on those (at most two, each once) to find the config
 *   that runs this Model as this variant (see `fleet-config.ts`). Right during a blue/green update too,
 *   when DescribeEndpoint still names the old config as current.
 * - Without one (a container run by hand): DescribeEndpoint (endpoint ARN, config name) ->
 *   DescribeEndpointConfig (config ARN, model name) -> DescribeModel (model ARN): what the endpoint runs
 *   now, which is the old fleet's config while an update is in progress.
 */
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  type SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import type { FleetIdentity } from "../config";
import type { Logger } from "../log";
import { callControlPlane, ControlPlaneError, requiredField as required } from "./control-plane-error";
import { resolveFleetConfig, type ConfigCache } from "./fleet-config";

/** The ARNs of the resources behind one endpoint. */
export interface ResourceArns {
  /** The Endpoint's ARN. */
  readonly endpoint: string;
  /** The ARN of the fleet's EndpointConfig (without a fleet identity: the one the endpoint currently runs). */
  readonly endpointConfig: string;
  /** That EndpointConfig's name. */
  readonly endpointConfigName: string;
  /** The ARN of the fleet's Model (without a fleet identity: the config's first production variant's). */
  readonly model: string;
}

/**
 * Resolves the ARNs of `endpointName`'s endpoint and of `fleet`'s config and model (DescribeEndpoint, and
 * DescribeEndpointConfig on each candidate config not in `configs`), or, without a fleet, of the config
 * and model the endpoint currently runs (three Describe calls); `signal` aborts the calls.
 */
export async function resolveArns(
  client: SageMakerClient,
  endpointName: string,
  fleet: FleetIdentity | null,
  configs: ConfigCache,
  log: Logger,
  signal?: AbortSignal,
): Promise<ResourceArns> {
  const options = { abortSignal: signal };
  const endpoint = await callControlPlane("DescribeEndpoint", `endpoint "${endpointName}"`, () =>
    client.send(new DescribeEndpointCommand({ EndpointName: endpointName }), options),
  );
  const endpointArn = required(endpoint.EndpointArn, "DescribeEndpoint", endpointName, "EndpointArn");
  if (fleet !== null) {
    const config = await resolveFleetConfig(client, endpointName, endpoint, fleet, configs, signal);
    return {
      endpoint: endpointArn,
      endpointConfig: config.arn,
      endpointConfigName: config.name,
      model: modelArn(endpointArn, fleet.modelName),
    };
  }
  const configName = required(endpoint.EndpointConfigName, "DescribeEndpoint", endpointName, "EndpointConfigName");
  const config = await callControlPlane("DescribeEndpointConfig", `endpoint config "${configName}"`, () =>
    client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName }), options),
  );
  const modelName = pickModel(config.ProductionVariants ?? [], configName, log);
  const model = await callControlPlane("DescribeModel", `model "${modelName}"`, () =>
    client.send(new DescribeModelCommand({ ModelName: modelName }), options),
  );
  return {
    endpoint: endpointArn,
    endpointConfig: required(config.EndpointConfigArn, "DescribeEndpointConfig", configName, "EndpointConfigArn"),
    endpointConfigName: configName,
    model: required(model.ModelArn, "DescribeModel", modelName, "ModelArn"),
  };
}

/**
 * The ARN of model `name` in the partition, region and account of `endpointArn`
 * (`arn:<partition>:sagemaker:<region>:<account>:endpoint/<name>`); SageMaker lower-cases names in ARNs.
 */
export function modelArn(endpointArn: string, name: string): string {
  const match = /^(arn:[^:]+:sagemaker:[^:]+:\d{12}):endpoint\/.+$/.exec(endpointArn);
  if (match === null) {
    throw new ControlPlaneError("sagemaker:DescribeEndpoint", `"${endpointArn}"`, "MalformedArn", "the EndpointArn is not a SageMaker endpoint ARN");
  }
  return `${match[1]}:model/${name.toLowerCase()}`;
}

/**
 * The model of the config's variants. A container cannot tell which variant it serves; when variants
 * use different models the first variant's model is used and a warning names the others.
 */
function pickModel(variants: readonly { ModelName?: string }[], configName: string, log: Logger): string {
  const names = [...new Set(variants.map((variant) => variant.ModelName).filter((name) => name !== undefined))];
  const first = required(names[0], "DescribeEndpointConfig", configName, "ProductionVariants[].ModelName");
  if (names.length > 1) {
    log.warn("endpoint config has variants with different models; the model tag layer uses the first", {
      endpointConfig: configName,
      models: names,
      used: first,
    });
  }
  return first;
}
