import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { StackFileError, listStacks, loadStackConfig, readProjectName } from "../../base/stack-file";

describe("stack files", () => {
  it("lists the stacks of the project", () => {
    assert.deepStrictEqual(listStacks(), ["ab", "dev", "prod"]);
    assert.strictEqual(readProjectName(), "tagged-endpoint");
  });

  it("flattens Pulumi.dev.yaml like the CLI: objects and arrays as JSON, scalars as text, Pulumi.yaml defaults filled in", () => {
    assert.deepStrictEqual(loadStackConfig("dev"), {
      "aws:region": "us-east-1",
      "tagged-endpoint:tags": JSON.stringify({
        ModelVersion: "1.4.0",
        DeploymentStage: "dev",
        CreatedBy: "platform-team",
        CostCenter: "ml-research",
      }),
      "tagged-endpoint:exposedTagKeys": '["ModelVersion","DeploymentStage","CreatedBy","CostCenter"]',
      "tagged-endpoint:variant": '{"serverless":{"memorySizeInMb":2048,"maxConcurrency":5}}',
      "tagged-endpoint:variants": "",
      "tagged-endpoint:allowEndpointReplacement": "false",
      "tagged-endpoint:deployment": "{}",
      "tagged-endpoint:endpointName": "",
      "tagged-endpoint:imageUri": "",
      "tagged-endpoint:model": '{"path":"container/model-onnx"}',
      "tagged-endpoint:modelDataUrl": "",
      "tagged-endpoint:tagCacheTtlSeconds": "300",
      "tagged-endpoint:tagsRequired": "false",
      "tagged-endpoint:enableNetworkIsolation": "false",
    });
  });

  it("lets the stack file override a Pulumi.yaml default", () => {
    assert.strictEqual(loadStackConfig("prod")["tagged-endpoint:tagsRequired"], "true");
  });

  describe("errors", () => {
    let root: string;
    const write = (file: string, text: string) => fs.writeFileSync(path.join(root, file), text);

    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), "stack-file-"));
      write("Pulumi.yaml", "name: demo\nruntime: nodejs\nconfig:\n  size:\n    type: integer\n    default: 3\n");
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    const fails = (stack: string, message: string) =>
      assert.throws(
        () => loadStackConfig(stack, root),
        (err: unknown) => err instanceof StackFileError && err.message === message && !message.includes("\n"),
      );

    it("names an unknown stack and the stacks it found", () => {
      write("Pulumi.dev.yaml", "config: {}\n");
      write("Pulumi.prod.yaml", "config: {}\n");
      fails("qa", `unknown stack "qa": no ${path.join(root, "Pulumi.qa.yaml")} (stacks found: dev, prod)`);
    });

    it("says when there are no stacks at all", () => {
      fails("dev", `unknown stack "dev": no ${path.join(root, "Pulumi.dev.yaml")} (stacks found: none)`);
    });

    it("reports malformed YAML in one line", () => {
      write("Pulumi.dev.yaml", "config:\n  demo:size: [1, 2\n");
      assert.throws(
        () => loadStackConfig("dev", root),
        (err: unknown) =>
          err instanceof StackFileError &&
          err.message.startsWith(`${path.join(root, "Pulumi.dev.yaml")} is not valid YAML: `) &&
          !err.message.includes("\n"),
      );
    });

    it("reports an unreadable stack file", () => {
      fs.mkdirSync(path.join(root, "Pulumi.dev.yaml"));
      assert.throws(
        () => loadStackConfig("dev", root),
        (err: unknown) =>
          err instanceof StackFileError && err.message.startsWith(`cannot read ${path.join(root, "Pulumi.dev.yaml")}: EISDIR`),
      );
    });

    it("rejects a config section that is not a mapping", () => {
      write("Pulumi.dev.yaml", "config:\n  - demo:size\n");
      fails("dev", `${path.join(root, "Pulumi.dev.yaml")}: "config" must be a mapping of <namespace>:<key> to values`);
    });

    it("rejects a key without a namespace", () => {
      write("Pulumi.dev.yaml", "config:\n  size: 4\n");
      fails("dev", `${path.join(root, "Pulumi.dev.yaml")}: config key "size" must be namespaced, as <namespace>:size`);
    });

    it("refuses secrets it cannot decrypt", () => {
      write("Pulumi.dev.yaml", "config:\n  demo:token:\n    secure: v1:abc\n");
      fails("dev", `${path.join(root, "Pulumi.dev.yaml")}: config key "demo:token" is a secret, which this loader cannot decrypt`);
    });

    it("passes an empty YAML value as an empty string (unset)", () => {
      write("Pulumi.dev.yaml", "config:\n  demo:name:\n");
      assert.strictEqual(loadStackConfig("dev", root)["demo:name"], "");
    });

    it("namespaces Pulumi.yaml defaults with the project name", () => {
      write("Pulumi.dev.yaml", "config:\n  aws:region: eu-west-1\n");
      assert.deepStrictEqual(loadStackConfig("dev", root), { "demo:size": "3", "aws:region": "eu-west-1" });
    });
  });
});
