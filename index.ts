// The Pulumi program: validated stack settings -> components -> stack outputs.
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { prebuiltRepositoryArn } from "./components/arns";
import { lookupAwsEnvironment } from "./components/aws-environment";
import { dashboardBody } from "./components/dashboard";
import { ExecutionRole } from "./components/execution-role";
import { InferenceImage } from "./components/inference-image";
import { ModelArchiveBucket } from "./components/model-archive-bucket";
import { ConfigError, ModelData, Settings, parseSettings, projectConfigValues } from "./components/settings";
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

const variants = settings.variants;

// The stack's image (built from ./container, or its imageUri), declared only when a variant runs it (one
// without an imageUri of its own).
let image: InferenceImage | undefined;
const stackImage = (): InferenceImage =>
  (image ??= new InferenceImage("inference-image", {
    prebuilt: settings.prebuiltImage,
    repositoryName: settings.repositoryName,
    partition: environment.partition,
    tags: settings.tags,
  }));
const variantImages = variants.map((variant) => {
  const prebuilt = variant.prebuiltImage;
  if (prebuilt === undefined || prebuilt.uri === settings.prebuiltImage?.uri) {
    return { imageUri: stackImage().imageUri, repositoryArn: stackImage().repositoryArn };
  }
  return { imageUri: pulumi.output(prebuilt.uri), repositoryArn: environment.partition.apply((partition) => prebuiltRepositoryArn(partition, prebuilt)) };
});

// config model.path and variants[i].model.path: the program packs each distinct directory (relative to this
// project) and uploads the archives to one bucket; the stack's directory comes first.
const directories = [...new Set([settings.modelDirectory, ...variants.map((variant) => variant.modelDirectory)])].filter(
  (directory): directory is string => directory !== undefined && variants.some((variant) => variant.modelDirectory === directory),
);
const modelArchive =
  directories.length === 0
    ? undefined
    : new ModelArchiveBucket("model-archive", {
        directories: directories.map((directory) => ({
          path: path.resolve(__dirname, directory),
          configKey:
            directory === settings.modelDirectory
              ? "model.path"
              : `variants[${variants.findIndex((variant) => variant.modelDirectory === directory)}].model.path`,
        })),
        archiveDir: path.join(__dirname, ".build", "model-archives"),
        tags: settings.tags,
      });
const variantModelData = variants.map((variant) =>
  variant.modelDirectory === undefined
    ? variant.modelData && pulumi.output(variant.modelData)
    : modelArchive?.modelData[directories.indexOf(variant.modelDirectory)],
);

const executionRole = new ExecutionRole("execution-role", {
  environment,
  endpointName: settings.endpointName,
  repositoryArns: variantImages.map((variantImage) => variantImage.repositoryArn),
  modelData: variantModelData.filter((data): data is pulumi.Output<ModelData> => data !== undefined),
  tags: settings.tags,
});

/** The production variants' names, in config order; read back by the next update to refuse a guarded rename. */
export const variantNames = settings.variants.map((variant) => variant.name);

const endpoint = new TaggedEndpoint("endpoint", {
  settings,
  environment,
  variantArtifacts: variants.map((_, index) => ({
    imageUri: variantImages[index].imageUri,
    modelDataUrl: variantModelData[index]?.apply((data) => data.url),
  })),
  executionRole,
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
/** The image the first variant's Model runs. */
export const imageUri = variantImages[0].imageUri;
export const region = environment.region;
export const tags = settings.tags;
export const dashboardName = dashboard.dashboardName;
/** The model archive the first variant's Model runs (only when it has one: model.path or modelDataUrl). */
export const modelDataUrl = variantModelData[0]?.apply((data) => data.url);
