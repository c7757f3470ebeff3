// The podman and buildah command lines of the image mode: what SageMaker gives the container and nothing
// else, and the component's build context. The image suite (tests/image) runs them for real.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { DEFAULT_DOCKERFILE, DEFAULT_IMAGE_CONTEXT } from "../../components/inference-image";
import { PROJECT_ROOT } from "../../local/cli-args";
import { buildahArgs } from "../../local/image-build";
import { fromContainer, podmanRunArgs } from "../../local/image-container";

const MODEL_ENVIRONMENT = { SAGEMAKER_ENDPOINT_NAME: "tagged-endpoint-dev", EXPOSED_TAG_KEYS: "ModelVersion" };
const OPTIONS = { image: "localhost/tagged-endpoint:local", modelEnvironment: MODEL_ENVIRONMENT, emulatorUrl: "http://127.0.0.1:4599", modelDir: "/models/m", startupTimeoutMs: 1000 };

/** The values of every `flag` in `args`. */
const values = (args: string[], flag: string): string[] => args.flatMap((arg, i) => (args[i - 1] === flag ? [arg] : []));

describe("image mode command lines", () => {
  it("runs IMAGE serve with the Model's environment plus the emulator endpoint and dummy credentials only", () => {
    const args = podmanRunArgs(OPTIONS, 40123);
    assert.deepEqual(args.slice(-2), ["localhost/tagged-endpoint:local", "serve"]);
    assert.deepEqual(values(args, "--env"), [
      "SAGEMAKER_ENDPOINT_NAME=tagged-endpoint-dev",
      "EXPOSED_TAG_KEYS=ModelVersion",
      "AWS_ENDPOINT_URL_SAGEMAKER=http://10.0.2.2:4599",
      "AWS_ACCESS_KEY_ID=test",
      "AWS_SECRET_ACCESS_KEY=test",
    ]);
    assert.ok(!args.includes("--user"), "the image's own user");
  });

  it("publishes 8080 (or the Model's SAGEMAKER_BIND_TO_PORT) on loopback and mounts the model read-only", () => {
    const args = podmanRunArgs(OPTIONS, 40123);
    assert.deepEqual(values(args, "--publish"), ["127.0.0.1:40123:8080"]);
    assert.deepEqual(values(args, "--volume"), ["/models/m:/opt/ml/model:ro"]);
    assert.deepEqual(values(args, "--runtime"), ["runc"]);
    const custom = podmanRunArgs({ ...OPTIONS, modelEnvironment: { SAGEMAKER_BIND_TO_PORT: "9000" } }, 40123);
    assert.deepEqual(values(custom, "--publish"), ["127.0.0.1:40123:9000"]);
  });

  it("reaches the host's loopback from the container through slirp4netns", () => {
    assert.equal(fromContainer("http://127.0.0.1:4599"), "http://10.0.2.2:4599");
    assert.equal(fromContainer("http://localhost:4599/"), "http://10.0.2.2:4599");
    assert.equal(fromContainer("https://sagemaker.example:443"), "https://sagemaker.example");
  });

  it("builds the component's Dockerfile and context with the secrets, daemonless", () => {
    const args = buildahArgs("img", [{ id: "npmrc", file: "/root/.npmrc" }], "build");
    assert.deepEqual(args.slice(-3), ["--file", path.resolve(PROJECT_ROOT, DEFAULT_DOCKERFILE), path.resolve(PROJECT_ROOT, DEFAULT_IMAGE_CONTEXT)]);
    assert.deepEqual(values(args, "--secret"), ["id=npmrc,src=/root/.npmrc"]);
    assert.deepEqual(values(args, "--isolation"), ["chroot"]);
    assert.deepEqual(values(args, "--target"), ["build"]);
    assert.deepEqual(values(buildahArgs("img", []), "--target"), []);
  });
});
