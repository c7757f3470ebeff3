// Runs the real program for a stack file (optionally with config changes) on the fake-AWS mocks.
import * as pulumi from "@pulumi/pulumi";
import { projectConfigValues } from "../../components/settings";
import { ProgramRun, RecordedResource, evaluateProgram } from "../../local/program-runner";
import { loadStackConfig } from "../../base/stack-file";
import { StackState } from "../../local/physical-names";
import { fakeAwsMocks } from "./fake-aws";

/** The project namespace of the config keys. */
export const PROJECT = "tagged-endpoint";

/** Config changes by key without namespace: a value to set (objects as JSON, like the CLI) or undefined to unset. */
export type ConfigEdits = Record<string, unknown>;

/** The config map of a stack file with `edits` applied. */
export function stackConfig(stack: string, edits: ConfigEdits = {}): Record<string, string> {
  const config = loadStackConfig(stack);
  for (const [key, value] of Object.entries(edits)) {
    const name = `${PROJECT}:${key}`;
    if (value === undefined) delete config[name];
    else config[name] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return config;
}

/** The raw values of the project namespace (what `parseSettings` gets) for a stack file with `edits`. */
export function stackValues(stack: string, edits: ConfigEdits = {}): Record<string, string> {
  return projectConfigValues(stackConfig(stack, edits), PROJECT);
}

/** The prod stack file's blue/green settings without `autoRollback`, to build variations of `deployment` on. */
export function prodTrafficShifting(): Record<string, unknown> {
  const deployment = JSON.parse(stackConfig("prod")[`${PROJECT}:deployment`]) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(deployment).filter(([key]) => key !== "autoRollback"));
}

/**
 * Runs the program for `stack` with `edits`, on the fake-AWS mocks (or `wrap` of them). `previousOutputs`
 * are the outputs of the stack's last update, which the program reads through a stack reference (default:
 * none, a first deployment). `state` is the stack's memory of generated names: pass the state of an
 * earlier run to make this run an update of it (default: a new stack, whose first generated names are the
 * same on every run).
 */
export function runStack(
  stack: string,
  edits: ConfigEdits = {},
  wrap: (mocks: pulumi.runtime.Mocks) => pulumi.runtime.Mocks = (mocks) => mocks,
  previousOutputs: Record<string, unknown> = {},
  state: StackState = new StackState(stack),
): Promise<ProgramRun> {
  const config = stackConfig(stack, edits);
  return evaluateProgram({ stack, config, mocks: wrap(fakeAwsMocks(config["aws:region"], state, previousOutputs)) });
}

const unedited = new Map<string, Promise<ProgramRun>>();

/** The run of an unedited stack file, shared by the test files (the program is deterministic). */
export function runStackFile(stack: string): Promise<ProgramRun> {
  let run = unedited.get(stack);
  if (!run) {
    run = runStack(stack);
    unedited.set(stack, run);
  }
  return run;
}

/** The resources of one type. */
export function resourcesOfType(run: ProgramRun, type: string): RecordedResource[] {
  return run.resources.filter((resource) => resource.type === type);
}

/** The one resource of a type (fails when there are none or several). */
export function onlyResource(run: ProgramRun, type: string): RecordedResource {
  const found = resourcesOfType(run, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

/** The generation id (hex) of `random.RandomId` `name`, e.g. `endpoint-model-generation` or `endpoint-config-generation`. */
export function generationHex(run: ProgramRun, name: string): string {
  const found = resourcesOfType(run, TYPES.fleet).find((generation) => generation.name === name);
  if (found === undefined) throw new Error(`no generation ${name}`);
  return String(found.state.hex);
}

/** Resource types, as the AWS provider names them. */
export const TYPES = {
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  repository: "aws:ecr/repository:Repository",
  image: "docker-build:index:Image",
  model: "aws:sagemaker/model:Model",
  endpointConfig: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
  endpoint: "aws:sagemaker/endpoint:Endpoint",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  scalingTarget: "aws:appautoscaling/target:Target",
  scalingPolicy: "aws:appautoscaling/policy:Policy",
  fleet: "random:index/randomId:RandomId",
  stackReference: "pulumi:pulumi:StackReference",
  bucket: "aws:s3/bucket:Bucket",
  bucketVersioning: "aws:s3/bucketVersioning:BucketVersioning",
  bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketPublicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketObject: "aws:s3/bucketObjectv2:BucketObjectv2",
} as const;

/** The bucket's settings resources (versioning, encryption, public access block); none carries tags. */
export const S3_SETTINGS: readonly string[] = [TYPES.bucketVersioning, TYPES.bucketEncryption, TYPES.bucketPublicAccess];

/** The Model's container environment in a run. */
export function modelEnvironment(run: ProgramRun): Record<string, string> {
  return (onlyResource(run, TYPES.model).inputs.primaryContainer as { environment: Record<string, string> }).environment;
}

const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/** A recorded value with Pulumi's secret wrappers (how mocks see secret inputs) replaced by their values. */
export function revealSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revealSecrets);
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, unknown>;
  if (SECRET_SIGNATURE in record) return revealSecrets(record.value);
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, revealSecrets(inner)]));
}
