// What an update may delete: nothing the endpoint may still run (issue 13, item 1).
import * as assert from "assert";
import { TYPES, onlyResource, runStackFile } from "../support/program";

for (const stack of ["dev", "prod"]) {
  describe(`update safety: ${stack} stack`, () => {
    it("keeps the previous Model and EndpointConfiguration in AWS when an update replaces them (retainOnDelete)", async () => {
      const run = await runStackFile(stack);
      for (const type of [TYPES.model, TYPES.endpointConfig]) {
        assert.deepStrictEqual(onlyResource(run, type).options, { retainOnDelete: true, deleteBeforeReplace: false, protect: false, aliasNames: [] }, type);
      }
    });
  });
}
