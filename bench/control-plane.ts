// The control plane the container talks to: the SageMaker emulator in this process, seeded with the
// bench deployment, with a fixed latency on every control-plane call, its call counters and its
// throttling knob.
import { SageMakerEmulator, type CallCounts, type ThrottleSettings } from "../local/emulator";
import { Cleanup } from "./cleanup";
import { seedDeployment } from "./deployment";

/** A running, seeded emulator. */
export interface ControlPlane {
  /** Base URL for AWS_ENDPOINT_URL_SAGEMAKER. */
  url: string;
  /** Control-plane calls served so far, in total and per operation. */
  calls(): CallCounts;
  /** Turns throttling on (settings over the emulator's defaults) or off (null). */
  setThrottle(settings: ThrottleSettings | null): void;
  /** The throttle in force (null when off) and the calls it refused since it was set. */
  throttle(): { settings: Required<ThrottleSettings> | null; throttledCalls: number };
}

/** Starts the emulator on loopback, creates the deployment, then sets `latencyMs` on every control-plane call. */
export async function startControlPlane(latencyMs: number, cleanup: Cleanup): Promise<ControlPlane> {
  const emulator = await SageMakerEmulator.start({ host: "127.0.0.1", port: 0 });
  cleanup.add("emulator", () => emulator.close());
  await seedDeployment(emulator.url);
  if (latencyMs > 0) emulator.setFaults({ latencyMs });
  emulator.resetCalls();
  return {
    url: emulator.url,
    calls: () => emulator.calls(),
    setThrottle: (settings) => emulator.setThrottle(settings),
    throttle: () => emulator.throttle(),
  };
}
