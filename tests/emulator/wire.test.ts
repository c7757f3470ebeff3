// The wire format seen without an SDK: AWS JSON 1.1 headers and error shapes, epoch-second timestamps,
// request ids, and the answers to requests no SDK would send.
import { strict as assert } from "node:assert";
import { seedDeployment } from "../../local/emulator";
import { useHarness } from "./harness";

/** POSTs `body` to the control plane with `X-Amz-Target: <target>`. */
async function call(url: string, target: string | undefined, body: string): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { "Content-Type": "application/x-amz-json-1.1" };
  if (target !== undefined) headers["X-Amz-Target"] = target;
  const res = await fetch(`${url}/`, { method: "POST", headers, body });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

describe("emulator wire format", () => {
  const harness = useHarness();

  it("answers application/x-amz-json-1.1 with a request id and epoch-second timestamps", async () => {
    const h = harness();
    await seedDeployment(h.sm, { endpointName: "wire" });
    const res = await call(h.emu.url, "SageMaker.DescribeEndpoint", '{"EndpointName":"wire"}');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/x-amz-json-1.1");
    assert.match(res.headers.get("x-amzn-requestid") ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(typeof res.json.CreationTime, "number");
    assert.ok(Math.abs((res.json.CreationTime as number) - Date.now() / 1000) < 5);
    assert.ok(!("Tags" in res.json));
  });

  it("answers errors as {__type, message} with x-amzn-ErrorType, for unknown operations and bad bodies", async () => {
    const h = harness();
    const unknown = await call(h.emu.url, "SageMaker.CreateTrainingJob", "{}");
    assert.equal(unknown.status, 400);
    assert.equal(unknown.headers.get("x-amzn-errortype"), "UnknownOperationException");
    assert.deepEqual(unknown.json, { __type: "com.amazonaws.sagemaker#UnknownOperationException", message: 'Unknown operation: "SageMaker.CreateTrainingJob"' });
    assert.ok(unknown.headers.get("x-amzn-requestid"));

    const otherService = await call(h.emu.url, "AmazonS3.ListBuckets", "{}");
    assert.equal(otherService.json.__type, "com.amazonaws.sagemaker#UnknownOperationException");
    const noTarget = await call(h.emu.url, undefined, "{}");
    assert.equal(noTarget.json.__type, "com.amazonaws.sagemaker#UnknownOperationException");

    const malformed = await call(h.emu.url, "SageMaker.ListModels", "{not json");
    assert.equal(malformed.status, 400);
    assert.equal(malformed.headers.get("x-amzn-errortype"), "SerializationException");
    assert.match(malformed.json.message as string, /^Request body is not valid JSON/);
    const array = await call(h.emu.url, "SageMaker.ListModels", "[]");
    assert.equal(array.json.message, "Request body must be a JSON object");
    const wrongType = await call(h.emu.url, "SageMaker.DescribeModel", '{"ModelName": 7}');
    assert.deepEqual(wrongType.json, { __type: "com.amazonaws.sagemaker#SerializationException", message: "Member ModelName must be a string" });
    assert.deepEqual(h.emu.calls().byOperation, { CreateTrainingJob: 1, "AmazonS3.ListBuckets": 1, "": 1, ListModels: 2, DescribeModel: 1 });
  });

  it("answers 404 UnknownOperationException for other paths and methods", async () => {
    const h = harness();
    const res = await fetch(`${h.emu.url}/endpoints/x/async-invocations`, { method: "POST", body: "{}" });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get("x-amzn-errortype"), "UnknownOperationException");
    assert.equal((await fetch(`${h.emu.url}/`)).status, 404);
  });
});
