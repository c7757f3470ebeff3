/**
 * Tag reading against the SageMaker emulator with the real AWS SDK and real HTTP: layers and merge
 * precedence, pagination, TTL refresh, single flight, stale-on-error and recovery for each fault kind,
 * the AccessDenied log line, TAGS_REQUIRED readiness, and the TTL-0 baseline.
 */
import { strict as assert } from "node:assert";
import type { Environment } from "../../container/src/config";
import type { RunningServer } from "../../container/src/start";
import { SageMakerEmulator } from "../../local/emulator";
import { addTags, deployEndpoint, endpointArn, REGION, useDummyCredentials, type DeploymentTags } from "./helpers/emulator";
import { invoke, request, sleep, waitFor, type Reply } from "./helpers/http";
import { captureLogs, type LogLine } from "./helpers/logs";
import { startTestServer } from "./helpers/server";

const TTL_SECONDS = 1;
const TTL_MS = TTL_SECONDS * 1000;
const ROW = { instances: [[120, 3, 15, 4]] };
const TAGS: DeploymentTags = {
  model: { ModelVersion: "1.4.0", Team: "model-team", Shared: "from-model", Framework: "linear" },
  endpointConfig: { Team: "config-team", Shared: "from-config", InstanceFamily: "ml.t2" },
  endpoint: { Shared: "from-endpoint", DeploymentStage: "dev", Secret: "not-exposed" },
};
const READ_OPERATIONS = ["DescribeEndpoint", "DescribeEndpointConfig", "DescribeModel", "ListTags"];
const EXPOSED = "ModelVersion,Team,Shared,Framework,InstanceFamily,DeploymentStage,NotOnAnyResource";

