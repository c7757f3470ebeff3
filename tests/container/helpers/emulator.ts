/**
 * The SageMaker emulator with one deployed endpoint (model, endpoint config, endpoint, each with its own
 * tags), created through the real AWS SDK, and dummy credentials for the container's default chain.
 */
import {
  AddTagsCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  SageMakerClient,
  type Tag,
} from "@aws-sdk/client-sagemaker";
import { SageMakerEmulator } from "../../../local/emulator";

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
  return new SageMakerClient({ region: REGION, endpoint: emu.url, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
}

const toTags = (map: Record<string, string> = {}): Tag[] => Object.entries(map).map(([Key, Value]) => ({ Key, Value }));

/** Creates model `<name>-model`, config `<name>-config` and endpoint `<name>` with `tags`. */
export async function deployEndpoint(emu: SageMakerEmulator, name: string, tags: DeploymentTags): Promise<void> {
  const client = emulatorClient(emu);
  try {
    await client.send(
      new CreateModelCommand({
        ModelName: `${name}-model`,
        ExecutionRoleArn: "arn:aws:iam::123456789012:role/test-execution-role",
        PrimaryContainer: { Image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/tagged-endpoint:test" },
        Tags: toTags(tags.model),
      }),
    );
    await client.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: `${name}-config`,
        ProductionVariants: [
          { VariantName: "AllTraffic", ModelName: `${name}-model`, InitialInstanceCount: 1, InstanceType: "ml.t2.medium" },
        ],
        Tags: toTags(tags.endpointConfig),
      }),
    );
    await client.send(new CreateEndpointCommand({ EndpointName: name, EndpointConfigName: `${name}-config`, Tags: toTags(tags.endpoint) }));
  } finally {
    client.destroy();
  }
}

/** Sets `tags` on the resource `arn` through AddTags. */
export async function addTags(emu: SageMakerEmulator, arn: string, tags: Record<string, string>): Promise<void> {
  const client = emulatorClient(emu);
  try {
    await client.send(new AddTagsCommand({ ResourceArn: arn, Tags: toTags(tags) }));
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
  const dummy: Record<string, string | undefined> = { AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_SESSION_TOKEN: undefined };
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
