/**
 * The two internals of @pulumi/pulumi 3.x that the program runner relies on, in one place: neither is in
 * the package's type declarations, so an upgrade may change them without a type error. `internalsProblems()`
 * says what changed (tests/unit/pulumi-internals.test.ts fails with that text).
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