describe("container: tags from the control plane", function () {
  this.timeout(15_000);
  useDummyCredentials();
  let emu: SageMakerEmulator;
  let servers: RunningServer[] = [];
  let endpointCount = 0;

  before(async () => {
    emu = await SageMakerEmulator.start({ region: REGION });
  });
  afterEach(async () => {
    emu.clearFaults();
    await Promise.all(servers.map((server) => server.close()));
    servers = [];
  });
  after(() => emu.close());

  /** Deploys a fresh endpoint with `tags` and starts a container for it with `env` overrides. */
  async function container(
    env: Environment = {},
    tags: DeploymentTags = TAGS,
    target: SageMakerEmulator = emu,
  ): Promise<{ server: RunningServer; lines: LogLine[]; name: string }> {
    endpointCount += 1;
    const name = `Tagged-Endpoint-${endpointCount}`;
    await deployEndpoint(target, name, tags);
    const { log, lines } = captureLogs();
    const server = await startTestServer(
      {
        SAGEMAKER_ENDPOINT_NAME: name,
        AWS_REGION: REGION,
        AWS_ENDPOINT_URL_SAGEMAKER: target.url,
        TAG_CACHE_TTL_SECONDS: String(TTL_SECONDS),
        EXPOSED_TAG_KEYS: EXPOSED,
        ...env,
      },
      { log },
    );
    servers.push(server);
    return { server, lines, name };
  }

  const deployment = async (server: RunningServer): Promise<Reply["json"]> => {
    const reply = await invoke(server.url, ROW);
    assert.equal(reply.status, 200, reply.text);
    return reply.json.deployment;
  };

  /** Waits until the next invocations see fresh tags; resolves with the wait in ms. */
  const untilFresh = (server: RunningServer, timeoutMs: number): Promise<number> =>
    waitFor(async () => (await deployment(server)).tagsStatus === "fresh", timeoutMs, 25);

  it("keeps the three layers apart and merges them Endpoint > EndpointConfig > Model, exposing only the listed keys", async () => {
    const { server, name } = await container();
    const shown = await deployment(server);
    assert.equal(shown.endpointName, name);
    assert.equal(shown.tagsStatus, "fresh");
    assert.deepEqual(shown.tags, {
      ModelVersion: "1.4.0",
      Team: "config-team",
      Shared: "from-endpoint",
      Framework: "linear",
      InstanceFamily: "ml.t2",
      DeploymentStage: "dev",
    });
    assert.ok(Date.parse(shown.tagsLoadedAt) <= Date.now());
    assert.ok(shown.tagsAgeSeconds >= 0 && shown.tagsAgeSeconds < TTL_SECONDS);
    const { snapshot } = await server.tags.current();
    assert.deepEqual(snapshot?.layers, { model: TAGS.model, endpointConfig: TAGS.endpointConfig, endpoint: TAGS.endpoint });
    assert.equal(snapshot?.merged.Secret, "not-exposed", "the merged view has every key; only the response is filtered");
  });

  it("reads every page of ListTags (105 tags in pages of 20)", async () => {
    const paged = await SageMakerEmulator.start({ region: REGION, listTagsPageSize: 20 });
    try {
      const many = (prefix: string, count: number): Record<string, string> =>
        Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${String(i).padStart(2, "0")}`, `v${i}`]));
      const tags = { endpoint: many("E", 50), endpointConfig: many("C", 30), model: many("M", 25) };
      const { server } = await container({ EXPOSED_TAG_KEYS: "E49,C29,M24,E00" }, tags, paged);
      const shown = await deployment(server);
      assert.deepEqual(shown.tags, { E49: "v49", C29: "v29", M24: "v24", E00: "v0" });
      const { snapshot } = await server.tags.current();
      assert.deepEqual(snapshot?.layers, tags);
      assert.equal(paged.callCount("ListTags"), 3 + 2 + 2, "pages: 3 for the endpoint, 2 for the config, 2 for the model");
      await server.close();
    } finally {
      await paged.close();
    }
  });

  it("shows a tag changed with AddTags after the TTL, without a restart", async () => {
    const { server, name } = await container();
    assert.equal((await deployment(server)).tags.ModelVersion, "1.4.0");
    await addTags(emu, endpointArn(name), { ModelVersion: "2.0.0" });
    assert.equal((await deployment(server)).tags.ModelVersion, "1.4.0", "still cached within the TTL");
    const changedAt = Date.now();
    await waitFor(async () => (await deployment(server)).tags.ModelVersion === "2.0.0", 3 * TTL_MS, 25);
    assert.ok(Date.now() - changedAt <= TTL_MS + 500, `took ${Date.now() - changedAt} ms`);
    assert.equal((await deployment(server)).tagsStatus, "fresh");
  });

  it("runs one refresh for 100 concurrent invocations: one ListTags per ARN, the Describe chain not repeated", async () => {
    // A 4 s TTL: under a loaded machine the 100 invocations (run one at a time by admission control) and
    // the wait for fresh tags can outlast a 1 s TTL, and a second, legitimate refresh would then be counted.
    const ttlMs = 4_000;
    const { server } = await container({ TAG_CACHE_TTL_SECONDS: String(ttlMs / 1000) });
    await deployment(server);
    await sleep(ttlMs + 50);
    emu.resetCalls();
    emu.setFaults({ latencyMs: 300, operations: ["ListTags"] });
    const replies = await Promise.all(Array.from({ length: 100 }, () => invoke(server.url, ROW)));
    assert.deepEqual(new Set(replies.map((reply) => reply.status)), new Set([200]));
    // Invocations run one at a time (admission control), so the last ones may already see the refreshed tags.
    const statuses = new Set(replies.map((reply) => reply.json.deployment.tagsStatus));
    assert.ok(statuses.has("stale") && [...statuses].every((status) => status === "stale" || status === "fresh"), [...statuses].join());
    await untilFresh(server, 2_000);
    assert.equal(emu.callCount("ListTags"), 3);
    assert.equal(emu.callCount("DescribeEndpoint") + emu.callCount("DescribeEndpointConfig") + emu.callCount("DescribeModel"), 0);
  });

  // Throttling is retried by the SDK with backoff of up to 1 s then 2 s, so a refresh in flight when the
  // fault clears can take 2 s to succeed: its TTL here is 2 s so that "within one TTL" is the bound.
  const faults = [
    { fault: "throttling", ttlSeconds: 2 },
    { fault: "accessDenied", ttlSeconds: 1 },
    { fault: "serverError", ttlSeconds: 1 },
  ] as const;
  for (const { fault, ttlSeconds } of faults) {
    it(`serves stale tags at 200 during ${fault} and recovers within one TTL (${ttlSeconds} s) after it clears`, async () => {
      const ttlMs = ttlSeconds * 1000;
      const { server, lines } = await container({ TAG_CACHE_TTL_SECONDS: String(ttlSeconds) });
      const first = await deployment(server);
      emu.setFaults({ error: fault, operations: ["ListTags"] });
      await sleep(ttlMs + 50);
      const failed = () => lines.filter((line) => line.msg === "tag refresh failed; serving stale tags");
      const during: Reply["json"][] = [];
      await waitFor(async () => {
        during.push(await deployment(server));
        return failed().length >= 2;
      }, 4 * ttlMs, 100);
      for (const shown of during) {
        assert.equal(shown.tagsStatus, "stale");
        assert.deepEqual(shown.tags, first.tags, "the last good tags are kept");
        assert.equal(shown.tagsLoadedAt, first.tagsLoadedAt);
      }
      assert.ok(during.length > failed().length, "refreshes back off instead of running per invocation");
      emu.clearFaults();
      const recovery = await untilFresh(server, 3 * ttlMs);
      assert.ok(recovery <= ttlMs + 300, `recovered ${recovery} ms after the fault cleared`);
      assert.ok(lines.some((line) => line.msg === "tags loaded" && line.level === "info"), "the recovery is logged");
    });
  }

  it("logs the IAM action and the resource on AccessDenied", async () => {
    const { server, lines } = await container();
    await deployment(server);
    emu.setFaults({ error: "accessDenied", operations: ["ListTags"] });
    await sleep(TTL_MS + 50);
    await deployment(server);
    await waitFor(async () => lines.some((line) => line.msg.startsWith("access denied")), 2_000);
    const denied = lines.find((line) => line.msg.startsWith("access denied"));
    assert.equal(denied?.level, "error");
    assert.equal(denied?.action, "sagemaker:ListTags");
    assert.match(String(denied?.resource), /^arn:aws:sagemaker:us-east-1:123456789012:(endpoint|endpoint-config|model)\//);
    assert.match(denied?.msg ?? "", /^access denied: the execution role needs sagemaker:ListTags on arn:aws:sagemaker:/);
  });

  it("with TAGS_REQUIRED holds /ping at 503 and fails invocations until tags first load, then serves", async () => {
    emu.setFaults({ error: "accessDenied", operations: READ_OPERATIONS });
    const { server, lines } = await container({ TAGS_REQUIRED: "true" });
    const ping = await request(`${server.url}/ping`);
    assert.equal(ping.status, 503);
    assert.equal(ping.json.error.code, "TagsNotLoaded");
    const refused = await invoke(server.url, ROW);
    assert.equal(refused.status, 503);
    assert.equal(refused.json.error.code, "TagsUnavailable");
    assert.match(refused.json.error.message, /AccessDeniedException/);
    assert.ok(lines.some((line) => line.action === "sagemaker:DescribeEndpoint"), "the denied Describe call is named");
    emu.clearFaults();
    await waitFor(async () => (await request(`${server.url}/ping`)).status === 200, 3 * TTL_MS);
    assert.equal((await deployment(server)).tagsStatus, "fresh");
  });

  it("while the first load hangs, answers /ping at once and invocations after at most 2 s (tags unavailable)", async () => {
    emu.setFaults({ latencyMs: 2_500, operations: READ_OPERATIONS });
    const { server } = await container();
    let started = performance.now();
    assert.equal((await request(`${server.url}/ping`)).status, 200);
    assert.ok(performance.now() - started < 200, `ping took ${performance.now() - started} ms`);
    started = performance.now();
    const shown = await deployment(server);
    const waited = performance.now() - started;
    assert.equal(shown.tagsStatus, "unavailable");
    assert.ok(waited >= 1_900 && waited < 2_400, `the invocation waited ${waited} ms for the first load`);
    emu.clearFaults();
  });

  it("without an endpoint name, serves with tagsStatus unavailable and says why in the log", async () => {
    const { log, lines } = captureLogs();
    const server = await startTestServer({ AWS_REGION: REGION, EXPOSED_TAG_KEYS: EXPOSED }, { log });
    servers.push(server);
    emu.resetCalls();
    const shown = await deployment(server);
    assert.deepEqual(shown, { endpointName: null, variantName: null, modelName: null, endpointConfigName: null, tags: {}, tagsStatus: "unavailable", tagsLoadedAt: null, tagsAgeSeconds: null });
    assert.equal(emu.callCount(), 0);
    const warning = lines.find((line) => line.level === "warn");
    assert.match(String(warning?.reason), /SAGEMAKER_ENDPOINT_NAME not set/);
  });

  it("with TTL 0 runs the whole Describe chain and ListTags on every invocation, and waits for it", async () => {
    const { server } = await container({ TAG_CACHE_TTL_SECONDS: "0" });
    await waitFor(async () => server.tags.isReady(), 2_000);
    emu.resetCalls();
    emu.setFaults({ latencyMs: 100, operations: READ_OPERATIONS });
    const started = performance.now();
    for (let i = 0; i < 3; i++) assert.equal((await deployment(server)).tagsStatus, "fresh");
    assert.ok(performance.now() - started >= 3 * 4 * 100, "each invocation waited for 3 sequential Describes + parallel ListTags");
    assert.deepEqual(emu.calls().byOperation, { DescribeEndpoint: 3, DescribeEndpointConfig: 3, DescribeModel: 3, ListTags: 9 });
    emu.setFaults({ error: "accessDenied", operations: READ_OPERATIONS });
    const failed = await deployment(server);
    assert.equal(failed.tagsStatus, "unavailable");
    assert.equal(failed.tagsLoadedAt, null);
  });
});
