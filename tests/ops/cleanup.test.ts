// `npm run cleanup` against the emulator with the real SDK: it deletes only this stack's models and
// endpoint configurations that no endpoint references, and nothing at all without --apply.
import * as assert from "node:assert/strict";
import { ListEndpointConfigsCommand, ListModelsCommand } from "@aws-sdk/client-sagemaker";
import { cleanupMain } from "../../ops/cleanup-cli";
import { referencedConfigNames } from "../../ops/cleanup-plan";
import { useHarness, type Harness } from "../emulator/harness";
import { DEV_TAGS, createConfig, createEndpoint, createModel, runCommand } from "./stack-fixture";

const PROD_TAGS = { ...DEV_TAGS, "pulumi:stack": "prod" };

async function names(h: Harness): Promise<string[]> {
  const models = (await h.sm.send(new ListModelsCommand({}))).Models ?? [];
  const configs = (await h.sm.send(new ListEndpointConfigsCommand({}))).EndpointConfigs ?? [];
  return [...models.map((m) => `model ${m.ModelName}`), ...configs.map((c) => `endpoint-config ${c.EndpointConfigName}`)].sort();
}

/**
 * A dev stack after a rolled-back update and two older ones: the endpoint runs config a (model a), the
 * stack's outputs name config b (model b), old is referenced by nothing; shared is the dev stack's but runs
 * on another endpoint; prod's and an untagged model belong to no one here.
 */
async function rolledBackStack(h: Harness): Promise<void> {
  for (const name of ["a", "b", "old", "shared"]) {
    await createModel(h.sm, `model-${name}`);
    await createConfig(h.sm, `config-${name}`, `model-${name}`);
  }
  await createModel(h.sm, "model-prod", PROD_TAGS);
  await createConfig(h.sm, "config-prod", "model-prod", PROD_TAGS);
  await createModel(h.sm, "model-untagged", {});
  await createEndpoint(h.sm, "tagged-endpoint-dev", "config-a");
  await createEndpoint(h.sm, "someone-elses-endpoint", "config-shared");
}

const cleanup = (h: Harness, extra: string[] = []) =>
  runCommand(cleanupMain, h.emu.url, { endpoint: "tagged-endpoint-dev", config: "config-b", model: "model-b" }, extra);

describe("cleanup: this stack's unreferenced models and endpoint configurations", () => {
  const harness = useHarness();

  it("lists what it would delete and why it keeps the rest, deleting nothing by default", async () => {
    await rolledBackStack(harness());
    const before = await names(harness());
    const { code, out } = await cleanup(harness());
    assert.equal(code, 0);
    assert.deepEqual(out.split("\n").slice(1, 10), [
      "KIND             NAME           ACTION  WHY",
      "endpoint-config  config-a       keep    in service on endpoint tagged-endpoint-dev",
      "endpoint-config  config-b       keep    the stack's current endpoint configuration (stack output)",
      "endpoint-config  config-old     delete  no endpoint references it",
      "endpoint-config  config-shared  keep    in service on endpoint someone-elses-endpoint",
      "model            model-a        keep    runs in endpoint configuration config-a",
      "model            model-b        keep    the stack's current model (stack output)",
      "model            model-old      delete  no referenced endpoint configuration runs it",
      "model            model-shared   keep    runs in endpoint configuration config-shared",
    ]);
    assert.match(out, /^Cleanup of stack dev \(project tagged-endpoint\) in the SageMaker API at http:\/\/127\.0\.0\.1:\d+:\n/);
    assert.match(out, /\nDry run: would delete 2 \(1 endpoint configuration, 1 model\); nothing was deleted\. Run again with --apply to delete them\.\n$/);
    assert.deepEqual(await names(harness()), before);
  });

  it("deletes exactly those with --apply, and finds nothing left on a second run", async () => {
    await rolledBackStack(harness());
    const before = await names(harness());
    const { code, out } = await cleanup(harness(), ["--apply"]);
    assert.equal(code, 0);
    assert.match(out, /\nDeleted 2 \(1 endpoint configuration, 1 model\)\.\n$/);
    assert.deepEqual(await names(harness()), before.filter((name) => !["endpoint-config config-old", "model model-old"].includes(name)));
    const again = await cleanup(harness(), ["--apply"]);
    assert.match(again.out, /\nNothing to delete\.\n$/);
  });

  it("keeps every model when a referenced endpoint configuration is gone (it cannot tell which the fleet runs)", async () => {
    await rolledBackStack(harness());
    const { DeleteEndpointConfigCommand } = await import("@aws-sdk/client-sagemaker");
    await harness().sm.send(new DeleteEndpointConfigCommand({ EndpointConfigName: "config-a" }));
    const { out } = await cleanup(harness());
    assert.match(out, /\nmodel            model-old      keep    endpoint configuration config-a, which endpoint tagged-endpoint-dev runs, is gone: cannot tell which models it runs\n/);
  });
});

describe("cleanup: which endpoint configurations an endpoint references", () => {
  it("counts the configuration in service and the one a deployment in progress rolls out", () => {
    assert.deepEqual(
      referencedConfigNames({ EndpointConfigName: "old", PendingDeploymentSummary: { EndpointConfigName: "new" } }),
      ["old", "new"],
    );
    assert.deepEqual(referencedConfigNames({ EndpointConfigName: "only" }), ["only"]);
  });
});
