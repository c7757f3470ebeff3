/**
 * The execution role's documents, as the program produces them for the dev and prod stack files,
 * judged by an IAM policy evaluator (the one the emulator enforces with): what must be denied is denied
 * (other endpoints, configs and models in the account, other accounts and regions, mutating calls), the
 * ECR, S3 and CloudWatch Logs statements allow what SageMaker needs and nothing wider, and only SageMaker
 * may assume the role, only for this account. The calls the container really makes are judged in
 * container-calls.test.ts.
 */
import * as assert from "node:assert/strict";
import { evaluate } from "../../local/emulator/iam/evaluate";
import { describe as line, judgeAs, tagContext } from "./helpers/judge";
import { otherStack, stackFile, type StackUnderTest } from "./helpers/stack-runs";
import { TYPES, resourcesOfType, stackValues } from "../support/program";

/** An account that is not the stack's. */
const OTHER_ACCOUNT = "210987654321";

/** One request to judge (in the deny tables: one the role must not be allowed to make). */
interface Forbidden {
  action: string;
  resource: string;
  context?: Record<string, string>;
}

/** The ARN with its account (or region) replaced. */
function withAccount(arn: string, account: string): string {
  const parts = arn.split(":");
  parts[4] = account;
  return parts.join(":");
}
function withRegion(arn: string, region: string): string {
  const parts = arn.split(":");
  parts[3] = region;
  return parts.join(":");
}

/** The tag reads the container makes, on the endpoint, config and model of `target`. */
function tagReads(target: StackUnderTest): Forbidden[] {
  const { endpoint, endpointConfig, model } = target.arns;
  const on = (action: string, resource: string): Forbidden => ({ action, resource, context: tagContext(target.tagsByArn.get(resource)) });
  return [
    on("sagemaker:DescribeEndpoint", endpoint),
    on("sagemaker:DescribeEndpointConfig", endpointConfig),
    on("sagemaker:DescribeModel", model),
    on("sagemaker:ListTags", endpoint),
    on("sagemaker:ListTags", endpointConfig),
    on("sagemaker:ListTags", model),
  ];
}

/** Asserts that none of `requests` is allowed for `own`'s role. */
async function assertAllDenied(own: StackUnderTest, requests: Forbidden[]): Promise<void> {
  assert.ok(requests.length > 0, "a table of forbidden calls must not be empty");
  const allowed: string[] = [];
  for (const { action, resource, context } of requests) {
    const decision = await judgeAs(own.role, action, resource, context);
    if (decision.allowed) allowed.push(line(action, resource, decision));
  }
  assert.deepEqual(allowed, [], `the role is allowed calls it must not make:\n${allowed.join("\n")}`);
}

/** Asserts that each request is allowed for `own`'s role. */
async function assertAllAllowed(own: StackUnderTest, requests: Forbidden[]): Promise<void> {
  for (const { action, resource, context } of requests) {
    const decision = await judgeAs(own.role, action, resource, context);
    assert.ok(decision.allowed, line(action, resource, decision));
  }
}

