// The control plane through the real AWS SDK: CRUD round trips, Describe without Tags, ARN forms,
// AWS's error codes and messages, List* paging and endpoint status transitions.
import {
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  SageMakerServiceException,
  UpdateEndpointCommand,
  paginateListModels,
} from "@aws-sdk/client-sagemaker";
import { strict as assert } from "node:assert";
import { seedDeployment } from "../../local/emulator";
import { rejection, useHarness } from "./harness";

describe("emulator control plane (AWS SDK)", () => {
  const harness = useHarness();

  it("creates, describes and deletes a model, configuration and endpoint with AWS's lower-cased ARNs", async () => {
    const h = harness();
    const d = await seedDeployment(h.sm, {
      endpointName: "Tagged-Endpoint-Dev",
      modelTags: [{ Key: "ModelVersion", Value: "1.4.0" }],
      variant: { InitialInstanceCount: 2, InstanceType: "ml.m5.large" },
    });
    assert.equal(d.modelArn, "arn:aws:sagemaker:us-east-1:123456789012:model/tagged-endpoint-dev-model");
    assert.equal(d.configArn, "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/tagged-endpoint-dev-config");
    assert.equal(d.endpointArn, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/tagged-endpoint-dev");

    const model = await h.sm.send(new DescribeModelCommand({ ModelName: d.modelName }));
    assert.equal(model.ModelName, "Tagged-Endpoint-Dev-model");
    assert.equal(model.ModelArn, d.modelArn);
    assert.deepEqual(model.PrimaryContainer?.Environment, { SAGEMAKER_ENDPOINT_NAME: "Tagged-Endpoint-Dev" });
    assert.equal(model.ExecutionRoleArn, "arn:aws:iam::123456789012:role/emulated-execution-role");
    assert.ok(model.CreationTime instanceof Date && Math.abs(model.CreationTime.getTime() - Date.now()) < 5000);

    const config = await h.sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: d.configName }));
    assert.equal(config.EndpointConfigArn, d.configArn);
    assert.equal(config.ProductionVariants?.[0].ModelName, d.modelName);

    const endpoint = await h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }));
    assert.equal(endpoint.EndpointArn, d.endpointArn);
    assert.equal(endpoint.EndpointConfigName, d.configName);
    assert.equal(endpoint.EndpointStatus, "InService");
    assert.equal(endpoint.ProductionVariants?.[0].VariantName, "AllTraffic");
    assert.equal(endpoint.ProductionVariants?.[0].CurrentInstanceCount, 2);
    assert.equal(endpoint.ProductionVariants?.[0].DeployedImages?.[0].SpecifiedImage, "123456789012.dkr.ecr.us-east-1.amazonaws.com/tagged-endpoint:emulated");

    for (const described of [model, config, endpoint]) assert.ok(!("Tags" in described), "Describe responses carry no Tags, as AWS");

    await h.sm.send(new DeleteEndpointCommand({ EndpointName: d.endpointName }));
    await h.sm.send(new DeleteEndpointConfigCommand({ EndpointConfigName: d.configName }));
    await h.sm.send(new DeleteModelCommand({ ModelName: d.modelName }));
    const gone = await rejection(h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName })));
    assert.equal(gone.message, `Could not find endpoint "${d.endpointArn}".`);
  });

  it("answers duplicates and unknown resources with AWS's ValidationException messages", async () => {
    const h = harness();
    const d = await seedDeployment(h.sm, { endpointName: "dup" });
    const duplicate = await rejection(h.sm.send(new CreateModelCommand({ ModelName: "DUP-model" })));
    assert.ok(duplicate instanceof SageMakerServiceException);
    assert.equal(duplicate.name, "ValidationException");
    assert.equal(duplicate.$fault, "client");
    assert.equal((duplicate.$metadata as { httpStatusCode: number }).httpStatusCode, 400);
    assert.equal(duplicate.message, `Cannot create already existing model "${d.modelArn}".`);

    const dupConfig = await rejection(
      h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: d.configName, ProductionVariants: [{ VariantName: "v", ModelName: d.modelName }] })),
    );
    assert.equal(dupConfig.message, `Cannot create already existing endpoint configuration "${d.configArn}".`);
    const dupEndpoint = await rejection(h.sm.send(new CreateEndpointCommand({ EndpointName: d.endpointName, EndpointConfigName: d.configName })));
    assert.equal(dupEndpoint.message, `Cannot create already existing endpoint "${d.endpointArn}".`);

    const arn = (type: string, name: string) => `arn:aws:sagemaker:us-east-1:123456789012:${type}/${name}`;
    const missing: [Promise<unknown>, string][] = [
      [h.sm.send(new DescribeModelCommand({ ModelName: "Nope" })), `Could not find model "${arn("model", "nope")}".`],
      [h.sm.send(new DeleteModelCommand({ ModelName: "nope" })), `Could not find model "${arn("model", "nope")}".`],
      [h.sm.send(new DescribeEndpointConfigCommand({ EndpointConfigName: "nope" })), `Could not find endpoint configuration "${arn("endpoint-config", "nope")}".`],
      [h.sm.send(new DescribeEndpointCommand({ EndpointName: "nope" })), `Could not find endpoint "${arn("endpoint", "nope")}".`],
      [h.sm.send(new CreateEndpointCommand({ EndpointName: "new", EndpointConfigName: "nope" })), `Could not find endpoint configuration "${arn("endpoint-config", "nope")}".`],
      [
        h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: "c2", ProductionVariants: [{ VariantName: "v", ModelName: "nope" }] })),
        `Could not find model "${arn("model", "nope")}".`,
      ],
    ];
    for (const [call, message] of missing) {
      const error = await rejection(call);
      assert.equal(error.name, "ValidationException");
      assert.equal(error.message, message);
    }
  });

  it("reports every broken constraint of a request in one ValidationException, worded as AWS", async () => {
    const h = harness();
    const bad = await rejection(h.sm.send(new CreateModelCommand({ ModelName: "bad_name", ExecutionRoleArn: "role" })));
    assert.equal(bad.name, "ValidationException");
    assert.equal(
      bad.message,
      "3 validation errors detected: " +
        "Value 'bad_name' at 'modelName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}; " +
        "Value 'role' at 'executionRoleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
        "Value 'role' at 'executionRoleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
        "^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$",
    );
    const missing = await rejection(h.sm.send(new CreateEndpointCommand({ EndpointName: undefined, EndpointConfigName: "c" })));
    assert.equal(missing.message, "1 validation error detected: Value null at 'endpointName' failed to satisfy constraint: Member must not be null");
    const long = await rejection(h.sm.send(new DescribeEndpointCommand({ EndpointName: "a".repeat(64) })));
    assert.match(long.message, /at 'endpointName' failed to satisfy constraint: Member must have length less than or equal to 63/);
    const variants = await rejection(h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: "c", ProductionVariants: [{ VariantName: "a b" }] })));
    assert.match(variants.message, /Value 'a b' at 'productionVariants\.1\.member\.variantName' failed to satisfy constraint/);
    const none = await rejection(h.sm.send(new CreateEndpointConfigCommand({ EndpointConfigName: "c", ProductionVariants: [] })));
    assert.match(none.message, /at 'productionVariants' failed to satisfy constraint: Member must have length greater than or equal to 1/);
  });

  it("lists models, configurations and endpoints newest first by default, with NameContains, sorting and pages of MaxResults", async () => {
    const h = harness();
    for (const prefix of ["alpha", "beta", "gamma"]) await seedDeployment(h.sm, { endpointName: prefix });
    const endpoints = await h.sm.send(new ListEndpointsCommand({}));
    assert.deepEqual(endpoints.Endpoints?.map((e) => e.EndpointName), ["gamma", "beta", "alpha"]);
    assert.equal(endpoints.Endpoints?.[0].EndpointStatus, "InService");
    assert.equal(endpoints.Endpoints?.[0].EndpointArn, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/gamma");

    const byName = await h.sm.send(new ListEndpointConfigsCommand({ SortBy: "Name", SortOrder: "Ascending", NameContains: "a-" }));
    assert.deepEqual(byName.EndpointConfigs?.map((c) => c.EndpointConfigName), ["alpha-config", "beta-config", "gamma-config"]);

    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListModels({ client: h.sm, pageSize: 2 }, { SortBy: "Name", SortOrder: "Ascending" })) {
      pages += 1;
      names.push(...(page.Models ?? []).map((m) => m.ModelName as string));
    }
    assert.deepEqual(names, ["alpha-model", "beta-model", "gamma-model"]);
    assert.equal(pages, 2);

    const inService = await h.sm.send(new ListEndpointsCommand({ StatusEquals: "Creating" }));
    assert.deepEqual(inService.Endpoints, []);
    const badSort = await rejection(h.sm.send(new ListModelsCommand({ SortBy: "Size" as never })));
    assert.match(badSort.message, /Member must satisfy enum value set: \[Name, CreationTime\]/);
    const badToken = await rejection(h.sm.send(new ListModelsCommand({ NextToken: "garbage" })));
    assert.equal(badToken.name, "ValidationException");
  });
});

