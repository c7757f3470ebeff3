// The @pulumi/pulumi internals the program runner relies on (local/pulumi-internals.ts): present, and
// behaving as the runner needs. When an upgrade changes them, this suite says which and in which version.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { version } from "@pulumi/pulumi/version";
import { internalsProblems, resolvedValue, withRunState } from "../../local/pulumi-internals";

describe("@pulumi/pulumi internals of the program runner", () => {
  it("are all present in the installed version", () => {
    assert.deepEqual(internalsProblems(), [], `@pulumi/pulumi ${version} changed internals local/program-runner.ts relies on`);
  });

  it("withRunState gives the callback its own config, invisible outside it", async () => {
    const before = pulumi.runtime.allConfig();
    const inside = await withRunState(async () => {
      pulumi.runtime.setAllConfig({ "probe:key": "inside" });
      await new Promise((resolve) => setImmediate(resolve));
      return pulumi.runtime.allConfig();
    });
    assert.deepEqual(inside, { "probe:key": "inside" }, `@pulumi/pulumi ${version}: withLocalStorage no longer scopes config to the callback`);
    assert.deepEqual(pulumi.runtime.allConfig(), before, `@pulumi/pulumi ${version}: config set inside withLocalStorage leaked out`);
  });

  it("resolvedValue resolves Outputs nested in plain values", async () => {
    const value = await resolvedValue({ name: pulumi.output(Promise.resolve("endpoint")), tags: [pulumi.output("a")] });
    assert.deepEqual(value, { name: "endpoint", tags: ["a"] }, `@pulumi/pulumi ${version}: Output.promise() no longer resolves nested Outputs`);
  });
});
