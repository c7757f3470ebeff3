import * as assert from "node:assert/strict";
import { compareTags, formatDriftTable, type TagsByLayer } from "../../ops/tag-drift";

const same = (tags: Record<string, string>): TagsByLayer => ({ endpoint: tags, endpointConfig: tags, model: tags });

describe("tag drift comparison", () => {
  const expected = same({ ModelVersion: "1.4.0", ManagedBy: "pulumi" });

  it("finds no drift when every layer matches", () => {
    assert.deepEqual(compareTags(expected, same({ ManagedBy: "pulumi", ModelVersion: "1.4.0" })), []);
  });

  it("reports missing, unexpected and changed tags per layer, layer by layer then by key", () => {
    const live: TagsByLayer = {
      endpoint: { ModelVersion: "9.9.9", ManagedBy: "pulumi", Owner: "someone" },
      endpointConfig: { ModelVersion: "1.4.0" },
      model: { ModelVersion: "1.4.0", ManagedBy: "pulumi" },
    };
    assert.deepEqual(compareTags(expected, live), [
      { layer: "endpoint", key: "ModelVersion", kind: "changed", expected: "1.4.0", live: "9.9.9" },
      { layer: "endpoint", key: "Owner", kind: "unexpected", live: "someone" },
      { layer: "endpointConfig", key: "ManagedBy", kind: "missing", expected: "pulumi" },
    ]);
  });

  it("treats an empty value as a value, not as a missing tag", () => {
    const withEmpty = same({ Note: "" });
    assert.deepEqual(compareTags(withEmpty, same({ Note: "" })), []);
    assert.equal(compareTags(withEmpty, same({}))[0].kind, "missing");
  });

  it("ignores AWS-reserved aws: tags that no stack can own", () => {
    const live = same({ ModelVersion: "1.4.0", ManagedBy: "pulumi", "aws:cloudformation:stack-name": "x" });
    assert.deepEqual(compareTags(expected, live), []);
  });

  it("renders an aligned table with a header, and a clean message without drift", () => {
    const table = formatDriftTable([
      { layer: "endpoint", key: "ModelVersion", kind: "changed", expected: "1.4.0", live: "2.0.0" },
      { layer: "model", key: "Owner", kind: "unexpected", live: "me" },
    ]);
    assert.deepEqual(table.split("\n"), [
      "LAYER     KEY           DRIFT       EXPECTED  LIVE",
      "endpoint  ModelVersion  changed     1.4.0     2.0.0",
      "model     Owner         unexpected  -         me",
    ]);
    assert.match(formatDriftTable([]), /^no tag drift/);
  });
});
