/**
 * A stack file deployed into an in-process SageMaker emulator the way local mode does it (the real
 * program on Pulumi mocks backed by the emulator), its execution role registered with the emulator, and
 * the real container started as a child process with the role's credentials.
 */
import { DescribeModelCommand } from "@aws-sdk/client-sagemaker";
import { sageMakerClient } from "../../../base/sagemaker-client";
import { parseStackOutputs, type StackOutputs } from "../../../base/stack-outputs";
import { startContainer, type RunningContainer } from "../../../local/container-process";
import { SageMakerEmulator } from "../../../local/emulator";
import type { RoleCredentials } from "../../../local/emulator/iam/roles";
import type { DeclaredRole } from "../../../local/execution-role";
import { LOCAL_ACCOUNT_ID } from "../../../local/local-identity";
import { localMocks } from "../../../local/local-mocks";
import { StackState } from "../../../local/physical-names";
import { evaluateProgram } from "../../../local/program-runner";
import { MODEL_DIR } from "../../container/helpers/server";
import { stackConfig } from "../../support/program";
import { underTest, type StackUnderTest } from "./stack-runs";

/** A deployed stack in an emulator. */
export interface LocalStack {
  /** The emulator. */
  emu: SageMakerEmulator;
  /** The stack outputs. */
  outputs: StackOutputs;
  /** What the program declared: the execution role (registered with the emulator), ARNs, tags. */
  declared: StackUnderTest;
  /** The execution role (registered with the emulator). */
  role: DeclaredRole;
  /** The role's credentials. */
  credentials: RoleCredentials;
  /** The Model's container environment, as the emulator holds it. */
  modelEnvironment: Record<string, string>;
  /** Closes the emulator. */
  close(): Promise<void>;
}

/** Deploys `stack` (its stack file) into a new emulator and registers its execution role. */
export async function deployLocalStack(stack: string): Promise<LocalStack> {
  const config = stackConfig(stack);
  const region = config["aws:region"] ?? "us-east-1";
  const emu = await SageMakerEmulator.start({ accountId: LOCAL_ACCOUNT_ID, region });
  const client = sageMakerClient({ region, endpointUrl: emu.url });
  try {
    const run = await evaluateProgram({ stack, config, mocks: localMocks(client, { accountId: LOCAL_ACCOUNT_ID, region }, new StackState(stack)) });
    const outputs = parseStackOutputs(run.outputs, "the program's outputs").outputs;
    const declared = underTest(run);
    const { role } = declared;
    const credentials = await emu.registerRole({ roleArn: role.roleArn, policies: role.policies });
    const model = await client.send(new DescribeModelCommand({ ModelName: outputs.modelName }));
    const modelEnvironment = model.PrimaryContainer?.Environment ?? {};
    return { emu, outputs, declared, role, credentials, modelEnvironment, close: () => emu.close() };
  } catch (error) {
    await emu.close();
    throw error;
  } finally {
    client.destroy();
  }
}

/** A running container and the JSON lines it has logged. */
export interface StartedContainer extends RunningContainer {
  /** Every JSON log line so far. */
  lines: Record<string, unknown>[];
}

/**
 * Starts the real container (`container/src/main.ts serve`, as local mode does) with the Model's
 * environment plus `env`, signing its calls with the role's credentials. Waits for `/ping` 200 unless
 * `untilHealthy` is false.
 */
export async function startRoleContainer(stack: LocalStack, env: Record<string, string> = {}, untilHealthy = true): Promise<StartedContainer> {
  const container = await startContainer({
    modelEnvironment: { ...stack.modelEnvironment, ...env },
    emulatorUrl: stack.emu.url,
    credentials: stack.credentials,
    modelDir: MODEL_DIR,
    startupTimeoutMs: 30_000,
    untilHealthy,
  });
  const lines: Record<string, unknown>[] = [];
  const collect = (line: string) => {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      lines.push({ msg: line });
    }
  };
  for (const line of container.process.recentLines()) collect(line);
  container.process.onLine(collect);
  return { ...container, lines };
}
