/**
 * Deterministic state for the resources local mode does not emulate (IAM, ECR, the image build,
 * policies, alarms, autoscaling, providers): the inputs echoed back plus the identifiers AWS would
 * assign, with ARNs formed as AWS forms them. Nothing here talks to AWS or Docker.
 */
import type { MockResourceArgs, MockResourceResult } from "@pulumi/pulumi/runtime";
import type { LocalIdentity } from "./local-identity";
import { stableHash, type StackState } from "./physical-names";

type State = Record<string, unknown>;

/** `aws:<module>/<camelType>:<Type>` split into module and camel-case type, or undefined for other tokens. */
function awsToken(type: string): { module: string; resource: string } | undefined {
  const match = /^aws:([a-zA-Z0-9]+)\/([a-zA-Z0-9]+):/.exec(type);
  return match ? { module: match[1], resource: match[2] } : undefined;
}

/** Identifiers for the AWS resource types the program declares, keyed by Pulumi type token. */
const AWS_STATE: Record<string, (name: string, inputs: State, id: LocalIdentity) => State> = {
  "aws:iam/role:Role": (name, _inputs, { accountId }) => ({
    arn: `arn:aws:iam::${accountId}:role/${name}`,
    uniqueId: `AROA${stableHash("role", name).slice(0, 17).toUpperCase()}`,
  }),
  "aws:iam/policy:Policy": (name, _inputs, { accountId }) => ({
    arn: `arn:aws:iam::${accountId}:policy/${name}`,
    policyId: `ANPA${stableHash("policy", name).slice(0, 17).toUpperCase()}`,
  }),
  "aws:ecr/repository:Repository": (name, _inputs, { accountId, region }) => ({
    arn: `arn:aws:ecr:${region}:${accountId}:repository/${name}`,
    registryId: accountId,
    repositoryUrl: `${accountId}.dkr.ecr.${region}.amazonaws.com/${name}`,
  }),
  "aws:cloudwatch/metricAlarm:MetricAlarm": (name, _inputs, { accountId, region }) => ({
    arn: `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}`,
  }),
  "aws:cloudwatch/dashboard:Dashboard": (_name, inputs, { accountId }) => ({
    dashboardArn: `arn:aws:cloudwatch::${accountId}:dashboard/${String(inputs.dashboardName)}`,
  }),
  "aws:cloudwatch/logGroup:LogGroup": (name, _inputs, { accountId, region }) => ({
    arn: `arn:aws:logs:${region}:${accountId}:log-group:${name}`,
  }),
  "aws:appautoscaling/target:Target": (name, inputs, { accountId, region }) => ({
    arn: `arn:aws:application-autoscaling:${region}:${accountId}:scalable-target/${stableHash(name, inputs.resourceId).slice(0, 28)}`,
  }),
  "aws:appautoscaling/policy:Policy": (name, inputs, { accountId, region }) => ({
    arn:
      `arn:aws:autoscaling:${region}:${accountId}:scalingPolicy:${stableHash(name).slice(0, 8)}-0000-0000-0000-000000000000` +
      `:resource/${String(inputs.serviceNamespace)}/${String(inputs.resourceId)}:policyName/${name}`,
    alarmArns: [],
  }),
};

/** A fake image digest and a pushed reference `<first tag>@<digest>`, as docker-build reports them. */
function imageState(args: MockResourceArgs): State {
  const digest = `sha256:${stableHash(args.name, args.inputs)}`;
  const firstTag = Array.isArray(args.inputs.tags) && typeof args.inputs.tags[0] === "string" ? args.inputs.tags[0] : args.name;
  return { digest, ref: `${firstTag.replace(/:[^/:]*$/, "")}@${digest}`, contextHash: stableHash("context", args.inputs) };
}

/**
 * The state of a resource local mode does not emulate: inputs, a physical name, `tagsAll`, and the
 * type's identifiers (an ARN `arn:aws:<module>:<region>:<account>:<type>/<name>` for AWS types
 * without a specific rule). The id is the physical name, as the AWS provider uses for most types.
 */
export function syntheticState(args: MockResourceArgs, identity: LocalIdentity, state: StackState): MockResourceResult {
  const inputs = args.inputs as State;
  if (args.type === "docker-build:index:Image") {
    return { id: `${args.name}-${stableHash(args.name).slice(0, 8)}`, state: { ...inputs, ...imageState(args) } };
  }
  const token = awsToken(args.type);
  if (token === undefined) return { id: `${args.name}-id`, state: inputs };
  const name = state.physicalName(args.type, args.name, inputs, 64);
  const specific = AWS_STATE[args.type];
  const identifiers = specific
    ? specific(name, inputs, identity)
    : { arn: `arn:aws:${token.module}:${identity.region}:${identity.accountId}:${token.resource}/${name}` };
  return { id: name, state: { ...inputs, name, tagsAll: inputs.tags, ...identifiers } };
}
