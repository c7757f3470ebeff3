// Starts an emulator with real AWS SDK clients pointed at it (dummy credentials), and closes all of it.
import { DescribeEndpointCommand, SageMakerClient, type DescribeEndpointOutput } from "@aws-sdk/client-sagemaker";
import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { EMULATOR_CREDENTIALS, EmulatorOptions, SageMakerEmulator } from "../../local/emulator";

/** A running emulator and SDK clients for it. */
export interface Harness {
  /** The emulator. */
  emu: SageMakerEmulator;
  /** Control-plane client (standard retry strategy, 3 attempts). */
  sm: SageMakerClient;
  /** Runtime client. */
  runtime: SageMakerRuntimeClient;
  /** Destroys the clients and closes the emulator. */
  close(): Promise<void>;
}

/** Starts an emulator on 127.0.0.1:0 with `options` and clients pointed at it. */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emu = await SageMakerEmulator.start({ host: "127.0.0.1", port: 0, ...options });
  const config = { endpoint: emu.url, region: emu.region, credentials: EMULATOR_CREDENTIALS };
  const sm = new SageMakerClient(config);
  const runtime = new SageMakerRuntimeClient(config);
  return {
    emu,
    sm,
    runtime,
    async close() {
      sm.destroy();
      runtime.destroy();
      await emu.close();
    },
  };
}

/**
 * Registers mocha hooks that start a harness before each test of the enclosing suite and close it after;
 * returns the current harness.
 */
export function useHarness(options: EmulatorOptions = {}): () => Harness {
  let current: Harness | undefined;
  beforeEach(async () => {
    current = await startHarness(options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error("the harness runs only inside a test");
    return current;
  };
}

/** The error `promise` rejects with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/**
 * Polls DescribeEndpoint of `name` every 5 ms until `done` holds and returns that response; fails after
 * `timeoutMs` showing the last one.
 */
export async function describeUntil(
  sm: SageMakerClient,
  name: string,
  done: (d: DescribeEndpointOutput) => boolean,
  timeoutMs = 15_000,
): Promise<DescribeEndpointOutput> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await sm.send(new DescribeEndpointCommand({ EndpointName: name }));
    if (done(d)) return d;
    if (Date.now() > deadline) throw new Error(`${name}: condition not met after ${timeoutMs} ms: ${JSON.stringify(d)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
