// The deployment the bench emulates: one endpoint, its config and its model, tagged as the Pulumi
// program tags them, and the container environment the program sets on the Model.
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { EMULATOR_CREDENTIAL_ENV, EMULATOR_CREDENTIALS } from "../base/emulator-credentials";
import { seedDeployment as seed, tagList } from "../local/emulator/seed";

/** Endpoint name of the emulated deployment (as the program computes it for project tagged-endpoint, stack bench). */
export const ENDPOINT_NAME = "tagged-endpoint-bench";

/** Region of the emulated deployment. */
export const REGION = "us-east-1";

/** User tags from stack config; their keys are the ones the container may expose (the tags bare and peer answer with). */
export const USER_TAGS: Record<string, string> = {
  ModelVersion: "1.4.0",
  DeploymentStage: "bench",
  CreatedBy: "bench@example.com",
  CostCenter: "ml-platform-1234",
};

/** The merged tag set the program puts on every resource: user tags plus the program-owned keys. */
const TAGS = { ...USER_TAGS, "pulumi:project": "tagged-endpoint", "pulumi:stack": "bench", ManagedBy: "pulumi" };

/** The tag cache TTL the program sets when stack config has none (tagCacheTtlSeconds default), in seconds. */
export const DEFAULT_TTL_SECONDS = 300;

/** Resources whose tags the container reads: the endpoint, its config and its model. */
export const TAGGED_RESOURCES = 3;

/** Creates the model, endpoint config and endpoint in the emulator at `emulatorUrl`, each with the merged tags. */
export async function seedDeployment(emulatorUrl: string): Promise<void> {
  const client = new SageMakerClient({ endpoint: emulatorUrl, region: REGION, credentials: EMULATOR_CREDENTIALS });
  const tags = tagList(TAGS);
  try {
    await seed(client, {
      endpointName: ENDPOINT_NAME,
      modelTags: tags,
      endpointConfigTags: tags,
      endpointTags: tags,
      environment: programEnvironment(DEFAULT_TTL_SECONDS),
    });
  } finally {
    client.destroy();
  }
}

/** The Model's container environment as the program sets it, with the given tag cache TTL. */
function programEnvironment(tagCacheTtlSeconds: number): Record<string, string> {
  return {
    SAGEMAKER_ENDPOINT_NAME: ENDPOINT_NAME,
    AWS_REGION: REGION,
    TAG_CACHE_TTL_SECONDS: String(tagCacheTtlSeconds),
    EXPOSED_TAG_KEYS: Object.keys(USER_TAGS).join(","),
    TAGS_REQUIRED: "false",
  };
}

/**
 * The environment of a local container process: the program's environment plus what a run outside
 * SageMaker needs: the model directory of the repo, loopback only, and the SDK pointed at the
 * emulator with dummy credentials.
 */
export function containerEnvironment(emulatorUrl: string, tagCacheTtlSeconds: number, modelDir: string): Record<string, string> {
  return {
    ...programEnvironment(tagCacheTtlSeconds),
    SM_MODEL_DIR: modelDir,
    SAGEMAKER_BIND_TO_HOST: "127.0.0.1",
    AWS_ENDPOINT_URL_SAGEMAKER: emulatorUrl,
    ...EMULATOR_CREDENTIAL_ENV,
  };
}
