// Refuses, at preview, an update that would replace the live endpoint, unless the stack opts in.
//
// The provider (terraform-provider-aws internal/service/sagemaker/endpoint.go) marks the endpoint's `name`
// and `deployment_config.auto_rollback_configuration` ForceNew: changing the name, or adding or removing the
// auto-rollback block, makes Pulumi replace the endpoint. ForceNew on a block (a list of nested resources)
// applies to its presence only: a different alarm list inside it (the `alarms` set is not ForceNew), as when
// a variant's alarms join it, is an in-place UpdateEndpoint (pulumi-terraform-bridge's cross-tests against
// Terraform, TestBlockCollectionForceNew: a changed non-empty block plans an update). The name is fixed, so
// the replacement cannot be created before the old one is deleted; with create-before-delete it fails on
// the existing name, with delete-before-replace the endpoint is down. The program cannot see Pulumi's
// previous state, so it reads the stack's own last outputs (a stack reference to itself) and compares what
// decides a replacement: the endpoint name and whether auto-rollback alarms exist.
import * as pulumi from "@pulumi/pulumi";
import { Settings } from "./settings";
import { variantRenameRefusal } from "./variant-rename";

/** What of the endpoint, when it changes, makes the provider replace it (also exported as stack outputs). */
export interface EndpointIdentity {
  /** The endpoint name (stack output `endpointName`). */
  endpointName: string;
  /** The auto-rollback alarm names, empty without auto-rollback (stack output `rollbackAlarmNames`). */
  rollbackAlarmNames: string[];
}

/** A change that replaces the endpoint: the config key behind it and what changes. */
export interface Replacement {
  /** The config key, `<project>:<key>`. */
  key: string;
  /** What the change is, for example `removing auto-rollback`. */
  change: string;
  /** What the provider cannot change in place. */
  property: string;
}

/**
 * The change between the last deployed outputs and the new endpoint that replaces the endpoint; undefined
 * when there is none, when nothing was deployed yet, or when the outputs do not say (an older program).
 */
export function endpointReplacement(previous: Record<string, unknown>, next: EndpointIdentity, project: string): Replacement | undefined {
  const name = previous.endpointName;
  if (typeof name !== "string") return undefined;
  if (name !== next.endpointName) {
    return { key: `${project}:endpointName`, change: `renaming the endpoint from ${name} to ${next.endpointName}`, property: "the endpoint name" };
  }
  const alarms = previous.rollbackAlarmNames;
  if (!Array.isArray(alarms) || alarms.length > 0 === next.rollbackAlarmNames.length > 0) return undefined;
  return {
    key: `${project}:deployment.autoRollback`,
    change: `${alarms.length > 0 ? "removing" : "adding"} auto-rollback`,
    property: "deploymentConfig.autoRollbackConfiguration",
  };
}

/** The one-line explanation of a replacement, for the refusal and for the warning when it is allowed. */
export function describeReplacement(replacement: Replacement, endpointName: string, allowed: boolean, project: string): string {
  const { key, change, property } = replacement;
  const what = change.startsWith("renaming") ? `${change} replaces it` : `${change} replaces endpoint ${endpointName}`;
  const consequence = allowed
    ? "Pulumi deletes it first (deleteBeforeReplace) and it serves nothing until the new one is InService; " +
      `set ${project}:allowEndpointReplacement back to false after this update.`
    : "Pulumi would delete it and create it again, and it serves nothing until the new one is InService. " +
      `To accept that, set ${project}:allowEndpointReplacement true for this update.`;
  return `${key}: ${what} (the provider cannot change ${property} in place): ${consequence}`;
}

/**
 * The endpoint's name, available only once the stack's last outputs show that this update does not replace
 * the endpoint (or the stack allows it) and, when it updates the endpoint in place, does not change the
 * variant names under blue/green guardrails (see variant-rename.ts): give it to the Endpoint, and a refused
 * update fails before the Endpoint is touched, in preview as in `pulumi up`.
 */
export function guardedEndpointName(settings: Settings, next: EndpointIdentity, parent: pulumi.Resource): pulumi.Output<string> {
  const self = new pulumi.StackReference(`${pulumi.getOrganization()}/${settings.project}/${settings.stack}`, {}, { parent });
  return pulumi.output(self.outputs).apply((outputs) => {
    const replacement = endpointReplacement(outputs ?? {}, next, settings.project);
    if (replacement !== undefined) {
      const message = describeReplacement(replacement, next.endpointName, settings.allowEndpointReplacement, settings.project);
      if (!settings.allowEndpointReplacement) throw new pulumi.RunError(message);
      void pulumi.log.warn(message);
      return settings.endpointName; // a new endpoint: no blue/green update, so any variant names will do
    }
    const rename = variantRenameRefusal(outputs ?? {}, settings);
    if (rename !== undefined) throw new pulumi.RunError(rename);
    return settings.endpointName;
  });
}
