// The in-process program runner: fresh runs, isolation from the process-wide Pulumi state, async mocks,
// and failures that surface instead of hanging.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { evaluateProgram } from "../../local/program-runner";
import { StackState } from "../../local/physical-names";
import { fakeAwsMocks } from "../support/fake-aws";
import { TYPES, runStack, runStackFile, stackConfig } from "../support/program";

function globalPulumiState() {
  return {
    project: pulumi.getProject(),
    stack: pulumi.getStack(),
    config: pulumi.runtime.allConfig(),
    monitor: pulumi.runtime.hasMonitor(),
    dryRun: pulumi.runtime.isDryRun(),
  };
}

function activeHandles(): string[] {
  return process.getActiveResourcesInfo().filter((kind) => kind !== "Timeout").sort();
}

describe("program runner", () => {
  it("leaves Pulumi's process-wide state as it found it", async () => {
    const before = globalPulumiState();
    const run = await runStack("prod");
    assert.strictEqual(run.outputs.endpointName, "tagged-endpoint-prod", "the run itself saw stack prod");
    assert.deepStrictEqual(globalPulumiState(), before);
  });

  it("leaves no handles behind", async () => {
    const before = activeHandles();
    await runStack("dev");
    assert.deepStrictEqual(activeHandles(), before);
  });

  it("runs the program afresh each time, with the same result for the same config", async () => {
    const first = await runStackFile("dev");
    const second = await runStack("dev");
    assert.deepStrictEqual(second.outputs, first.outputs);
    assert.deepStrictEqual(second.resources, first.resources);
    const renamed = await runStack("dev", { endpointName: "renamed" });
    assert.strictEqual(renamed.outputs.endpointName, "renamed");
  });

  it("waits for mocks that answer asynchronously", async () => {
    const delayed = await runStack("prod", {}, (mocks) => ({
      call: async (args) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return mocks.call(args);
      },
      newResource: async (args) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return mocks.newResource(args);
      },
    }));
    const immediate = await runStackFile("prod");
    assert.deepStrictEqual(delayed.outputs, immediate.outputs);
    assert.deepStrictEqual(
      delayed.resources.map((resource) => `${resource.type} ${resource.name}`).sort(),
      immediate.resources.map((resource) => `${resource.type} ${resource.name}`).sort(),
    );
  });

  it("rejects a run that overlaps another", async () => {
    const config = stackConfig("dev");
    const first = evaluateProgram({ stack: "dev", config, mocks: fakeAwsMocks("us-east-1", new StackState("dev")) });
    await assert.rejects(
      evaluateProgram({ stack: "dev", config, mocks: fakeAwsMocks("us-east-1", new StackState("dev")) }),
      /^Error: evaluateProgram: another program run is in progress in this process$/,
    );
    assert.strictEqual((await first).outputs.endpointName, "tagged-endpoint-dev");
  });

  it("fails the run when an invoke fails", async () => {
    await assert.rejects(
      runStack("dev", {}, (mocks) => ({
        call: (args) => {
          if (args.token === "aws:index/getPartition:getPartition") throw new Error("partition lookup failed");
          return mocks.call(args);
        },
        newResource: mocks.newResource,
      })),
      /partition lookup failed/,
    );
  });

  it("fails the run when a resource cannot be created", async () => {
    await assert.rejects(
      runStack("dev", {}, (mocks) => ({
        call: mocks.call,
        newResource: (args) => {
          if (args.type === TYPES.endpoint) throw new Error(`cannot create ${args.name}`);
          return mocks.newResource(args);
        },
      })),
      /cannot create endpoint/,
    );
  });

  it("the fake AWS mocks refuse invokes and resource types they do not know", () => {
    const mocks = fakeAwsMocks("us-east-1", new StackState("dev"));
    assert.throws(() => mocks.call({ token: "aws:ec2/getAmi:getAmi", inputs: {} }), /^Error: unmocked invoke aws:ec2\/getAmi:getAmi$/);
    assert.throws(
      () => mocks.newResource({ type: "aws:ec2/instance:Instance", name: "i", inputs: {}, custom: true }),
      /^Error: unmocked resource type aws:ec2\/instance:Instance$/,
    );
  });
});
