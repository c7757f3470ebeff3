// A config change that would replace the live endpoint is refused at preview, naming the key and what would
// happen, unless the stack opts in with allowEndpointReplacement (issue 13, item 2).
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ProgramRun } from "../../local/program-runner";
import { ConfigEdits, TYPES, onlyResource, runStack, runStackFile, prodTrafficShifting } from "../support/program";

const PROD_DEPLOYMENT = prodTrafficShifting();
const WITHOUT_ROLLBACK = { deployment: { ...PROD_DEPLOYMENT, autoRollback: false } };

/**
 * The refusal's message without the prefixes Pulumi adds as the failed input reaches each resource that
 * awaits it (`error serializing property "name": `, then for example `"resourceId"` of the scaling target;
 * which ones come first varies). The error is a RunError, so the CLI prints it as one line without a stack
 * trace.
 */
async function rejection(run: Promise<ProgramRun>): Promise<string> {
  try {
    await run;
  } catch (err) {
    assert.ok(pulumi.RunError.isInstance(err), `expected a RunError, got ${String(err)}`);
    assert.ok(!err.message.includes("\n"), "one line");
    const prefixes = /^(error serializing property "\w+": )+/.exec(err.message);
    assert.ok(prefixes !== null && prefixes[0].endsWith('error serializing property "name": '), err.message);
    return err.message.slice(prefixes[0].length);
  }
  throw new Error("expected the program to refuse the change, but it ran");
}

function after(stack: string, previous: ProgramRun, edits: ConfigEdits): Promise<ProgramRun> {
  return runStack(stack, edits, undefined, previous.outputs);
}

describe("replacement guard: changes that would replace the live endpoint", () => {
  it("refuses removing auto-rollback, naming the key and the consequence", async () => {
    const message = await rejection(after("prod", await runStackFile("prod"), WITHOUT_ROLLBACK));
    assert.strictEqual(
      message,
      "tagged-endpoint:deployment.autoRollback: removing auto-rollback replaces endpoint tagged-endpoint-prod " +
        "(the provider cannot change deploymentConfig.autoRollbackConfiguration in place): Pulumi would delete it and " +
        "create it again, and it serves nothing until the new one is InService. To accept that, set " +
        "tagged-endpoint:allowEndpointReplacement true for this update.",
    );
  });

  it("refuses adding auto-rollback to a deployed endpoint", async () => {
    const message = await rejection(after("prod", await runStack("prod", WITHOUT_ROLLBACK), {}));
    assert.match(message, /^tagged-endpoint:deployment\.autoRollback: adding auto-rollback replaces endpoint tagged-endpoint-prod /);
  });

  it("refuses renaming the endpoint, naming endpointName", async () => {
    const message = await rejection(after("dev", await runStackFile("dev"), { endpointName: "fraud-scorer-dev" }));
    assert.match(
      message,
      /^tagged-endpoint:endpointName: renaming the endpoint from tagged-endpoint-dev to fraud-scorer-dev replaces it \(the provider cannot change the endpoint name in place\): /,
    );
  });

  it("with allowEndpointReplacement, replaces with deleteBeforeReplace (the fixed name cannot exist twice)", async () => {
    const run = await after("prod", await runStackFile("prod"), { ...WITHOUT_ROLLBACK, allowEndpointReplacement: true });
    assert.strictEqual(onlyResource(run, TYPES.endpoint).options.deleteBeforeReplace, true);
  });

  it("lets everything else through: thresholds, first deployments, outputs of an older program", async () => {
    const prod = await runStackFile("prod");
    await after("prod", prod, { deployment: { ...PROD_DEPLOYMENT, autoRollback: { errorThreshold: 3, latencyThresholdMs: 900 } } });
    await runStack("prod", WITHOUT_ROLLBACK); // nothing deployed yet: no previous outputs
    const older = Object.fromEntries(Object.entries(prod.outputs).filter(([name]) => name !== "rollbackAlarmNames"));
    await runStack("prod", WITHOUT_ROLLBACK, undefined, older);
    assert.strictEqual(onlyResource(prod, TYPES.endpoint).options.deleteBeforeReplace, false);
  });
});
