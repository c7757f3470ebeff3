// What `pulumi up` would do to each resource when the config changes, told from two runs of the program on
// the mocks. Pulumi's mock runtime does not diff, so this does what the engine does with the provider's
// answer: a resource whose inputs differ is updated in place, or replaced when a differing input is one the
// provider marks ForceNew. A replaced auto-named resource gets a new physical name, as with the real engine,
// so the change reaches the resources that reference it.
import * as pulumi from "@pulumi/pulumi";
import { plainAssets, ProgramRun, RecordedResource } from "../../local/program-runner";
import { STACK_REFERENCE_TYPE } from "./fake-aws";
import { revealSecrets } from "./program";

/**
 * The ForceNew arguments of each resource type the program declares, as Pulumi property paths (a changed
 * path at or below one of them replaces the resource). Source: the schema of terraform-provider-aws, which
 * @pulumi/aws 7.x bridges (ForceNew: true in internal/service/<service>/<resource>.go):
 * - sagemaker/endpoint.go: `name`, `deployment_config.auto_rollback_configuration`; `endpoint_config_name`
 *   and the rest of `deployment_config` update in place (UpdateEndpoint). ForceNew on a block (a list of
 *   nested resources, here MaxItems 1, flattened to an object) applies to its presence: adding or removing
 *   it replaces, a change inside it (its `alarms` set, not ForceNew) updates in place; the bridge's
 *   cross-tests against Terraform show it (pulumi-terraform-bridge TestBlockCollectionForceNew).
 * - sagemaker/model.go and sagemaker/endpoint_configuration.go: every argument except `tags`.
 * - cloudwatch/metric_alarm.go: `alarm_name`. iam/role.go: `name`, `name_prefix`. iam/role_policy.go:
 *   `name`, `name_prefix`, `role`. ecr/repository.go: `name`. appautoscaling/target.go and policy.go:
 *   `resource_id`, `scalable_dimension`, `service_namespace` (and the policy's `name`).
 * - pulumi-random's random_id: `keepers`, `byte_length`, `prefix` (a new id, hence a new fleet).
 * A type not listed (the docker-build image) is treated as updating in place.
 */
const FORCE_NEW: Record<string, { paths: string[]; blocks?: string[] } | { allBut: string[] }> = {
  "aws:sagemaker/endpoint:Endpoint": { paths: ["name"], blocks: ["deploymentConfig.autoRollbackConfiguration"] },
  "aws:sagemaker/model:Model": { allBut: ["tags", "tagsAll"] },
  "aws:sagemaker/endpointConfiguration:EndpointConfiguration": { allBut: ["tags", "tagsAll"] },
  "aws:cloudwatch/metricAlarm:MetricAlarm": { paths: ["name"] },
  "aws:iam/role:Role": { paths: ["name", "namePrefix"] },
  "aws:iam/rolePolicy:RolePolicy": { paths: ["name", "namePrefix", "role"] },
  "aws:ecr/repository:Repository": { paths: ["name"] },
  "aws:appautoscaling/target:Target": { paths: ["resourceId", "scalableDimension", "serviceNamespace"] },
  "aws:appautoscaling/policy:Policy": { paths: ["name", "resourceId", "scalableDimension", "serviceNamespace"] },
  "random:index/randomId:RandomId": { paths: ["keepers", "byteLength", "prefix"] },
};

/** What an update does to one resource. */
export type Action = "create" | "replace" | "update" | "same" | "delete";

/** One resource's step in the plan. */
export interface Step {
  /** The resource type token. */
  type: string;
  /** The logical name. */
  name: string;
  /** What happens to it. */
  action: Action;
  /** The input paths that differ from the previous run (dotted; array elements by index). */
  changed: string[];
}

function key(resource: { type: string; name: string }): string {
  return `${resource.type} ${resource.name}`;
}

/** The dotted paths at which two input values differ. */
function changedPaths(before: unknown, after: unknown, at = ""): string[] {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => changedPaths(before[k], after[k], at === "" ? k : `${at}.${k}`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [at];
}

/** The value at a dotted path (undefined when any step is missing). */
function valueAt(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((at, step) => (typeof at === "object" && at !== null ? (at as Record<string, unknown>)[step] : undefined), value);
}

function replaces(type: string, changed: string[], before: unknown, after: unknown): boolean {
  const rule = FORCE_NEW[type];
  if (rule === undefined) return false;
  if ("allBut" in rule) return changed.some((path) => !rule.allBut.includes(path.split(".")[0]));
  const present = (value: unknown, block: string) => valueAt(value, block) !== undefined && valueAt(value, block) !== null;
  return (
    changed.some((path) => rule.paths.some((forced) => path === forced || path.startsWith(`${forced}.`))) ||
    (rule.blocks ?? []).some((block) => present(before, block) !== present(after, block))
  );
}

/**
 * A mocks wrapper that plans each registration against `previous` (the run before the config change),
 * and the steps it found; call `finish()` after the run to add the deletions.
 */
export function planAgainst(previous: ProgramRun): {
  wrap: (mocks: pulumi.runtime.Mocks) => pulumi.runtime.Mocks;
  steps: Step[];
  finish(): Step[];
} {
  const before = new Map(previous.resources.filter((r) => r.custom).map((r) => [key(r), r] as [string, RecordedResource]));
  const steps: Step[] = [];
  const wrap = (mocks: pulumi.runtime.Mocks): pulumi.runtime.Mocks => ({
    call: (args) => mocks.call(args),
    newResource: async (args) => {
      if (!args.custom || args.type === STACK_REFERENCE_TYPE) return mocks.newResource(args);
      const old = before.get(key(args));
      if (old === undefined) {
        steps.push({ type: args.type, name: args.name, action: "create", changed: [] });
        return mocks.newResource(args);
      }
      // Recorded inputs hold file assets as { fileAsset: path } (Pulumi compares an asset by its content, here its content-hash path).
      const [oldInputs, newInputs] = [revealSecrets(old.inputs), revealSecrets(await plainAssets(args.inputs))];
      const changed = changedPaths(oldInputs, newInputs);
      const action: Action = changed.length === 0 ? "same" : replaces(args.type, changed, oldInputs, newInputs) ? "replace" : "update";
      steps.push({ type: args.type, name: args.name, action, changed });
      const autoNamed = (args.inputs as Record<string, unknown>).name === undefined;
      // The replacement of an auto-named resource gets a new random suffix, hence a new name.
      return mocks.newResource(action === "replace" && autoNamed ? { ...args, name: `${args.name}-replacement` } : args);
    },
  });
  return {
    wrap,
    steps,
    finish: () => {
      const seen = new Set(steps.map(key));
      for (const [id, old] of before) {
        if (!seen.has(id) && old.type !== STACK_REFERENCE_TYPE) steps.push({ type: old.type, name: old.name, action: "delete", changed: [] });
      }
      return steps;
    },
  };
}
