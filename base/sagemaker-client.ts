/** The SageMaker control-plane client every command uses: AWS, or the local emulator by URL. */
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { EMULATOR_CREDENTIALS } from "./emulator-credentials";

/** Where the SageMaker control plane is. */
export interface ControlPlaneTarget {
  /** AWS region of the stack (from its outputs). */
  region: string;
  /**
   * Base URL of a SageMaker-compatible endpoint (the local emulator). When set, dummy credentials are
   * used, as the emulator accepts any. Default: unset, i.e. AWS with the default credential chain.
   */
  endpointUrl?: string;
}

/** A SageMaker control-plane client for AWS or the local emulator. */
export function sageMakerClient(target: ControlPlaneTarget): SageMakerClient {
  if (target.endpointUrl === undefined) return new SageMakerClient({ region: target.region });
  return new SageMakerClient({ region: target.region, endpoint: target.endpointUrl, credentials: EMULATOR_CREDENTIALS });
}
