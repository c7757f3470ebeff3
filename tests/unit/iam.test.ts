// The execution role's trust and inline policies, as the program declares them.
import * as assert from "assert";
import { ProgramRun } from "../../local/program-runner";
import { endpointArn } from "../../components/arns";
import { PolicyDocument, PolicyStatement } from "../../components/policy-documents";
import { ACCOUNT_ID } from "../support/fake-aws";
import { TYPES, onlyResource, resourcesOfType, runStack, runStackFile } from "../support/program";

const ENV = { accountId: ACCOUNT_ID, partition: "aws", region: "us-east-1" };

function policies(run: ProgramRun): Record<string, PolicyDocument> {
  return Object.fromEntries(
    resourcesOfType(run, TYPES.rolePolicy).map((policy) => [policy.name, JSON.parse(String(policy.inputs.policy)) as PolicyDocument]),
  );
}

function statements(run: ProgramRun): PolicyStatement[] {
  return Object.values(policies(run)).flatMap((document) => document.Statement);
}

for (const stack of ["dev", "prod"]) {
  describe(`IAM: ${stack} stack`, () => {
    let run: ProgramRun;
    before(async () => {
      run = await runStackFile(stack);
    });

    it("lets only SageMaker assume the role, and only for this account (confused-deputy guard)", () => {
      assert.deepStrictEqual(JSON.parse(String(onlyResource(run, TYPES.role).inputs.assumeRolePolicy)), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "SageMakerAssumeRole",
            Effect: "Allow",
            Principal: { Service: "sagemaker.amazonaws.com" },
            Action: ["sts:AssumeRole"],
            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT_ID } },
          },
        ],
      });
    });

    it("attaches no managed policy (no AmazonSageMakerFullAccess)", () => {
      const role = onlyResource(run, TYPES.role).inputs;
      assert.strictEqual(role.managedPolicyArns, undefined);
      assert.ok(!JSON.stringify(run.resources).includes("AmazonSageMakerFullAccess"));
    });

    it("attaches every inline policy to the execution role", () => {
      const roleName = onlyResource(run, TYPES.role).state.name;
      for (const policy of resourcesOfType(run, TYPES.rolePolicy)) assert.strictEqual(policy.inputs.role, roleName, policy.name);
    });

    it("grants sagemaker: actions only on this endpoint and on its fleet name pattern <endpoint>--*", () => {
      const sagemaker = statements(run).filter((statement) => statement.Action.some((action) => action.startsWith("sagemaker:")));
      assert.ok(sagemaker.length > 0);
      const prefix = `arn:aws:sagemaker:us-east-1:${ACCOUNT_ID}:`;
      const allowed = [
        `${prefix}endpoint/tagged-endpoint-${stack}`,
        `${prefix}endpoint-config/tagged-endpoint-${stack}--*`,
        `${prefix}model/tagged-endpoint-${stack}--*`,
      ];
      for (const statement of sagemaker) {
        for (const resource of statement.Resource ?? []) assert.ok(allowed.includes(resource), `${statement.Sid}: ${resource}`);
      }
    });

    it("uses the * resource only where the action has no resource-level scope: ecr:GetAuthorizationToken, and PutMetricData held to one namespace", () => {
      const wildcard = statements(run).filter((statement) => (statement.Resource ?? []).includes("*"));
      assert.deepStrictEqual(wildcard.map((statement) => statement.Action).sort(), [["cloudwatch:PutMetricData"], ["ecr:GetAuthorizationToken"]]);
      assert.deepStrictEqual(policies(run)["execution-role-metrics"].Statement, [
        {
          Sid: "PublishDeploymentMetrics",
          Effect: "Allow",
          Action: ["cloudwatch:PutMetricData"],
          Resource: ["*"],
          Condition: { StringEquals: { "cloudwatch:namespace": "SageMakerTaggedEndpoints" } },
        },
      ]);
    });

    it("reads tags on this endpoint and on every fleet config and model of it, whatever the generation, and describes its configs", () => {
      const endpoint = `arn:aws:sagemaker:us-east-1:${ACCOUNT_ID}:endpoint/tagged-endpoint-${stack}`;
      const config = `arn:aws:sagemaker:us-east-1:${ACCOUNT_ID}:endpoint-config/tagged-endpoint-${stack}--*`;
      const model = `arn:aws:sagemaker:us-east-1:${ACCOUNT_ID}:model/tagged-endpoint-${stack}--*`;
      assert.deepStrictEqual(policies(run)["endpoint-tag-read"].Statement, [
        { Sid: "DescribeEndpoint", Effect: "Allow", Action: ["sagemaker:DescribeEndpoint"], Resource: [endpoint] },
        { Sid: "DescribeFleetConfigs", Effect: "Allow", Action: ["sagemaker:DescribeEndpointConfig"], Resource: [config] },
        { Sid: "ListFleetTags", Effect: "Allow", Action: ["sagemaker:ListTags"], Resource: [endpoint, config, model] },
      ]);
      assert.strictEqual(endpoint, run.outputs.endpointArn);
      for (const output of [run.outputs.endpointConfigArn, run.outputs.modelArn]) {
        assert.ok([config, model].some((pattern) => String(output).startsWith(pattern.slice(0, -1))), String(output));
      }
    });

    it("pulls only from the stack's ECR repository", () => {
      assert.deepStrictEqual(policies(run)["execution-role-ecr-pull"].Statement[0], {
        Sid: "PullInferenceImage",
        Effect: "Allow",
        Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        Resource: [onlyResource(run, TYPES.repository).state.arn],
      });
    });

    it("writes logs only to the endpoint's log group", () => {
      const group = `arn:aws:logs:us-east-1:${ACCOUNT_ID}:log-group:/aws/sagemaker/Endpoints/tagged-endpoint-${stack}`;
      assert.deepStrictEqual(policies(run)["execution-role-logs"].Statement[0].Resource, [group, `${group}:*`]);
    });

    it("reads exactly the model archive object the program uploaded (model.path), nothing else in S3", () => {
      const object = onlyResource(run, TYPES.bucketObject);
      const objectArn = `arn:aws:s3:::${String(object.inputs.bucket)}/${String(object.inputs.key)}`;
      const s3 = statements(run).filter((statement) => statement.Action.some((action) => action.startsWith("s3:")));
      assert.deepStrictEqual(s3, [{ Sid: "ReadModelArchive", Effect: "Allow", Action: ["s3:GetObject"], Resource: [objectArn] }]);
    });
  });
}

