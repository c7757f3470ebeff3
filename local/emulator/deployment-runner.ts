/**
 * Runs UpdateEndpoint as SageMaker's blue/green deployment does, on timers: the new fleet is `Creating`
 * (one container per production variant launched through the fleet launcher, each health-checked on
 * `/ping`; one failing fails the fleet), then for each traffic step of
 * the plan `ActivatingTraffic` (its share moves) and `Baking` (the wait interval, alarms watched); then
 * the endpoint switches to the new config and is `InService`, and the old fleet is terminated after the
 * termination wait. A failed health check, or an alarm firing at the end of a baking period (after the new
 * fleet has served its share) with auto-rollback configured, rolls back: `RollingBack`, the new fleet (every
 * variant's container) terminated, `InService` on the old config with no pending deployment, every variant
 * served by its old container again. Every wait is the configured seconds times `timeFactor`.
 */
import { request } from "node:http";
import { deploymentPlan, type DeploymentPlan } from "./deployment-plan";
import type { FleetLauncher, FleetRegistry } from "./fleets";
import type { JsonObject } from "./constraints";
import type { FleetPhase, PendingDeployment, Store, StoredEndpoint } from "./store";
import { epochSeconds } from "./wire";

/** What makes the next deployments fail: the new fleet's health check, or an alarm while baking. */
export type DeploymentFault = "health-check" | "alarm";

/** The deployment faults, as the admin API and the JS API name them. */
export const DEPLOYMENT_FAULTS: readonly DeploymentFault[] = ["health-check", "alarm"];

/** Seconds a traffic step stays `ActivatingTraffic` before baking (AWS publishes none; scaled by the factor). */
export const ACTIVATING_TRAFFIC_SECONDS = 5;

/** How often a running wait re-reads the time factor, in ms. */
const RECHECK_MS = 50;

/** How long a new fleet may take to answer `/ping` with 200, in ms (not scaled). */
export const HEALTH_CHECK_TIMEOUT_MS = 60_000;

/** What the runner works with. */
export interface DeploymentRunnerDeps {
  /** The resources. */
  store: Store;
  /** The containers behind each endpoint. */
  fleets: FleetRegistry;
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Multiplies every deployment wait (1 = real time); read again while waiting, so it may change mid-wait. */
  timeFactor: number;
  /** How long a fleet without a launcher takes to create, in ms (the emulator's `endpointCreationDelayMs`). */
  creationDelayMs: number;
}