for (const [stack, other] of [
  ["dev", "prod"],
  ["prod", "dev"],
]) {
  describe(`IAM evaluator: the ${stack} stack's execution role`, function () {
    this.timeout(60_000); // program runs and the evaluator's first load of its data, on a shared CPU
    let own: StackUnderTest;
    before(async () => {
      own = await stackFile(stack);
    });

    describe("SageMaker tag reads outside this stack are denied", () => {
      it(`denies the ${other} stack's endpoint, config and model`, async () => {
        await assertAllDenied(own, tagReads(await otherStack(other)));
      });

      it("denies another endpoint whose name extends this one's with -2 (and its config and model)", async () => {
        await assertAllDenied(own, tagReads(await otherStack(stack, { endpointName: `${own.endpointName}-2` })));
      });

      it("denies another endpoint whose name extends this one's with a letter (and its config and model)", async () => {
        await assertAllDenied(own, tagReads(await otherStack(stack, { endpointName: `${own.endpointName}x` })));
      });

      it("denies this stack's own names in another account and in another region", async () => {
        const region = own.region === "us-west-2" ? "eu-west-1" : "us-west-2";
        const reads = tagReads(own);
        await assertAllDenied(own, [
          ...reads.map((read) => ({ ...read, resource: withAccount(read.resource, OTHER_ACCOUNT) })),
          ...reads.map((read) => ({ ...read, resource: withRegion(read.resource, region) })),
        ]);
      });

      it("denies listing every endpoint, config and model of the account", async () => {
        await assertAllDenied(own, [
          { action: "sagemaker:ListEndpoints", resource: "*" },
          { action: "sagemaker:ListEndpointConfigs", resource: "*" },
          { action: "sagemaker:ListModels", resource: "*" },
        ]);
      });
    });

    it("denies every mutating call on its own endpoint, config and model, InvokeEndpoint and iam:PassRole", async () => {
      const { endpoint, endpointConfig, model } = own.arns;
      const onAll = (action: string) => [endpoint, endpointConfig, model].map((resource) => ({ action, resource }));
      await assertAllDenied(own, [
        ...onAll("sagemaker:AddTags"),
        ...onAll("sagemaker:DeleteTags"),
        { action: "sagemaker:UpdateEndpoint", resource: endpoint },
        { action: "sagemaker:UpdateEndpointWeightsAndCapacities", resource: endpoint },
        { action: "sagemaker:DeleteEndpoint", resource: endpoint },
        { action: "sagemaker:DeleteEndpointConfig", resource: endpointConfig },
        { action: "sagemaker:DeleteModel", resource: model },
        { action: "sagemaker:CreateEndpoint", resource: endpoint },
        { action: "sagemaker:CreateEndpointConfig", resource: endpointConfig },
        { action: "sagemaker:CreateModel", resource: model },
        { action: "sagemaker:InvokeEndpoint", resource: endpoint },
        { action: "iam:PassRole", resource: own.role.roleArn },
      ]);
    });

    describe("ECR: pulls this image's repository, nothing wider", () => {
      const PULL = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"];

      it("allows the pull actions on the image's repository, and the registry login", async () => {
        await assertAllAllowed(own, [
          ...PULL.map((action) => ({ action, resource: own.repositoryArn })),
          { action: "ecr:GetAuthorizationToken", resource: "*" },
        ]);
      });

      it("denies pulling from other repositories: names extending this one's, another account's", async () => {
        const others = [`${own.repositoryArn}-2`, `${own.repositoryArn}x`, withAccount(own.repositoryArn, OTHER_ACCOUNT)];
        await assertAllDenied(own, others.flatMap((resource) => PULL.map((action) => ({ action, resource }))));
      });

      it("denies pushing to, deleting from or reconfiguring its own repository", async () => {
        const write = ["PutImage", "InitiateLayerUpload", "UploadLayerPart", "CompleteLayerUpload", "BatchDeleteImage", "DeleteRepository", "SetRepositoryPolicy"];
        await assertAllDenied(own, write.map((action) => ({ action: `ecr:${action}`, resource: own.repositoryArn })));
      });
    });

    describe("CloudWatch Logs: writes the endpoint's log group, nothing wider", () => {
      const groupArn = (endpointName: string) => `arn:aws:logs:${own.region}:${own.account}:log-group:/aws/sagemaker/Endpoints/${endpointName}`;
      const streamArn = (endpointName: string) => `${groupArn(endpointName)}:log-stream:AllTraffic/i-0123456789abcdef0`;
      /** What SageMaker does with an endpoint's log group: create it and its streams, put events. */
      const logWrites = (endpointName: string): Forbidden[] => [
        { action: "logs:CreateLogGroup", resource: groupArn(endpointName) },
        { action: "logs:DescribeLogStreams", resource: groupArn(endpointName) },
        { action: "logs:CreateLogStream", resource: streamArn(endpointName) },
        { action: "logs:PutLogEvents", resource: streamArn(endpointName) },
      ];

      it("allows SageMaker to create the group and streams and put log events in /aws/sagemaker/Endpoints/<endpoint>", async () => {
        await assertAllAllowed(own, logWrites(own.endpointName));
      });

      it("denies writing other endpoints' log groups (names extending this one's included) and other accounts'", async () => {
        const names = [`${own.endpointName}-2`, `${own.endpointName}x`];
        await assertAllDenied(own, [
          ...names.flatMap(logWrites),
          ...logWrites(own.endpointName).map((write) => ({ ...write, resource: withAccount(write.resource, OTHER_ACCOUNT) })),
        ]);
      });

      it("denies reading, deleting or reconfiguring logs, even its own", async () => {
        await assertAllDenied(own, [
          { action: "logs:GetLogEvents", resource: streamArn(own.endpointName) },
          { action: "logs:DeleteLogStream", resource: streamArn(own.endpointName) },
          { action: "logs:DeleteLogGroup", resource: groupArn(own.endpointName) },
          { action: "logs:PutRetentionPolicy", resource: groupArn(own.endpointName) },
          { action: "logs:DescribeLogGroups", resource: "*" },
        ]);
      });
    });

    it("S3: with no model archive configured, reads no object at all", async () => {
      await assertAllDenied(own, [
        { action: "s3:GetObject", resource: "arn:aws:s3:::sagemaker-models/model.tar.gz" },
        { action: "s3:ListBucket", resource: "arn:aws:s3:::sagemaker-models" },
      ]);
    });

    describe("trust policy", () => {
      const assume = (principal: string, context: Record<string, string>) =>
        evaluate({ principal, action: "sts:AssumeRole", resource: own.role.roleArn, context }, { resource: own.role.trustPolicy });

      it("lets sagemaker.amazonaws.com assume the role on behalf of this account", async () => {
        const decision = await assume("sagemaker.amazonaws.com", { "aws:SourceAccount": own.account });
        assert.ok(decision.allowed, decision.reason);
      });

      it("denies SageMaker acting for another account, or without aws:SourceAccount", async () => {
        for (const context of [{ "aws:SourceAccount": OTHER_ACCOUNT }, {}] as Record<string, string>[]) {
          const decision = await assume("sagemaker.amazonaws.com", context);
          assert.equal(decision.allowed, false, `${JSON.stringify(context)}: ${decision.reason}`);
        }
      });

      it("denies other services, the account's root and an administrator of the account", async () => {
        const principals = ["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", `arn:aws:iam::${own.account}:root`];
        for (const principal of principals) {
          const decision = await assume(principal, { "aws:SourceAccount": own.account });
          assert.equal(decision.allowed, false, `${principal}: ${decision.reason}`);
        }
        const admin = await evaluate(
          { principal: `arn:aws:iam::${own.account}:user/admin`, action: "sts:AssumeRole", resource: own.role.roleArn },
          {
            identity: [{ name: "admin", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } }],
            resource: own.role.trustPolicy,
          },
        );
        assert.equal(admin.allowed, false, `an administrator may not assume it: ${admin.reason}`);
      });
    });
  });
}

