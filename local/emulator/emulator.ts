/**
 * SageMakerEmulator: a local SageMaker control plane (AWS JSON 1.1) and runtime API (InvokeEndpoint
 * forwarded to a local container) on one loopback port, for tests and local mode. An emulation, not AWS.
 */
import { Agent, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CallCounter, CallCounts } from "./call-counter";
import { CallLog, type LoggedCall } from "./call-log";
import { CLOUDWATCH_OPERATIONS } from "./cloudwatch";
import { OPERATION_NAMES } from "./control-plane";
import { DEPLOYMENT_FAULTS, DeploymentFault, DeploymentRunner, DeploymentRunnerDeps } from "./deployment-runner";
import { AttachOptions, FleetLauncher, FleetRegistry } from "./fleets";
import { FaultSettings, Faults, parseFaultSettings } from "./faults";
import type { NamedPolicy } from "./iam/evaluate";
import { RoleEnforcer, type EnforcementStats } from "./iam/enforcer";
import { RoleRegistry, type RoleCredentials, type RoleSpec, type RoleSummary } from "./iam/roles";
import { MetricStore, type MetricsSnapshot } from "./metric-store";
import { EmulatorOptions, ResolvedOptions, resolveOptions } from "./options";
import { createEmulatorServer } from "./server";
import { Store } from "./store";
import { parseThrottleSettings, Throttle, type ThrottleSettings } from "./throttle";

/** A running emulator. */
export class SageMakerEmulator {
  private readonly faultState = new Faults();
  private readonly throttleState = new Throttle();
  private readonly counter = new CallCounter();
  private readonly metricStore = new MetricStore();
  private readonly fleets = new FleetRegistry();
  private readonly deployments: DeploymentRunner;
  private readonly runnerDeps: DeploymentRunnerDeps;
  private readonly log = new CallLog();
  private readonly roleRegistry = new RoleRegistry();
  private readonly enforcer = new RoleEnforcer(this.roleRegistry);
  private readonly agent = new Agent({ keepAlive: true });
  private readonly server: Server;
  private baseUrl = "";

  private constructor(private readonly options: ResolvedOptions) {
    const store = new Store({ region: options.region, accountId: options.accountId });
    const now = () => Date.now();
    this.runnerDeps = {
      store,
      fleets: this.fleets,
      now,
      timeFactor: options.deploymentTimeFactor,
      creationDelayMs: options.endpointCreationDelayMs,
    };
    this.deployments = new DeploymentRunner(this.runnerDeps);
    this.server = createEmulatorServer({
      controlPlane: {
        context: { store, now, settings: options, deployments: this.deployments },
        faults: this.faultState,
        calls: this.counter,
        log: this.log,
        iam: this.enforcer,
        throttle: this.throttleState,
      },
      runtime: { store, now, fleets: this.fleets, agent: this.agent },
      cloudWatch: { metrics: this.metricStore, faults: this.faultState, accountId: options.accountId, log: this.log, iam: this.enforcer },
      admin: this,
    });
  }

  /** Starts an emulator; rejects with a one-line Error on bad options or a port that cannot be bound. */
  static async start(options: EmulatorOptions = {}): Promise<SageMakerEmulator> {
    const emulator = new SageMakerEmulator(resolveOptions(options));
    const { host } = emulator.options;
    const port = await listen(emulator.server, host, emulator.options.port);
    emulator.baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
    return emulator;
  }

  /** Base URL, e.g. `http://127.0.0.1:4599`: the SDK `endpoint`, or `AWS_ENDPOINT_URL_SAGEMAKER(_RUNTIME)`. */
  get url(): string {
    return this.baseUrl;
  }

  /** Region in every ARN. */
  get region(): string {
    return this.options.region;
  }

  /** Account id in every ARN. */
  get accountId(): string {
    return this.options.accountId;
  }

  /** Replaces the fault settings (`{}` clears); throws a one-line Error when they are bad. */
  setFaults(settings: FaultSettings): void {
    this.faultState.set(parseFaultSettings(settings, [...OPERATION_NAMES, ...CLOUDWATCH_OPERATIONS]));
  }

  /** Removes every fault. */
  clearFaults(): void {
    this.faultState.set({});
  }

  /** The fault settings in force (`count` = calls still to be affected). */
  faults(): FaultSettings {
    return this.faultState.current();
  }

  /**
   * Throttles every control-plane operation above a rate: a token bucket per account and operation
   * (defaults: 20 calls/s, bursts of 100), HTTP 400 `ThrottlingException` "Rate exceeded" when empty.
   * `null` turns it off. Throws a one-line Error when the settings are bad.
   */
  setThrottle(settings: ThrottleSettings | null): void {
    this.throttleState.set(settings === null ? null : parseThrottleSettings(settings));
  }

