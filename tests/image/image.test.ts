/**
 * The image SageMaker pulls, built and run with real OCI tools: the offline base stand-in (cached), a
 * buildah build of the unmodified container/Dockerfile from the component's build context, its layers
 * checked for what must not ship, and `podman run IMAGE serve` under local mode with the Model's
 * environment, invoked through the emulator and stopped with SIGTERM. Skips, saying why, without
 * buildah/podman/runc/debootstrap or root (`.ci/run` installs them).
 */
import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { execFile, execFileSync } from "node:child_process";
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { EMULATOR_CREDENTIALS } from "../../base/emulator-credentials";
import { SHUTDOWN_DEADLINE_MS } from "../../container/src/shutdown";
import { parseLocalArgs, type LocalOptions } from "../../local/cli-args";
import { buildahArgs, buildImage, LOCAL_IMAGE, npmBuildSecrets, type ImageBuild } from "../../local/image-build";
import { imageContainerName } from "../../local/image-container";
import { startLocalMode, type LocalModeSession } from "../../local/local-mode";
import { podmanEnvironment } from "../../local/podman-env";
import { runCommand } from "../../local/run-command";
import { Shutdown } from "../../local/shutdown";
import { fileHash, imageLayers, type Layer } from "./layers";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "..", "..");
const NODE_VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { devDependencies: { node: string } }).devDependencies.node;
const BASE_IMAGE = `docker.io/library/node:${NODE_VERSION}-bookworm-slim`;
const BUILD_STAGE_IMAGE = "localhost/tagged-endpoint:build-stage";
const TOOLS = ["buildah", "podman", "runc", "debootstrap"];