describe("IAM evaluator: a stack with a model archive", function () {
  this.timeout(60_000);
  const ARCHIVE = "arn:aws:s3:::ml-models/fraud/v2/model.tar.gz";
  let own: StackUnderTest;
  before(async () => {
    own = await otherStack("dev", { modelDataUrl: "s3://ml-models/fraud/v2/model.tar.gz", model: undefined }); // a prebuilt archive instead of model.path
  });

  it("allows s3:GetObject on exactly the archive", async () => {
    await assertAllAllowed(own, [{ action: "s3:GetObject", resource: ARCHIVE }]);
  });

  it("denies other objects and buckets (names extending the archive's included), listing and writing", async () => {
    await assertAllDenied(own, [
      { action: "s3:GetObject", resource: `${ARCHIVE}.bak` },
      { action: "s3:GetObject", resource: "arn:aws:s3:::ml-models/fraud/v1/model.tar.gz" },
      { action: "s3:GetObject", resource: "arn:aws:s3:::ml-models-2/fraud/v2/model.tar.gz" },
      { action: "s3:ListBucket", resource: "arn:aws:s3:::ml-models" },
      { action: "s3:PutObject", resource: ARCHIVE },
      { action: "s3:DeleteObject", resource: ARCHIVE },
    ]);
  });
});

