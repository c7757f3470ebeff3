/**
 * The internals of @pulumi/pulumi 3.x that the program runner relies on, in one place: none is in the
 * package's type declarations, so an upgrade may change them without a type error. `internalsProblems()`
 * says what changed of the first two (tests/unit/pulumi-internals.test.ts fails with that text);
 * `watchRegistrations` fails with a one-line error of its own when the mock monitor changed.
 */
import * as pulumi from "@pulumi/pulumi";
import * as pulumiState from "@pulumi/pulumi/runtime/state";
import { version as PULUMI_VERSION } from "@pulumi/pulumi/version";

/** `runtime/state.withLocalStorage`: runs a callback with its own runtime state (what the Automation API uses). */
type WithLocalStorage = <T>(callback: () => Promise<T>) => Promise<T>;

/** `OutputImpl.promise()`: the value of an Output, awaited. */
type OutputPromise = () => Promise<unknown>;

const withLocalStorage = (pulumiState as unknown as { withLocalStorage?: WithLocalStorage }).withLocalStorage;

/** What is missing from the installed @pulumi/pulumi; empty when the runner can work with it. */
export function internalsProblems(): string[] {
  const problems: string[] = [];
  if (typeof withLocalStorage !== "function") problems.push("@pulumi/pulumi/runtime/state has no function withLocalStorage");
  const probe = pulumi.output(0) as unknown as { promise?: unknown };
  if (typeof probe.promise !== "function") problems.push("pulumi.output(...) has no method promise()");
  return problems;
}

/** Fails with every problem of {@link internalsProblems}, naming the installed version. */
function assertInternals(): void {
  const problems = internalsProblems();
  if (problems.length > 0) {
    throw new Error(`@pulumi/pulumi ${PULUMI_VERSION} changed internals local/program-runner.ts relies on: ${problems.join("; ")}`);
  }
}

/** Runs `callback` with a fresh Pulumi runtime state (settings, config, mocks) that ends with it. */
export function withRunState<T>(callback: () => Promise<T>): Promise<T> {
  assertInternals();
  return (withLocalStorage as WithLocalStorage)(callback);
}

/** The plain value of `value` (an Output, a promise or a plain value), with every Output inside resolved. */
export function resolvedValue(value: unknown): Promise<unknown> {
  return (pulumi.output(value) as unknown as { promise: OutputPromise }).promise();
}

/** The resource options of one registration that decide what an update deletes. */
export interface Registration {
  /** The resource type token. */
  type: string;
  /** The logical name. */
  name: string;
  /** `retainOnDelete`. */
  retainOnDelete: boolean;
  /** `deleteBeforeReplace`. */
  deleteBeforeReplace: boolean;
  /** `protect`. */
  protect: boolean;
  /** The names of the `aliases` given by name (the former logical names the resource answers to). */
  aliasNames: string[];
}

/** The getters of Pulumi's gRPC RegisterResourceRequest this module reads. */
interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getRetainondelete(): boolean;
  getDeletebeforereplace(): boolean;
  getProtect(): boolean;
  getAliasesList(): { getSpec(): { getName(): string } | undefined }[];
}

/**
 * Calls `onRegistration` with the options of every resource registration from now on. Pulumi's mocks see a
 * registration's inputs but not its options; the mock monitor (after `setMocks`) receives the whole
 * request, so this wraps its `registerResource`.
 */
export function watchRegistrations(onRegistration: (registration: Registration) => void): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource?: (request: RegisterResourceRequest, callback: unknown) => unknown };
  const register = monitor?.registerResource?.bind(monitor);
  if (register === undefined) {
    throw new Error(`@pulumi/pulumi ${PULUMI_VERSION} changed internals local/program-runner.ts relies on: the mock monitor has no registerResource`);
  }
  monitor.registerResource = (request, callback) => {
    onRegistration({
      type: request.getType(),
      name: request.getName(),
      retainOnDelete: request.getRetainondelete(),
      deleteBeforeReplace: request.getDeletebeforereplace(),
      protect: request.getProtect(),
      aliasNames: request
        .getAliasesList()
        .map((alias) => alias.getSpec()?.getName() ?? "")
        .filter((name) => name !== ""),
    });
    return register(request, callback);
  };
}
