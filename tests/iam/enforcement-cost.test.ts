/**
 * What judging costs the emulator per call, cached and uncached, measured on real SDK calls and
 * printed (docs/iam.md quotes a run). Decisions are cached per role + action + resource (+ context), so
 * a container's steady refreshes and the bench pay the evaluator once per distinct call.
 */
import { ListTagsCommand, SageMakerClient } from "@aws-sdk/client-sagemaker";
import * as assert from "node:assert/strict";
import { tagReadPolicy } from "../../components/policy-documents";
import { seedDeployment } from "../../local/emulator";
import type { NamedPolicy } from "../../local/emulator/iam/evaluate";
import { startHarness, type Harness } from "../emulator/harness";

const CALLS = 200;
const DISTINCT = 20;

/** Milliseconds per call of `count` sequential calls of `call`. */
async function perCall(count: number, call: (index: number) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < count; index += 1) await call(index);
  return (performance.now() - started) / count;
}

describe("IAM: the cost of enforcement per call", function () {
  this.timeout(60_000);
  let h: Harness;
  let asRole: SageMakerClient;
  let arns: string[];

  before(async () => {
    h = await startHarness();
    const deployment = await seedDeployment(h.sm, { endpointName: "scorer" });
    const document = tagReadPolicy({ endpointArn: deployment.endpointArn, endpointConfigArnPattern: deployment.configArn, modelArnPattern: deployment.modelArn });
    const policies: NamedPolicy[] = [{ name: "tag-read", document: document as unknown as NamedPolicy["document"] }];
    const credentials = await h.emu.registerRole({ roleArn: "arn:aws:iam::123456789012:role/scorer-role", policies });
    asRole = new SageMakerClient({ region: h.emu.region, endpoint: h.emu.url, credentials, maxAttempts: 1 });
    arns = [deployment.endpointArn, deployment.configArn, deployment.modelArn];
    for (let index = 0; index < DISTINCT; index += 1) {
      const extra = await seedDeployment(h.sm, { endpointName: `scorer-${index}` });
      arns.push(extra.endpointArn);
    }
    await asRole.send(new ListTagsCommand({ ResourceArn: arns[0] })); // warm up the SDK and the evaluator's data
  });

  after(async () => {
    asRole?.destroy();
    await h?.close();
  });

  it("evaluates once per distinct call and answers repeats from the cache, in well under a millisecond", async () => {
    const before = h.emu.iamStats();
    // Uncached: each of the other endpoints once (denied, so the SDK rejects; the evaluator runs each time).
    await perCall(DISTINCT, (index) => asRole.send(new ListTagsCommand({ ResourceArn: arns[3 + index] })).catch(() => undefined));
    const afterUncached = h.emu.iamStats();
    // Cached: the container's steady state, ListTags on its three ARNs over and over.
    await perCall(CALLS, (index) => asRole.send(new ListTagsCommand({ ResourceArn: arns[index % 3] })));
    const afterCached = h.emu.iamStats();

    const evaluations = afterUncached.evaluations - before.evaluations;
    const uncachedMs = (afterUncached.evaluationMs - before.evaluationMs) / evaluations;
    const hits = afterCached.cacheHits - afterUncached.cacheHits;
    const cachedMs = (afterCached.cacheHitMs - afterUncached.cacheHitMs) / hits;
    console.log(`      evaluator per call: uncached ${uncachedMs.toFixed(2)} ms (${evaluations} calls), cached ${(cachedMs * 1000).toFixed(1)} µs (${hits} calls)`);
    assert.equal(evaluations, DISTINCT, "each distinct call is evaluated once");
    assert.ok(hits >= CALLS - 2, `repeats come from the cache (${hits} hits)`); // two ARNs may be first seen here
    assert.ok(cachedMs < 2, `a cached decision costs ${cachedMs} ms`);
  });

  it("adds little to a whole SDK round trip: role credentials (cached) against the plain ones", async () => {
    // Interleaved in rounds, so that load on the machine and warm-up weigh on both alike.
    let judged = 0;
    let plain = 0;
    for (let round = 0; round < 4; round += 1) {
      judged += await perCall(CALLS / 4, (index) => asRole.send(new ListTagsCommand({ ResourceArn: arns[index % 3] })));
      plain += await perCall(CALLS / 4, (index) => h.sm.send(new ListTagsCommand({ ResourceArn: arns[index % 3] })));
    }
    judged /= 4;
    plain /= 4;
    console.log(`      ListTags round trip: ${judged.toFixed(2)} ms as the role, ${plain.toFixed(2)} ms unrestricted (${CALLS} calls each)`);
    assert.ok(judged < plain + 5, `judged ${judged} ms vs plain ${plain} ms per call`);
  });
});
