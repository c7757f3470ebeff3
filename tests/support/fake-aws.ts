// Pulumi mocks that answer like AWS would, deterministically: every invoke the program makes is mocked by
// its token (any other token fails loudly), and each resource type gets the outputs AWS computes (names,
// ARNs, URLs). Generated names and random ids come from a StackState, as Pulumi hands them out: unique per
// stack, kept across runs of one state unless a replacing input changed. Unknown resource types fail too,
// so a new resource cannot slip past the unit tests.
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { RANDOM_ID_TYPE, StackState } from "../../local/physical-names";

/** The fake account the mocks answer with. */
export const ACCOUNT_ID = "123456789012";
/** The fake partition. */
export const PARTITION = "aws";

type State = Record<string, unknown>;

function hash(text: string, length: number): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** The type token of a stack reference (the program reads its own stack's last outputs through one). */
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/**
 * Mocks for a stack in `region` whose generated names and random ids `state` remembers. `previousOutputs`
 * are what a stack reference reads: the outputs of the stack's last update (default: none, a stack never
 * deployed).
 */
export function fakeAwsMocks(region: string, state: StackState, previousOutputs: Record<string, unknown> = {}): pulumi.runtime.Mocks {
  const registry = `${ACCOUNT_ID}.dkr.ecr.${region}.amazonaws.com`;
  const sagemakerArn = (kind: string, name: string) =>
    `arn:${PARTITION}:sagemaker:${region}:${ACCOUNT_ID}:${kind}/${name.toLowerCase()}`;

  const invokes: Record<string, (inputs: State) => State> = {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
      accountId: ACCOUNT_ID,
      arn: `arn:${PARTITION}:iam::${ACCOUNT_ID}:user/deployer`,
      id: ACCOUNT_ID,
      userId: "AIDAEXAMPLEDEPLOYER",
    }),
    "aws:index/getPartition:getPartition": () => ({
      partition: PARTITION,
      dnsSuffix: "amazonaws.com",
      id: PARTITION,
      reverseDnsPrefix: "com.amazonaws",
    }),
    "aws:index/getRegion:getRegion": () => ({
      region,
      name: region,
      id: region,
      endpoint: `ec2.${region}.amazonaws.com`,
      description: region,
    }),
    "aws:ecr/getAuthorizationToken:getAuthorizationToken": (inputs) => ({
      authorizationToken: Buffer.from("AWS:fake-token").toString("base64"),
      expiresAt: "2030-01-01T00:00:00Z",
      id: region,
      password: "fake-token",
      proxyEndpoint: `https://${registry}`,
      region,
      registryId: inputs.registryId,
      userName: "AWS",
    }),
  };

  const resources: Record<string, (name: string, inputs: State, type: string) => { id: string; state: State }> = {
    [STACK_REFERENCE_TYPE]: (name) => ({ id: name, state: { name, outputs: previousOutputs, secretOutputNames: [] } }),
    [RANDOM_ID_TYPE]: (name, inputs) => {
      const outputs = state.randomId(name, inputs);
      return { id: outputs.id, state: outputs };
    },
    "aws:iam/role:Role": (name, inputs, type) => {
      const roleName = state.physicalName(type, name, inputs);
      return {
        id: roleName,
        state: { name: roleName, arn: `arn:${PARTITION}:iam::${ACCOUNT_ID}:role/${roleName}`, uniqueId: "AROAEXAMPLE" },
      };
    },
    "aws:iam/rolePolicy:RolePolicy": (name, inputs, type) => {
      const policyName = state.physicalName(type, name, inputs);
      return { id: `${String(inputs.role)}:${policyName}`, state: { name: policyName } };
    },
    "aws:ecr/repository:Repository": (name, inputs, type) => {
      const repositoryName = state.physicalName(type, name, inputs);
      return {
        id: repositoryName,
        state: {
          name: repositoryName,
          arn: `arn:${PARTITION}:ecr:${region}:${ACCOUNT_ID}:repository/${repositoryName}`,
          registryId: ACCOUNT_ID,
          repositoryUrl: `${registry}/${repositoryName}`,
        },
      };
    },
    "docker-build:index:Image": (name, inputs) => {
      const digest = `sha256:${hash(JSON.stringify([inputs.context, inputs.dockerfile]), 64)}`;
      const repository = String((inputs.tags as string[])[0]).replace(/:[^:/]+$/, "");
      return { id: `${name}-${hash(digest, 7)}`, state: { digest, ref: `${repository}@${digest}`, contextHash: hash(name, 16) } };
    },
    "aws:sagemaker/model:Model": (name, inputs, type) => {
      const modelName = state.physicalName(type, name, inputs);
      return { id: modelName, state: { name: modelName, arn: sagemakerArn("model", modelName) } };
    },
    "aws:sagemaker/endpointConfiguration:EndpointConfiguration": (name, inputs, type) => {
      const configName = state.physicalName(type, name, inputs);
      return { id: configName, state: { name: configName, arn: sagemakerArn("endpoint-config", configName) } };
    },
    "aws:sagemaker/endpoint:Endpoint": (name, inputs, type) => {
      const endpointName = state.physicalName(type, name, inputs);
      return { id: endpointName, state: { name: endpointName, arn: sagemakerArn("endpoint", endpointName) } };
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": (name, inputs, type) => {
      const alarmName = state.physicalName(type, name, inputs);
      return {
        id: alarmName,
        state: { name: alarmName, arn: `arn:${PARTITION}:cloudwatch:${region}:${ACCOUNT_ID}:alarm:${alarmName}` },
      };
    },
    "aws:cloudwatch/dashboard:Dashboard": (_name, inputs) => {
      const dashboardName = String(inputs.dashboardName);
      return { id: dashboardName, state: { dashboardArn: `arn:${PARTITION}:cloudwatch::${ACCOUNT_ID}:dashboard/${dashboardName}` } };
    },
    "aws:s3/bucket:Bucket": (name, inputs, type) => {
      const bucketName = (inputs.bucket as string | undefined) ?? state.physicalName(type, name, inputs).toLowerCase();
      return { id: bucketName, state: { bucket: bucketName, arn: `arn:${PARTITION}:s3:::${bucketName}`, region } };
    },
    "aws:s3/bucketVersioning:BucketVersioning": (_name, inputs) => ({ id: String(inputs.bucket), state: {} }),
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": (_name, inputs) => ({
      id: String(inputs.bucket),
      state: {},
    }),
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": (_name, inputs) => ({ id: String(inputs.bucket), state: {} }),
    "aws:s3/bucketObjectv2:BucketObjectv2": (_name, inputs) => ({
      id: String(inputs.key),
      state: { versionId: hash(`${String(inputs.bucket)}/${String(inputs.key)}`, 32), arn: `arn:${PARTITION}:s3:::${String(inputs.bucket)}/${String(inputs.key)}` },
    }),
    "aws:appautoscaling/target:Target": (_name, inputs) => ({
      id: String(inputs.resourceId),
      state: { arn: `arn:${PARTITION}:application-autoscaling:${region}:${ACCOUNT_ID}:scalable-target/${hash(String(inputs.resourceId), 12)}` },
    }),
    "aws:appautoscaling/policy:Policy": (name, inputs, type) => {
      const policyName = state.physicalName(type, name, inputs);
      return {
        id: policyName,
        state: { name: policyName, arn: `arn:${PARTITION}:autoscaling:${region}:${ACCOUNT_ID}:scalingPolicy:${policyName}` },
      };
    },
  };

  return {
    call: (args) => {
      const answer = invokes[args.token];
      if (!answer) throw new Error(`unmocked invoke ${args.token}`);
      return answer(args.inputs as State);
    },
    newResource: (args) => {
      if (!args.custom) return { id: undefined, state: {} };
      const create = resources[args.type];
      if (!create) throw new Error(`unmocked resource type ${args.type}`);
      const created = create(args.name, args.inputs as State, args.type);
      const tags = (args.inputs as State).tags;
      return { id: created.id, state: { ...(args.inputs as State), ...created.state, ...(tags === undefined ? {} : { tagsAll: tags }) } };
    },
  };
}
