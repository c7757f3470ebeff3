// The runtime API through the real @aws-sdk/client-sagemaker-runtime: InvokeEndpoint forwarded to a
// container with its headers both ways, ModelError for container errors, AWS's errors otherwise.
import { InvokeEndpointCommand, ModelError, ValidationError } from "@aws-sdk/client-sagemaker-runtime";
import { strict as assert } from "node:assert";
import { seedDeployment, type SeededDeployment } from "../../local/emulator";
import { FakeContainer, startFakeContainer } from "./fake-container";
import { Harness, rejection, useHarness } from "./harness";

describe("emulator runtime API (AWS SDK)", () => {
  const harness = useHarness();
  let h: Harness;
  let d: SeededDeployment;
  let container: FakeContainer;
  beforeEach(async () => {
    h = harness();
    d = await seedDeployment(h.sm, { endpointName: "Runtime-Ep" });
    container = await startFakeContainer();
    h.emu.attachContainer(d.endpointName, container.url);
    h.emu.resetCalls();
  });
  afterEach(async () => {
    await container.close();
  });

  const invoke = (overrides: Partial<ConstructorParameters<typeof InvokeEndpointCommand>[0]> = {}) =>
    h.runtime.send(new InvokeEndpointCommand({ EndpointName: d.endpointName, Body: Buffer.from('{"instances":[[1,2]]}'), ContentType: "application/json", ...overrides }));

  it("forwards the body, Content-Type, Accept, custom attributes and inference id, and returns body, type, variant and attributes", async () => {
    const result = await invoke({ Accept: "application/json", CustomAttributes: "trace=abc;tenant=7", InferenceId: "inf-1" });
    assert.equal(container.received.length, 1);
    const [request] = container.received;
    assert.equal(request.route, "POST /invocations");
    assert.equal(request.body.toString(), '{"instances":[[1,2]]}');
    assert.equal(request.headers["content-type"], "application/json");
    assert.equal(request.headers.accept, "application/json");
    assert.equal(request.headers["x-amzn-sagemaker-custom-attributes"], "trace=abc;tenant=7");
    assert.equal(request.headers["x-amzn-sagemaker-inference-id"], "inf-1");

    assert.deepEqual(JSON.parse(Buffer.from(result.Body as Uint8Array).toString()), { bytes: 21, contentType: "application/json", accept: "application/json" });
    assert.equal(result.ContentType, "application/json");
    assert.equal(result.InvokedProductionVariant, "AllTraffic");
    assert.equal(result.CustomAttributes, "trace=abc;tenant=7");
    assert.equal(h.emu.callCount(), 0, "invocations are not control-plane calls");
  });

  it("returns the container's own content type and no custom attributes when it sets none", async () => {
    container.answer({ body: "1.5\n2.0\n", headers: { "Content-Type": "text/csv" } });
    const result = await invoke({ Accept: "text/csv", CustomAttributes: "x=1" });
    assert.equal(Buffer.from(result.Body as Uint8Array).toString(), "1.5\n2.0\n");
    assert.equal(result.ContentType, "text/csv");
    assert.equal(result.CustomAttributes, undefined);
  });

  it("turns a container's 4xx or 5xx into ModelError (HTTP 424) with its status and body", async () => {
    container.answer({ status: 400, body: '{"error":"bad shape"}', headers: { "Content-Type": "application/json" } });
    const clientError = await rejection(invoke());
    assert.ok(clientError instanceof ModelError);
    assert.equal(clientError.$metadata.httpStatusCode, 424);
    assert.equal(clientError.OriginalStatusCode, 400);
    assert.equal(clientError.OriginalMessage, '{"error":"bad shape"}');
    assert.equal(clientError.LogStreamArn, "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/Runtime-Ep");
    assert.match(clientError.message, /^Received client error \(400\) from primary with message "\{"error":"bad shape"\}"\. See https:\/\/us-east-1\.console/);
    assert.match(clientError.message, /in account 123456789012 for more information\.$/);

    container.answer({ status: 503, body: "warming up" });
    const serverError = await rejection(invoke());
    assert.ok(serverError instanceof ModelError);
    assert.equal(serverError.OriginalStatusCode, 503);
    assert.match(serverError.message, /^Received server error \(503\) from primary with message "warming up"/);
    assert.equal((serverError.$metadata as { attempts: number }).attempts, 1, "ModelError is not retried");
  });

  it("answers ValidationError for an unknown endpoint, as AWS words it", async () => {
    const unknown = await rejection(invoke({ EndpointName: "nope" }));
    assert.ok(unknown instanceof ValidationError);
    assert.equal(unknown.$metadata.httpStatusCode, 400);
    assert.equal(unknown.message, "Endpoint nope of account 123456789012 not found.");
    assert.equal(container.received.length, 0);
  });

  it("names the missing attachment when the endpoint has no container, and ModelError when the container is unreachable", async () => {
    await seedDeployment(h.sm, { endpointName: "lonely" });
    const detached = await rejection(invoke({ EndpointName: "lonely" }));
    assert.ok(detached instanceof ValidationError);
    assert.match(detached.message, /Endpoint lonely has no container attached in the emulator \(attachContainer, or POST \/_emulator\/containers\)/);

    const closed = container.url;
    await container.close();
    h.emu.attachContainer(d.endpointName, closed);
    const unreachable = await rejection(invoke());
    assert.ok(unreachable instanceof ModelError);
    assert.match(unreachable.message, new RegExp(`could not reach the container of endpoint Runtime-Ep at ${closed}/invocations: ECONNREFUSED`));
    container = await startFakeContainer();
  });

  it("accepts a body of 6 MiB and refuses a larger one with AWS's HTTP 413", async () => {
    const limit = 6 * 1024 * 1024;
    const ok = await invoke({ Body: Buffer.alloc(limit, 0x61), ContentType: "application/octet-stream" });
    assert.equal(JSON.parse(Buffer.from(ok.Body as Uint8Array).toString()).bytes, limit);
    const tooLarge = await rejection(invoke({ Body: Buffer.alloc(limit + 1, 0x61) }));
    assert.equal((tooLarge.$metadata as { httpStatusCode: number }).httpStatusCode, 413);
    assert.equal(tooLarge.message, "HTTP content length exceeded 6291456 bytes.");
    assert.equal(container.received.length, 1);
  });

  it("refuses custom attributes SageMaker refuses with its 400 ValidationError, before forwarding", async () => {
    const long = `a=${"x".repeat(1023)}`;
    const tooLong = await rejection(invoke({ CustomAttributes: long }));
    assert.ok(tooLong instanceof ValidationError);
    assert.equal(tooLong.$metadata.httpStatusCode, 400);
    assert.equal(tooLong.message, `1 validation error detected: Value '${long}' at 'customAttributes' failed to satisfy constraint: Member must have length less than or equal to 1024`);
    const nonAscii = await rejection(invoke({ CustomAttributes: "tenant=\u00e9" }));
    assert.ok(nonAscii instanceof ValidationError);
    assert.match(nonAscii.message, /^1 validation error detected: Value '.*' at 'customAttributes' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p\{ASCII\}\*$/);
    assert.equal(container.received.length, 0, "nothing reached the container");
    await invoke({ CustomAttributes: `a=${"x".repeat(1022)}` });
    assert.equal(container.received.length, 1, "1024 characters are allowed");
  });

  it("invokes the target variant, and refuses one the endpoint does not have or that breaks the name pattern", async () => {
    assert.equal((await invoke({ TargetVariant: "AllTraffic" })).InvokedProductionVariant, "AllTraffic");
    const unknown = await rejection(invoke({ TargetVariant: "Blue" }));
    assert.ok(unknown instanceof ValidationError);
    assert.equal(unknown.message, "Endpoint Runtime-Ep has no production variant named Blue (variants: AllTraffic).");
    const malformed = await rejection(invoke({ TargetVariant: "all_traffic" }));
    assert.ok(malformed instanceof ValidationError);
    assert.equal(
      malformed.message,
      "1 validation error detected: Value 'all_traffic' at 'targetVariant' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9])*",
    );
    assert.equal(container.received.length, 1);
  });

  it("refuses a container URL that is not http://host:port", () => {
    assert.throws(() => h.emu.attachContainer(d.endpointName, "localhost:8080"), /container URL must look like http:\/\/host:port/);
    assert.throws(() => h.emu.attachContainer("", container.url), /endpointName must be a non-empty string/);
  });
});