describe("IAM evaluator: an A/B stack whose variants have their own images and model archives", function () {
  this.timeout(60_000);
  const PULL = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"];
  const CANDIDATE_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/candidates/model:1.5.0";
  const CANDIDATE_REPOSITORY = "arn:aws:ecr:us-east-1:123456789012:repository/candidates/model";
  const CANDIDATE_ARCHIVE = "arn:aws:s3:::ml-models/fraud/v2/model.tar.gz";
  let own: StackUnderTest;
  /** The archive objects each variant's Model runs, as ARNs (Current: the stack's model.path, uploaded). */
  let archives: string[];
  before(async () => {
    const variants = JSON.parse(stackValues("ab").variants) as Record<string, unknown>[];
    variants[1] = { ...variants[1], imageUri: CANDIDATE_IMAGE, modelDataUrl: "s3://ml-models/fraud/v2/model.tar.gz", model: undefined };
    own = await otherStack("ab", { variants });
    // In config order (Current, Candidate); Models register as their inputs resolve, in no fixed order.
    const containers = resourcesOfType(own.run, TYPES.model).map(
      (model) => model.inputs.primaryContainer as { modelDataUrl: string; environment: Record<string, string> },
    );
    archives = ["Current", "Candidate"].map((variant) => {
      const container = containers.find((candidate) => candidate.environment.SAGEMAKER_VARIANT_NAME === variant);
      return `arn:aws:s3:::${String(container?.modelDataUrl).slice("s3://".length)}`;
    });
  });

  it("allows pulling each variant's image: the built repository and Candidate's own", async () => {
    await assertAllAllowed(own, [own.repositoryArn, CANDIDATE_REPOSITORY].flatMap((resource) => PULL.map((action) => ({ action, resource }))));
  });

  it("denies pulling from any other repository, Candidate's names extended and other accounts' included", async () => {
    const others = [`${CANDIDATE_REPOSITORY}-2`, withAccount(CANDIDATE_REPOSITORY, OTHER_ACCOUNT), "arn:aws:ecr:us-east-1:123456789012:repository/candidates/other"];
    await assertAllDenied(own, others.flatMap((resource) => PULL.map((action) => ({ action, resource }))));
  });

  it("allows s3:GetObject on each variant's archive: the uploaded one and Candidate's own", async () => {
    assert.deepEqual(archives[1], CANDIDATE_ARCHIVE);
    assert.match(archives[0], /^arn:aws:s3:::model-archive-bucket-[0-9a-f]+\/models\/[0-9a-f]{64}\/model\.tar\.gz$/);
    await assertAllAllowed(own, archives.map((resource) => ({ action: "s3:GetObject", resource })));
  });

  it("denies other objects of both buckets, listing and writing them", async () => {
    const uploadedBucket = archives[0].split("/")[0];
    await assertAllDenied(own, [
      { action: "s3:GetObject", resource: `${uploadedBucket}/models/${"0".repeat(64)}/model.tar.gz` },
      { action: "s3:GetObject", resource: `${archives[0]}.bak` },
      { action: "s3:GetObject", resource: "arn:aws:s3:::ml-models/fraud/v1/model.tar.gz" },
      { action: "s3:ListBucket", resource: uploadedBucket },
      ...archives.flatMap((resource) => [
        { action: "s3:PutObject", resource },
        { action: "s3:DeleteObject", resource },
      ]),
    ]);
  });
});