/** Why the suite cannot run here, or undefined when it can. */
function skipReason(): string | undefined {
  const missing = TOOLS.filter((tool) => {
    try {
      execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore", env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin` } });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) return `${missing.join(", ")} not installed (.ci/run installs ${TOOLS.join(" ")} from Debian)`;
  if (process.getuid?.() !== 0) return "not running as root (debootstrap and the build need root)";
  return undefined;
}

/** Paths in `layers` matching `pattern`, each with its layer's short id. */
function matching(layers: Layer[], pattern: RegExp): string[] {
  return layers.flatMap((layer) => layer.paths.filter((entry) => pattern.test(entry)).map((entry) => `${layer.id.slice(7, 19)}: ${entry}`));
}

/** Files in the hashed layers whose content is that of one of the build secrets. */
async function secretCopies(layers: Layer[]): Promise<string[]> {
  const secrets = await npmBuildSecrets();
  const hashes = new Map(await Promise.all(secrets.map(async (secret) => [await fileHash(secret.file), secret.id] as const)));
  return layers.flatMap((layer) => [...layer.hashes].filter(([, hash]) => hashes.has(hash)).map(([file, hash]) => `${file} (${hashes.get(hash)})`));
}

describe("the inference image (buildah, podman)", function () {
  let build: ImageBuild | undefined;
  let session: LocalModeSession | undefined;
  let shutdown: Shutdown | undefined;
  let outputsDir: string | undefined;
  let containerName = "";

  before(function () {
    const reason = skipReason();
    if (reason) {
      console.log(`    image suite skipped: ${reason}`);
      this.skip();
    }
  });

  after(async function () {
    this.timeout(30_000);
    await shutdown?.run();
    if (outputsDir) await rm(outputsDir, { recursive: true, force: true });
  });

  it("builds the base stand-in (unless cached), then the image from the component's context", async function () {
    this.timeout(600_000); // cold: debootstrap and npm ci in the build, a few minutes on a busy machine
    build = await buildImage(() => undefined);
    console.log(`      base ${build.baseSeconds} s, buildah ${build.buildSeconds} s`);
    const { stdout } = await run("podman", ["image", "inspect", "--format", "{{.Config.User}} {{json .Config.Entrypoint}} {{.Size}}", LOCAL_IMAGE], { env: podmanEnvironment() });
    const [user, entrypoint, size] = stdout.trim().split(" ");
    console.log(`      image size ${Math.round(Number(size) / 1e6)} MB`);
    assert.equal(user, "node");
    assert.equal(entrypoint, '["node","/opt/program/serve.js"]');
  });

  it("holds no TypeScript sources, dependencies but ONNX Runtime's linux/x64 part, npm cache or build secrets in any layer", async function () {
    this.timeout(180_000);
    assert.ok(build, "the image was built");
    const layers = await imageLayers(LOCAL_IMAGE, BASE_IMAGE);
    assert.ok(layers.some((layer) => !layer.base && layer.paths.includes("opt/program/serve.js")), "the bundle is in a layer of its own");
    assert.deepEqual(matching(layers, /\.ts$/), [], "TypeScript sources");
    const modules = matching(layers, /(^|\/)node_modules\//).filter((entry) => !/ usr\/local\/lib\/node_modules\/(npm\/|$)/.test(entry));
    // The one external dependency of the bundle: ONNX Runtime's JavaScript, onnxruntime-common and the linux/x64 binaries.
    const onnxRuntime = / opt\/program\/node_modules\/($|onnxruntime-common\/($|package\.json$|dist\/($|cjs\/))|onnxruntime-node\/($|package\.json$|dist\/|bin\/($|napi-v6\/($|linux\/($|x64\/)))))/;
    assert.deepEqual(modules.filter((entry) => !onnxRuntime.test(entry)), [], "node_modules other than ONNX Runtime's linux/x64 part");
    assert.ok(modules.some((entry) => entry.endsWith("onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1")), "ONNX Runtime's linux/x64 library");
    // The build stage ran npm ci with the secrets mounted: none of them, and no npm cache, may be in its layers either.
    await runCommand("buildah", buildahArgs(BUILD_STAGE_IMAGE, await npmBuildSecrets(), "build"), podmanEnvironment(), ROOT, () => undefined);
    const all = [...layers, ...(await imageLayers(BUILD_STAGE_IMAGE, BASE_IMAGE))];
    // Files only: npm leaves an empty /root/.npm behind, which holds nothing.
    const files = matching(all, /(^|\/)\.?npmrc$|(^|\/)\.npm\/|_cacache\/|^tmp\/npm-cache|^run\/secrets\/./).filter((entry) => !entry.endsWith("/"));
    assert.deepEqual(files, [], "npmrc, npm cache or secret mounts");
    assert.deepEqual(await secretCopies(all), [], "copies of the build secrets");
  });

  it("runs as SageMaker runs it under local mode: /ping 200, not as root", async function () {
    this.timeout(180_000);
    assert.ok(build, "the image was built");
    outputsDir = await mkdtemp(path.join(tmpdir(), "image-test-"));
    const options = parseLocalArgs(["--image", "--port", "0", "--outputs-file", path.join(outputsDir, "outputs.json")]) as LocalOptions;
    shutdown = new Shutdown();
    const lines: string[] = [];
    session = await startLocalMode(options, (line) => lines.push(line), shutdown);
    console.log(`      ${lines.find((line) => line.includes(": healthy on "))?.replace(/^• /, "")}`);
    const ping = await fetch(`${containerUrl(lines)}/ping`);
    assert.equal(ping.status, 200);
    assert.ok(lines.some((line) => line.startsWith("• unpacked the Model's archive s3://")), "the stack's model.tar.gz, unpacked for the image");
    assert.ok(
      session.fleets.list()[0].process.recentLines().some((line) => line.includes('ONNX model /opt/ml/model/model.onnx: input \\"features\\" float32[batch, 4]')),
      `the image loads the ONNX sample from /opt/ml/model:\n${session.fleets.list()[0].process.recentLines().join("\n")}`,
    );
    containerName = imageContainerName(Number(new URL(containerUrl(lines)).port));
    const { stdout } = await run("podman", ["top", containerName, "user", "args"], { env: podmanEnvironment() });
    const [header, ...processes] = stdout.trim().split("\n");
    assert.match(header, /USER/);
    // The primary and one worker per CPU (SAGEMAKER_MODEL_SERVER_WORKERS is not set: the image's default), all as `node`.
    const users = processes.map((line) => line.trim().split(/\s+/)[0]);
    assert.ok(users.length >= 2, `a primary and its workers:\n${stdout}`);
    assert.deepEqual(new Set(users), new Set(["node"]), stdout);
  });

  it("answers a JSON and a CSV invocation through the emulator with the endpoint's tags and the custom attributes", async function () {
    this.timeout(30_000);
    assert.ok(session, "local mode runs the image");
    const { outputs, emulatorUrl } = session;
    const runtime = new SageMakerRuntimeClient({ region: outputs.region, endpoint: emulatorUrl, credentials: EMULATOR_CREDENTIALS });
    try {
      const invoke = async (contentType: string, body: string, attributes: string) => {
        const response = await runtime.send(
          new InvokeEndpointCommand({ EndpointName: outputs.endpointName, ContentType: contentType, Accept: "application/json", CustomAttributes: attributes, Body: new TextEncoder().encode(body) }),
        );
        assert.equal(response.CustomAttributes, attributes);
        return JSON.parse(response.Body.transformToString()) as {
          predictions: number[];
          deployment: { endpointName: string; tags: Record<string, string>; tagsStatus: string };
          customAttributes: { attributes: Record<string, string> };
        };
      };
      const json = await invoke("application/json", '{"instances": [[120, 3, 10, 5], [60, 1, 40, 15]]}', "trace=image-json;tenant=7");
      const csv = await invoke("text/csv", "120,3,10,5\n60,1,40,15", "trace=image-csv");
      assert.deepEqual(csv.predictions, json.predictions, "the same rows give the same predictions in both formats");
      assert.deepEqual(json.predictions, [348.5, 112], "the ONNX sample: 40 + 2.5 area + 12 bedrooms - 0.75 age - 4 distance");
      for (const reply of [json, csv]) {
        assert.equal(reply.deployment.endpointName, outputs.endpointName);
        assert.equal(reply.deployment.tagsStatus, "fresh");
        assert.ok(Object.keys(reply.deployment.tags).length > 0, "some tags are exposed");
        for (const [key, value] of Object.entries(reply.deployment.tags)) assert.equal(value, outputs.tags[key], `tag ${key}`);
      }
      assert.deepEqual(json.customAttributes.attributes, { trace: "image-json", tenant: "7" });
      assert.deepEqual(csv.customAttributes.attributes, { trace: "image-csv" });
    } finally {
      runtime.destroy();
    }
  });

  it("exits 0 on SIGTERM within the drain time, leaving no container behind", async function () {
    this.timeout(SHUTDOWN_DEADLINE_MS + 15_000);
    assert.ok(session, "local mode runs the image");
    const started = Date.now();
    const [fleet] = session.fleets.list();
    const exit = await fleet.process.stop();
    const took = Date.now() - started;
    console.log(`      SIGTERM -> exit ${exit.code} in ${took} ms`);
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.ok(took < SHUTDOWN_DEADLINE_MS, `took ${took} ms`);
    const { stdout } = await run("podman", ["ps", "--all", "--format", "{{.Names}}"], { env: podmanEnvironment() });
    assert.ok(!stdout.split("\n").includes(containerName), `${containerName} is gone`);
  });
});

/** The container's URL from local mode's "fleet <config>: healthy on <url>" line. */
function containerUrl(lines: string[]): string {
  const url = lines.map((line) => /: healthy on (\S+)/.exec(line)?.[1]).find(Boolean);
  assert.ok(url, `local mode reported the container's URL:\n${lines.join("\n")}`);
  return url;
}