describe("IAM: configured variations", () => {
  it("lower-cases the endpoint name in the tag-read ARN, not in the log group", async () => {
    const run = await runStack("dev", { endpointName: "Fraud-Scorer-QA" });
    const documents = policies(run);
    assert.strictEqual(documents["endpoint-tag-read"].Statement[0].Resource?.[0], `arn:aws:sagemaker:us-east-1:${ACCOUNT_ID}:endpoint/fraud-scorer-qa`);
    assert.strictEqual(
      documents["execution-role-logs"].Statement[0].Resource?.[0],
      `arn:aws:logs:us-east-1:${ACCOUNT_ID}:log-group:/aws/sagemaker/Endpoints/Fraud-Scorer-QA`,
    );
    assert.strictEqual(onlyResource(run, TYPES.repository).inputs.name, "fraud-scorer-qa");
  });

  it("has no S3 access without a model archive", async () => {
    const run = await runStack("dev", { model: {} });
    assert.ok(!Object.values(policies(run)).some((document) => document.Statement.some((statement) => statement.Action.some((action) => action.startsWith("s3:")))));
  });

  it("reads exactly the model archive object when one is configured", async () => {
    const run = await runStack("dev", { model: {}, modelDataUrl: "s3://ml-models/fraud/v2/model.tar.gz" });
    assert.deepStrictEqual(policies(run)["execution-role-model-data"].Statement, [
      { Sid: "ReadModelArchive", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::ml-models/fraud/v2/model.tar.gz"] },
    ]);
  });

  it("pulls a prebuilt image from its own repository", async () => {
    const run = await runStack("dev", { imageUri: "210987654321.dkr.ecr.eu-west-1.amazonaws.com/team/model:7" });
    assert.deepStrictEqual(policies(run)["execution-role-ecr-pull"].Statement[0].Resource, [
      "arn:aws:ecr:eu-west-1:210987654321:repository/team/model",
    ]);
  });

  it("computes endpoint ARNs from the lower-cased name", () => {
    assert.strictEqual(endpointArn(ENV, "My-Endpoint"), `arn:aws:sagemaker:us-east-1:${ACCOUNT_ID}:endpoint/my-endpoint`);
  });
});

describe("IAM: auto-rollback alarms", () => {
  it("lets SageMaker read exactly the stack's rollback alarms (cloudwatch:DescribeAlarms on their ARNs)", async () => {
    const run = await runStackFile("prod");
    // The rollback alarms watch SageMaker's own metrics; the version alarms (the container's metrics) roll nothing back.
    const alarmArns = resourcesOfType(run, TYPES.alarm)
      .filter((alarm) => alarm.inputs.namespace === "AWS/SageMaker")
      .map((alarm) => String(alarm.state.arn))
      .sort();
    assert.deepStrictEqual(alarmArns, [
      `arn:aws:cloudwatch:us-east-1:${ACCOUNT_ID}:alarm:tagged-endpoint-prod-invocation-5xx-errors`,
      `arn:aws:cloudwatch:us-east-1:${ACCOUNT_ID}:alarm:tagged-endpoint-prod-model-latency`,
    ]);
    const cloudwatch = statements(run).filter((statement) => statement.Action.some((action) => action.startsWith("cloudwatch:") && action !== "cloudwatch:PutMetricData"));
    assert.deepStrictEqual(cloudwatch, [
      { Sid: "ReadRollbackAlarms", Effect: "Allow", Action: ["cloudwatch:DescribeAlarms"], Resource: alarmArns },
    ]);
  });

  it("grants no CloudWatch access but PutMetricData (the container's metrics) without auto-rollback", async () => {
    for (const run of [await runStackFile("dev"), await runStack("prod", { deployment: { trafficRouting: "ALL_AT_ONCE", autoRollback: false } })]) {
      const actions = statements(run).flatMap((statement) => statement.Action.filter((action) => action.startsWith("cloudwatch:")));
      assert.deepStrictEqual(actions, ["cloudwatch:PutMetricData"]);
    }
  });

  it("creates the endpoint only after the role may read its alarms", async () => {
    const run = await runStackFile("prod");
    const order = run.resources.filter((resource) => resource.custom).map((resource) => resource.name);
    const grant = order.indexOf("endpoint-rollback-alarms-read");
    assert.ok(grant >= 0 && grant < order.indexOf("endpoint"), order.join(", "));
  });
});
