// The Pulumi program: validated stack settings -> components -> stack outputs.
import * as pulumi from "@pulumi/pulumi";
import { lookupAwsEnvironment } from "./components/aws-environment";
import { ExecutionRole } from "./components/execution-role";
import { InferenceImage } from "./components/inference-image";
import { ConfigError, Settings, parseSettings, projectConfigValues } from "./components/settings";
import { TaggedEndpoint } from "./components/tagged-endpoint";

/** Reads the stack config once and validates all of it before any resource is declared. */
function readSettings(): Settings {
  const project = pulumi.getProject();
  const allConfig = pulumi.runtime.allConfig();
  try {
    return parseSettings({
      project,
      stack: pulumi.getStack(),
      values: projectConfigValues(allConfig, project),
      region: allConfig["aws:region"],
    });
  } catch (err) {
    // A bad config value is the user's to fix: one line, no stack trace.
    if (err instanceof ConfigError) throw new pulumi.RunError(err.message);
    throw err;
  }
}

const settings = readSettings();
const environment = lookupAwsEnvironment();

const image = new InferenceImage("inference-image", {
  prebuilt: settings.prebuiltImage,
  repositoryName: settings.repositoryName,
  partition: environment.partition,
  tags: settings.tags,
});

const executionRole = new ExecutionRole("execution-role", {
  environment,
  endpointName: settings.endpointName,
  repositoryArn: image.repositoryArn,
  modelData: settings.modelData,
  tags: settings.tags,
});

const endpoint = new TaggedEndpoint("endpoint", {
  settings,
  environment,
  imageUri: image.imageUri,
  executionRole,
});

export const endpointName = endpoint.endpointName;
export const endpointArn = endpoint.endpointArn;
export const endpointConfigName = endpoint.endpointConfigName;
export const endpointConfigArn = endpoint.endpointConfigArn;
export const modelName = endpoint.modelName;
export const modelArn = endpoint.modelArn;
/** Read back by the next update (a stack reference to itself) to refuse a change that replaces the endpoint. */
export const rollbackAlarmNames = endpoint.rollbackAlarmNames;
export const roleArn = executionRole.roleArn;
export const imageUri = image.imageUri;
export const region = environment.region;
export const tags = settings.tags;
