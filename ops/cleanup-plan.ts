/**
 * Which of a stack's models and endpoint configurations `npm run cleanup` may delete: only those no
 * endpoint references, never the stack's current ones. Pure decisions over what was read from SageMaker.
 */
import type { DescribeEndpointCommandOutput } from "@aws-sdk/client-sagemaker";

/** A SageMaker resource kind cleanup handles. */
export type CleanupKind = "endpoint-config" | "model";

/** What cleanup does with one resource of the stack, and why. */
export interface CleanupDecision {
  /** The kind of resource. */
  kind: CleanupKind;
  /** Its name. */
  name: string;
  /** `delete` only when nothing can still run it. */
  action: "keep" | "delete";
  /** The reason, for the table. */
  why: string;
}

/** An endpoint configuration some endpoint references, and what it runs. */
export interface ReferencedConfig {
  /** The endpoint configuration's name. */
  config: string;
  /** The endpoint that references it. */
  endpoint: string;
  /** The models its variants (and shadow variants) run; undefined when the configuration is gone. */
  models: string[] | undefined;
}

/** What the plan is made of. */
export interface CleanupInput {
  /** The stack's endpoint configurations and models (found by the stack's pulumi:project/pulumi:stack tags). */
  owned: { configs: string[]; models: string[] };
  /** Every endpoint configuration any endpoint of the account and region references. */
  referenced: ReferencedConfig[];
  /** The stack outputs' endpoint configuration and model: Pulumi's state owns them, they always stay. */
  current: { config: string; model: string };
}

/**
 * The endpoint configurations an endpoint references: the one in service and, while a deployment is in
 * progress, the one it rolls out (`PendingDeploymentSummary`).
 */
export function referencedConfigNames(endpoint: Pick<DescribeEndpointCommandOutput, "EndpointConfigName" | "PendingDeploymentSummary">): string[] {
  const names = [endpoint.EndpointConfigName, endpoint.PendingDeploymentSummary?.EndpointConfigName];
  return names.filter((name, index): name is string => name !== undefined && names.indexOf(name) === index);
}

/** Decides for each owned resource, sorted by kind then name. */
export function planCleanup(input: CleanupInput): CleanupDecision[] {
  const { owned, referenced, current } = input;
  const configs = owned.configs.map((name): CleanupDecision => {
    const user = referenced.find((reference) => reference.config === name);
    if (user) return { kind: "endpoint-config", name, action: "keep", why: `in service on endpoint ${user.endpoint}` };
    if (name === current.config) return { kind: "endpoint-config", name, action: "keep", why: "the stack's current endpoint configuration (stack output)" };
    return { kind: "endpoint-config", name, action: "delete", why: "no endpoint references it" };
  });
  const gone = referenced.find((reference) => reference.models === undefined);
  const models = owned.models.map((name): CleanupDecision => {
    const user = referenced.find((reference) => reference.models?.includes(name));
    if (user) return { kind: "model", name, action: "keep", why: `runs in endpoint configuration ${user.config}` };
    if (name === current.model) return { kind: "model", name, action: "keep", why: "the stack's current model (stack output)" };
    if (gone) {
      return {
        kind: "model",
        name,
        action: "keep",
        why: `endpoint configuration ${gone.config}, which endpoint ${gone.endpoint} runs, is gone: cannot tell which models it runs`,
      };
    }
    return { kind: "model", name, action: "delete", why: "no referenced endpoint configuration runs it" };
  });
  return [...configs, ...models].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

/** The decisions as an aligned table with a header. */
export function formatCleanupTable(decisions: CleanupDecision[]): string {
  const rows = [["KIND", "NAME", "ACTION", "WHY"], ...decisions.map((d) => [d.kind, d.name, d.action, d.why])];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell)).join("  ")).join("\n");
}

/** "2 (1 endpoint configuration, 1 model)": how many decisions delete, by kind. */
export function countDeletions(decisions: CleanupDecision[]): string {
  const doomed = decisions.filter((d) => d.action === "delete");
  const of = (kind: CleanupKind, noun: string) => {
    const n = doomed.filter((d) => d.kind === kind).length;
    return `${n} ${noun}${n === 1 ? "" : "s"}`;
  };
  return `${doomed.length} (${of("endpoint-config", "endpoint configuration")}, ${of("model", "model")})`;
}
