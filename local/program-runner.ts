// Runs the real Pulumi program (index.ts) in-process on Pulumi's mock runtime, as many times as needed.
//
// Each run gets its own Pulumi runtime state (settings, config, mock monitor) through the same per-run
// AsyncLocalStorage store that Pulumi's Automation API uses for inline programs, so nothing leaks into
// the process-wide state that other code (or another test suite) sees, and runs do not see each other.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_PROJECT_ROOT, readProjectName } from "../base/stack-file";
import { resolvedValue, watchRegistrations, withRunState } from "./pulumi-internals";

/** What to run. */
export interface EvaluateOptions {
  /** The stack name; the program sees it as `pulumi.getStack()` (required). */
  stack: string;
  /** The full config map, `<namespace>:<key>` to text, for example from `loadStackConfig` (required). */
  config: Record<string, string>;
  /** Resource and invoke mocks; `newResource` and `call` may be async (required). */
  mocks: pulumi.runtime.Mocks;
  /** The directory with Pulumi.yaml, index.ts and components/ (default: this repository). */
  projectRoot?: string;
}

/** One resource registration the program made. */
export interface RecordedResource {
  /** The type token, for example `aws:sagemaker/model:Model`. */
  type: string;
  /** The logical (Pulumi) name. */
  name: string;
  /** True for provider resources, false for components. */
  custom: boolean;
  /** The inputs as the program declared them (Outputs resolved; a file asset as `{ fileAsset: <path> }`). */
  inputs: Record<string, unknown>;
  /** The id the mock returned (components: undefined). */
  id: string | undefined;
  /** The state the mock returned (file assets as in `inputs`). */
  state: Record<string, unknown>;
  /** The resource options that decide what an update deletes, as the engine would receive them. */
  options: LifecycleOptions;
}

/** Resource options that decide what an update or a replacement deletes (all default false). */
export interface LifecycleOptions {
  /** `retainOnDelete`: Pulumi forgets the resource instead of deleting it. */
  retainOnDelete: boolean;
  /** `deleteBeforeReplace`: a replacement deletes the old resource before creating the new one. */
  deleteBeforeReplace: boolean;
  /** `protect`: Pulumi refuses to delete or replace the resource. */
  protect: boolean;
  /** Former logical names the resource answers to (`aliases` by name), so a renamed resource is not replaced. */
  aliasNames: string[];
}

/** One data-source call (invoke) the program made. */
export interface RecordedInvoke {
  /** The function token, for example `aws:index/getRegion:getRegion`. */
  token: string;
  /** The arguments. */
  inputs: Record<string, unknown>;
}

/** The result of a program run. */
export interface ProgramRun {
  /** The stack outputs by name, resolved to plain values (the shape of `pulumi stack output --json`). */
  outputs: Record<string, unknown>;
  /** Every resource registration, in the order the mock answered them. */
  resources: RecordedResource[];
  /** Every invoke, in call order. */
  invokes: RecordedInvoke[];
}

/** The organization the program sees (`pulumi.getOrganization()`): the name the CLI's local backends report. */
const MOCK_ORGANIZATION = "organization";

/** How long a failed run keeps absorbing Pulumi's follow-up rejections, in ms (they come within ~1 ms). */
const FAILURE_SETTLE_MS = 50;

let running = false;

/**
 * Evaluates the program with the given stack, config and mocks and returns its outputs and everything it
 * registered. The program (index.ts) is executed afresh each time. Runs must not overlap in one
 * process (the module cache is shared); an overlapping call is rejected. The returned promise rejects with
 * a program error (for example the one-line `RunError` of a bad config value) or with the first error a
 * mock threw, once Pulumi's follow-up rejections have been absorbed.
 */
export async function evaluateProgram(options: EvaluateOptions): Promise<ProgramRun> {
  if (running) {
    throw new Error("evaluateProgram: another program run is in progress in this process");
  }
  running = true;
  try {
    return await withRunState(() => run(options));
  } finally {
    running = false;
  }
}

