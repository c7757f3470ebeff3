// The Pulumi program: validated stack settings -> components -> stack outputs.
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { lookupAwsEnvironment } from "./components/aws-environment";
import { dashboardBody } from "./components/dashboard";
import { ExecutionRole } from "./components/execution-role";
import { InferenceImage } from "./components/inference-image";
import { ModelArchiveBucket } from "./components/model-archive-bucket";
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

// config model.path: the program packs the directory (relative to this project) and uploads the archive.
const modelArchive =
  settings.modelDirectory === undefined
    ? undefined
    : new ModelArchiveBucket("model-archive", {
        directory: path.resolve(__dirname, settings.modelDirectory),
        archiveDir: path.join(__dirname, ".build", "model-archives"),
        tags: settings.tags,
      });
const modelData = modelArchive?.modelData ?? settings.modelData;
const modelDataUrl = modelData && pulumi.output(modelData).apply((data) => data.url);

const executionRole = new ExecutionRole("execution-role", {
  environment,
  endpointName: settings.endpointName,
  repositoryArn: image.repositoryArn,
  modelData,
  tags: settings.tags,
});

/** The production variants' names, in config order; read back by the next update to refuse a guarded rename. */
export const variantNames = settings.variants.map((variant) => variant.name);

const endpoint = new TaggedEndpoint("endpoint", {
  settings,
  environment,
  imageUri: image.imageUri,
  executionRole,
  modelDataUrl,
});

// Built-in and per-version metrics side by side; named after the endpoint (dashboards take no tags).
const dashboard = new aws.cloudwatch.Dashboard("dashboard", {
  dashboardName: settings.endpointName,
  dashboardBody: environment.apply((env) => JSON.stringify(dashboardBody({ endpointName: settings.endpointName, region: env.region, variantNames }))),
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
export const dashboardName = dashboard.dashboardName;
/** The model archive the Model runs (only when the stack sets model.path or modelDataUrl). */
export { modelDataUrl };
