/**
 * The SageMaker emulator with one deployed endpoint (model, endpoint config, endpoint, each with its own
 * tags), created through the real AWS SDK, and dummy credentials for the container's default chain.
 */
import { AddTagsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import { EMULATOR_CREDENTIAL_ENV, EMULATOR_CREDENTIALS, SageMakerEmulator, seedDeployment, tagList } from "../../../local/emulator";

/** The region every container test uses. */
export const REGION = "us-east-1";

/** Tags per resource of a test deployment. */
export interface DeploymentTags {
  readonly model?: Record<string, string>;
  readonly endpointConfig?: Record<string, string>;
  readonly endpoint?: Record<string, string>;
}

/** A client of the emulator's control plane with dummy credentials. */
export function emulatorClient(emu: SageMakerEmulator): SageMakerClient {
  return new SageMakerClient({ region: REGION, endpoint: emu.url, credentials: EMULATOR_CREDENTIALS });
}

/** Creates model `<name>-model`, config `<name>-config` and endpoint `<name>` with `tags`. */
export async function deployEndpoint(emu: SageMakerEmulator, name: string, tags: DeploymentTags): Promise<void> {
  const client = emulatorClient(emu);
  try {
    await seedDeployment(client, {
      endpointName: name,
      modelTags: tagList(tags.model),
      endpointConfigTags: tagList(tags.endpointConfig),
      endpointTags: tagList(tags.endpoint),
    });
  } finally {
    client.destroy();
  }
}

/** Sets `tags` on the resource `arn` through AddTags. */
export async function addTags(emu: SageMakerEmulator, arn: string, tags: Record<string, string>): Promise<void> {
  const client = emulatorClient(emu);
  try {
    await client.send(new AddTagsCommand({ ResourceArn: arn, Tags: tagList(tags) }));
  } finally {
    client.destroy();
  }
}

/** The ARN the emulator gives endpoint `name` (AWS lower-cases endpoint names in ARNs). */
export function endpointArn(name: string): string {
  return `arn:aws:sagemaker:${REGION}:123456789012:endpoint/${name.toLowerCase()}`;
}

/** Sets dummy AWS credentials (and no session token) for the container's default chain in this suite; restores them after. */
export function useDummyCredentials(): void {
  const saved: Record<string, string | undefined> = {};
  const dummy: Record<string, string | undefined> = { ...EMULATOR_CREDENTIAL_ENV, AWS_SESSION_TOKEN: undefined };
  before(() => {
    for (const [key, value] of Object.entries(dummy)) {
      saved[key] = process.env[key];
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  after(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
}