  /** The throttle in force (null when off) and the calls it refused since it was set. */
  throttle(): { settings: Required<ThrottleSettings> | null; throttledCalls: number } {
    return { settings: this.throttleState.current(), throttledCalls: this.throttleState.rejectedCalls() };
  }

  /** Control-plane calls received (faulted ones included) of `operation`, or of all when undefined. */
  callCount(operation?: string): number {
    return this.counter.count(operation);
  }

  /** Control-plane calls received, in total and per operation. */
  calls(): CallCounts {
    return this.counter.snapshot();
  }

  /** The distinct control-plane calls received: caller, IAM action, resource ARN, decision and count. */
  callLog(): { calls: LoggedCall[]; dropped: number } {
    return this.log.snapshot();
  }

  /** Zeroes the call counters and empties the call log. */
  resetCalls(): void {
    this.counter.reset();
    this.log.reset();
  }
  /** The metrics received through CloudWatch's PutMetricData: per series totals and every datum. */
  metrics(): MetricsSnapshot {
    return this.metricStore.snapshot();
  }

  /** Forgets the metrics received. */
  resetMetrics(): void {
    this.metricStore.reset();
  }


  /**
   * Registers an execution role and returns the credentials that sign as it: control-plane calls with
   * them are judged by the role's policies (calls with any other credentials stay unrestricted).
   * Registering a known role replaces its policies. Rejects with a one-line Error on a bad ARN or policy.
   */
  registerRole(role: RoleSpec): Promise<RoleCredentials> {
    return this.roleRegistry.register(role);
  }

  /** Replaces a registered role's policies at run time (its cached decisions are dropped). */
  setRolePolicies(roleArn: string, policies: NamedPolicy[]): Promise<void> {
    return this.roleRegistry.setPolicies(roleArn, policies);
  }

  /** The registered roles. */
  roles(): RoleSummary[] {
    return this.roleRegistry.list();
  }

  /** Time spent judging role calls so far: evaluator runs (cache misses) and cache hits, with totals in ms. */
  iamStats(): EnforcementStats {
    return this.enforcer.stats();
  }

  /**
   * Routes InvokeEndpoint on `endpointName` to `POST <baseUrl>/invocations`: for the fleet of
   * `options.configName` (with `options.stop` to terminate it after an update), or for any config the
   * endpoint runs. The endpoint need not exist yet; attaching again replaces the container. Throws a
   * one-line Error on a bad name or URL.
   */
  attachContainer(endpointName: string, baseUrl: string, options: AttachOptions = {}): void {
    if (typeof endpointName !== "string" || endpointName === "") throw new Error("endpointName must be a non-empty string");
    let url: URL | undefined;
    try {
      url = new URL(baseUrl);
    } catch {
      url = undefined;
    }
    if (url?.protocol !== "http:") throw new Error(`container URL must look like http://host:port, got ${JSON.stringify(baseUrl)}`);
    this.fleets.attach(endpointName, baseUrl, options);
  }

  /**
   * How UpdateEndpoint starts a new fleet's container (local mode: a container process with the new
   * model's environment); null (the default): new fleets share the container attached for any config.
   */
  setFleetLauncher(launcher: FleetLauncher | null): void {
    this.deployments.launcher = launcher;
  }

  /**
   * Makes every following deployment fail: `health-check` (the new fleet never passes `/ping`) or `alarm`
   * (an auto-rollback alarm fires while baking; only with AutoRollbackConfiguration); null clears.
   * Throws a one-line Error on another value.
   */
  setDeploymentFault(fault: DeploymentFault | null): void {
    if (fault !== null && !DEPLOYMENT_FAULTS.includes(fault)) {
      throw new Error(`deployment fault must be one of ${DEPLOYMENT_FAULTS.join(", ")} or null, got ${JSON.stringify(fault)}`);
    }
    this.deployments.fault = fault;
  }

  /**
   * Changes the deployment time factor (see `deploymentTimeFactor`), for running deployments too; throws a
   * one-line Error on a negative or non-finite value.
   */
  setDeploymentTimeFactor(factor: number): void {
    if (!(Number.isFinite(factor) && factor >= 0)) throw new Error(`deploymentTimeFactor must be a number >= 0, got ${JSON.stringify(factor)}`);
    this.runnerDeps.timeFactor = factor;
  }

  /** The deployment fault in force (null: none). */
  deploymentFault(): DeploymentFault | null {
    return this.deployments.fault;
  }

  /**
   * Stops running deployments, terminates the fleets it can stop, stops listening and closes every
   * connection (idle and active) and the agent used towards containers.
   */
  async close(): Promise<void> {
    await this.deployments.close();
    await this.fleets.terminateAll();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    this.agent.destroy();
    await closed;
  }
}

/** Binds `server`; resolves with the port, rejects with a one-line Error (e.g. address in use). */
function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const reason = error.code === "EADDRINUSE" ? "address already in use" : error.message;
      reject(new Error(`SageMaker emulator cannot listen on ${host}:${port}: ${reason}`));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