describe("emulator endpoint lifecycle", () => {
  const harness = useHarness({ endpointCreationDelayMs: 150, deploymentTimeFactor: 0 });

  it("is Creating for endpointCreationDelayMs, then InService; UpdateEndpoint goes through Updating (old config named, new one pending) to the new config", async () => {
    const h = harness();
    const d = await seedDeployment(h.sm, { endpointName: "slow" });
    const first = await h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }));
    assert.equal(first.EndpointStatus, "Creating");
    const early = await rejection(h.sm.send(new UpdateEndpointCommand({ EndpointName: d.endpointName, EndpointConfigName: d.configName })));
    assert.equal(early.message, `Cannot update in-progress endpoint "${d.endpointArn}".`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal((await h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }))).EndpointStatus, "InService");

    await h.sm.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: "slow-config-2",
        ProductionVariants: [{ VariantName: "Blue", ModelName: d.modelName, ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }],
      }),
    );
    const updated = await h.sm.send(new UpdateEndpointCommand({ EndpointName: d.endpointName, EndpointConfigName: "slow-config-2" }));
    assert.equal(updated.EndpointArn, d.endpointArn);
    const updating = await h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }));
    assert.equal(updating.EndpointStatus, "Updating");
    assert.equal(updating.EndpointConfigName, d.configName, "SageMaker names the old config until the switch");
    assert.equal(updating.PendingDeploymentSummary?.EndpointConfigName, "slow-config-2");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const done = await h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }));
    assert.equal(done.EndpointStatus, "InService");
    assert.equal(done.EndpointConfigName, "slow-config-2");
    assert.equal(done.PendingDeploymentSummary, undefined);
    assert.deepEqual(done.ProductionVariants?.[0].CurrentServerlessConfig, { MemorySizeInMB: 2048, MaxConcurrency: 5 });
  });
});
