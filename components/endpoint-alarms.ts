import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alarmTargets } from "./alarm-targets";
import { AwsEnvironment, alarmArn } from "./arns";
import { MODEL_VERSION_TAG } from "./deployment-metrics";
import { rollbackAlarmsReadPolicy } from "./policy-documents";
import { rollbackAlarmSpecs } from "./rollback-alarms";
import { Settings, Tags, variantModelTags } from "./settings";
import { versionAlarmSpecs } from "./version-alarms";

/** Arguments of {@link endpointAlarms}. */
export interface EndpointAlarmsArgs {
  /** The validated stack settings: endpoint name, variants, deployment, exposed tag keys (required). */
  settings: Settings;
  /** The tags of the endpoint-wide resources, which the alarms carry (required). */
  tags: Tags;
  /** The account, partition and region, for the alarms' ARNs (required). */
  environment: pulumi.Output<AwsEnvironment>;
  /** The execution role that gets read access to the rollback alarms (required). */
  roleName: pulumi.Input<string>;
}

/** What {@link endpointAlarms} declared. */
export interface EndpointAlarms {
  /** The auto-rollback alarm names, every variant's in config order (empty without auto-rollback). */
  rollbackAlarmNames: string[];
  /** The rollback alarms and the role's read policy on them: the Endpoint waits for them. */
  resources: pulumi.Resource[];
}

/**
 * The endpoint's alarms when `deployment.autoRollback` is on: for each variant, the rollback alarms on its
 * SageMaker metrics (all of them in the endpoint's auto-rollback list, so a deployment rolls back when any
 * variant breaks) and, when its `ModelVersion` tag (the variant's own over the stack's) is set and exposed,
 * the version alarms on the metrics its container publishes; plus the role's read access to the rollback
 * alarms. The alarm names are plain strings of the settings (not alarm outputs), so the endpoint's
 * auto-rollback list stays as it is when only thresholds or versions change.
 */
export function endpointAlarms(name: string, args: EndpointAlarmsArgs, parent: pulumi.Resource): EndpointAlarms {
  const { settings, tags, environment } = args;
  const rollback = settings.deployment?.autoRollback;
  if (!rollback) return { rollbackAlarmNames: [], resources: [] };
  const targets = alarmTargets(settings.endpointName, settings.variants.map((variant) => variant.name));
  const rollbackSpecs = targets.flatMap((target) => rollbackAlarmSpecs(target, rollback, tags));
  const versionSpecs = targets.flatMap((target, index) => {
    const modelVersion = variantModelTags(settings, index)[MODEL_VERSION_TAG];
    const published = modelVersion !== undefined && settings.exposedTagKeys.includes(MODEL_VERSION_TAG);
    return published ? versionAlarmSpecs(target, modelVersion, rollback, tags) : [];
  });
  const declare = (spec: (typeof rollbackSpecs)[number]) => new aws.cloudwatch.MetricAlarm(`${name}-${spec.id}`, spec.args, { parent });
  const alarms = rollbackSpecs.map(declare);
  versionSpecs.forEach(declare);
  const rollbackAlarmNames = rollbackSpecs.map((spec) => spec.args.name);
  const read = new aws.iam.RolePolicy(
    `${name}-rollback-alarms-read`,
    {
      role: args.roleName,
      policy: environment.apply((env) => JSON.stringify(rollbackAlarmsReadPolicy(rollbackAlarmNames.map((alarmName) => alarmArn(env, alarmName))))),
    },
    { parent },
  );
  return { rollbackAlarmNames, resources: [...alarms, read] };
}