async function run(options: EvaluateOptions): Promise<ProgramRun> {
  const root = options.projectRoot ?? DEFAULT_PROJECT_ROOT;
  const resources: RecordedResource[] = [];
  const invokes: RecordedInvoke[] = [];
  const failures: unknown[] = [];
  const lifecycle = new Map<string, LifecycleOptions>();
  const recording: pulumi.runtime.Mocks = {
    call: async (args) => {
      invokes.push({ token: args.token, inputs: args.inputs as Record<string, unknown> });
      try {
        return await options.mocks.call(args);
      } catch (err) {
        failures.push(err);
        throw err;
      }
    },
    newResource: async (args) => {
      try {
        const result = await options.mocks.newResource(args);
        resources.push({
          type: args.type,
          name: args.name,
          custom: args.custom ?? false,
          inputs: (await plainAssets(args.inputs)) as Record<string, unknown>,
          id: result.id,
          state: (await plainAssets(result.state)) as Record<string, unknown>,
          options: lifecycle.get(`${args.type}::${args.name}`) ?? { retainOnDelete: false, deleteBeforeReplace: false, protect: false, aliasNames: [] },
        });
        return result;
      } catch (err) {
        failures.push(err);
        throw err;
      }
    },
  };

  await pulumi.runtime.setMocks(recording, readProjectName(root), options.stack, false, MOCK_ORGANIZATION);
  watchRegistrations((request) =>
    lifecycle.set(`${request.type}::${request.name}`, {
      retainOnDelete: request.retainOnDelete,
      deleteBeforeReplace: request.deleteBeforeReplace,
      protect: request.protect,
      aliasNames: request.aliasNames,
    }),
  );
  pulumi.runtime.setAllConfig(options.config);
  forgetProgram(root);
  const crash = watchUnhandledRejections();
  let succeeded = false;
  try {
    const outputs = await Promise.race([evaluate(root), crash.failed]).catch((err: unknown) => {
      // A failing mock surfaces as Pulumi's wrapped error; report the mock's own error instead.
      throw failures.length > 0 ? failures[0] : err;
    });
    if (failures.length > 0) throw failures[0];
    succeeded = true;
    return { outputs, resources, invokes };
  } finally {
    pulumi.runtime.disconnectSync();
    await crash.stop(!succeeded);
  }
}

/** Loads the program, resolves its exports and waits until every registration has been answered. */
async function evaluate(root: string): Promise<Record<string, unknown>> {
  const program = (await import(path.join(root, "index"))) as Record<string, unknown>;
  const outputs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(program)) {
    if (name === "__esModule" || name === "default") continue;
    outputs[name] = await resolvedValue(value);
  }
  await pulumi.runtime.disconnect();
  return outputs;
}

/**
 * Pulumi leaves a failed registration's promises rejected and unhandled, and its outputs pending forever;
 * under the CLI the language host turns the first unhandled rejection into the program's failure. This does
 * the same for the duration of a run (process-wide, like Pulumi's Automation API language server).
 */
function watchUnhandledRejections(): { failed: Promise<never>; stop(runFailed: boolean): Promise<void> } {
  let fail: (reason: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const listener = (reason: unknown) => fail(reason);
  process.on("unhandledRejection", listener);
  return {
    failed,
    stop: async (runFailed) => {
      // After a failure the rest of Pulumi's rejections arrive within the next turns of the event loop.
      if (runFailed) await new Promise((resolve) => setTimeout(resolve, FAILURE_SETTLE_MS));
      process.off("unhandledRejection", listener);
    },
  };
}

/** `value` with every file asset (whose path Pulumi holds as a promise) replaced by `{ fileAsset: <path> }`. */
export async function plainAssets(value: unknown): Promise<unknown> {
  if (value instanceof pulumi.asset.FileAsset) return { fileAsset: await value.path };
  if (Array.isArray(value)) return Promise.all(value.map(plainAssets));
  if (typeof value !== "object" || value === null) return value;
  const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await plainAssets(item)] as const));
  return Object.fromEntries(entries);
}

/**
 * Drops the program from the module cache so the next import runs it again. components/ stays cached: its
 * modules hold no state (classes and pure functions), and transpiling them again would double a run's time.
 */
function forgetProgram(root: string): void {
  delete require.cache[path.join(root, "index.ts")];
}
