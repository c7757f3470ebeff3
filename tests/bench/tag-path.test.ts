import assert from "node:assert/strict";
import { measureTagPath } from "../../bench/tag-path";

describe("bench: the tag path alone", () => {
  it("measures a positive CPU cost per iteration with tags on and off", async () => {
    const cost = await measureTagPath(2_000);
    assert.equal(cost.iterations, 2_000);
    assert.ok(cost.tagsOnMicros > 0 && cost.tagsOffMicros > 0, JSON.stringify(cost));
    assert.ok(cost.tagsOnMicros < 1_000 && cost.tagsOffMicros < 1_000, `microseconds, not milliseconds: ${JSON.stringify(cost)}`);
  });
});