/** Starts and tracks deployments. */
export class DeploymentRunner {
  /** Starts new fleets' containers; null: new fleets use the containers attached for any config. */
  launcher: FleetLauncher | null = null;
  /** The fault every following deployment meets; null: none. */
  fault: DeploymentFault | null = null;
  private closed = false;
  private readonly wakers = new Set<() => void>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: DeploymentRunnerDeps) {}

  /** Starts deploying `configName` (already validated, with its `variants` and `images`) to `endpoint`. */
  start(endpoint: StoredEndpoint, configName: string, variants: JsonObject[], images: (string | undefined)[], deploymentConfig: JsonObject | undefined): void {
    const now = epochSeconds(this.deps.now());
    endpoint.deployment = {
      configName,
      variants,
      images,
      deploymentConfig,
      startTime: now,
      endpointStatus: "Updating",
      phase: "Creating",
      phaseStartTime: now,
      trafficPercent: 0,
    };
    endpoint.lastModifiedTime = now;
    const run = this.run(endpoint, endpoint.deployment, endpoint.configName).finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /**
   * Runs `action` after `seconds` times the time factor (re-read while waiting), unless the runner closes
   * first (UpdateEndpointWeightsAndCapacities completing).
   */
  after(seconds: number, action: () => void): void {
    const run = this.wait(seconds * 1000)
      .then(() => {
        if (!this.closed) action();
      })
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** Ends every wait and lets running deployments stop where they are. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.wakers) wake();
    await Promise.allSettled([...this.running]);
  }

  private async run(endpoint: StoredEndpoint, deployment: PendingDeployment, blueConfig: string): Promise<void> {
    const plan = deploymentPlan(deployment.deploymentConfig, deployment.variants);
    const healthy = await this.createFleet(endpoint, deployment);
    if (!this.current(endpoint, deployment)) return;
    if (!healthy) return this.rollBack(endpoint, deployment);
    for (const share of plan.trafficSteps) {
      this.enter(deployment, "ActivatingTraffic");
      deployment.trafficPercent = share;
      await this.wait(ACTIVATING_TRAFFIC_SECONDS * 1000);
      if (!this.current(endpoint, deployment)) return;
      this.enter(deployment, "Baking");
      await this.wait(plan.waitIntervalSeconds * 1000);
      if (!this.current(endpoint, deployment)) return;
      if (this.alarmFires(plan)) return this.rollBack(endpoint, deployment);
    }
    this.switchOver(endpoint, deployment);
    await this.wait(plan.terminationWaitSeconds * 1000);
    if (this.deps.fleets.has(endpoint.name, blueConfig) && blueConfig.toLowerCase() !== endpoint.configName.toLowerCase()) {
      await this.deps.fleets.terminate(endpoint.name, blueConfig);
    }
  }

  /**
   * Launches and health-checks the new fleet, one container per production variant (each with its own
   * model's environment); false when one never became healthy (or the fault says so).
   */
  private async createFleet(endpoint: StoredEndpoint, deployment: PendingDeployment): Promise<boolean> {
    const { launcher } = this;
    if (launcher === null) {
      await this.wait(this.deps.creationDelayMs, false);
      return this.fault !== "health-check";
    }
    const { configName } = deployment;
    const launches = deployment.variants.map(async (variant) => {
      const modelName = String(variant.ModelName ?? "");
      const variantName = String(variant.VariantName ?? "");
      const spec = { endpointName: endpoint.name, configName, variantName, modelName, environment: environmentOf(this.deps.store, modelName) };
      const fleet = await launcher(spec);
      this.deps.fleets.attach(endpoint.name, fleet.url, { configName, variantName, stop: fleet.stop });
      return pingsHealthy(fleet.url, HEALTH_CHECK_TIMEOUT_MS);
    });
    const healthy = await Promise.allSettled(launches);
    return this.fault !== "health-check" && healthy.every((result) => result.status === "fulfilled" && result.value);
  }

  private alarmFires(plan: DeploymentPlan): boolean {
    return this.fault === "alarm" && plan.autoRollback;
  }

  private enter(deployment: PendingDeployment, phase: FleetPhase): void {
    deployment.phase = phase;
    deployment.phaseStartTime = epochSeconds(this.deps.now());
  }

  /** The endpoint switches to the new config and is InService. */
  private switchOver(endpoint: StoredEndpoint, deployment: PendingDeployment): void {
    endpoint.configName = deployment.configName;
    endpoint.variants = deployment.variants;
    endpoint.images = deployment.images;
    endpoint.weights = undefined;
    endpoint.instanceCounts = undefined;
    endpoint.serverlessConfigs = undefined;
    endpoint.lastModifiedTime = epochSeconds(this.deps.now());
    endpoint.deployment = undefined;
  }

  /** Traffic back to the old fleet, the new one terminated, InService on the old config. */
  private async rollBack(endpoint: StoredEndpoint, deployment: PendingDeployment): Promise<void> {
    deployment.endpointStatus = "RollingBack";
    deployment.trafficPercent = 0;
    await this.deps.fleets.terminate(endpoint.name, deployment.configName);
    if (endpoint.deployment === deployment) endpoint.deployment = undefined;
    endpoint.lastModifiedTime = epochSeconds(this.deps.now());
  }

  /** Whether `deployment` is still the endpoint's (not deleted, not closed); else its fleet is terminated. */
  private current(endpoint: StoredEndpoint, deployment: PendingDeployment): boolean {
    if (!this.closed && endpoint.deployment === deployment && this.deps.store.find("endpoint", endpoint.name) === endpoint) return true;
    void this.deps.fleets.terminate(endpoint.name, deployment.configName);
    return false;
  }

  /**
   * Waits `ms` (times the time factor when `scaled`, re-read every {@link RECHECK_MS} so a changed factor
   * applies to a running wait), or less when the runner closes.
   */
  private async wait(ms: number, scaled = true): Promise<void> {
    const started = Date.now();
    const due = () => started + (scaled ? ms * this.deps.timeFactor : ms);
    while (!this.closed && Date.now() < due()) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.wakers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(RECHECK_MS, due() - Date.now()));
        this.wakers.add(wake);
      });
    }
  }
}

/** The primary container environment of model `name` (empty when it is gone). */
function environmentOf(store: Store, name: string): Record<string, string> {
  const container = store.find("model", name)?.spec.PrimaryContainer as JsonObject | undefined;
  return (container?.Environment as Record<string, string> | undefined) ?? {};
}

/** Polls `GET <url>/ping` until it answers 200 (true) or `timeoutMs` passes (false). */
async function pingsHealthy(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await pingStatus(url)) === 200) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function pingStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(new URL("/ping", url), { timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
    req.end();
  });
}
