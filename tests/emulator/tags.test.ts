// ListTags pagination (MaxResults >= 50, NextToken, paginateListTags), AddTags and DeleteTags, and the
// tag rules (50 per resource, key/value lengths and pattern, reserved aws: prefix), through the AWS SDK.
import {
  AddTagsCommand,
  CreateModelCommand,
  DeleteTagsCommand,
  DescribeEndpointCommand,
  ListTagsCommand,
  Tag,
  paginateListTags,
} from "@aws-sdk/client-sagemaker";
import { strict as assert } from "node:assert";
import { seedDeployment } from "../../local/emulator";
import { manyTags } from "./many-tags";
import { Harness, rejection, useHarness } from "./harness";

async function allTags(h: Harness, arn: string, pageSize?: number): Promise<{ tags: Tag[]; pages: number }> {
  const tags: Tag[] = [];
  let pages = 0;
  for await (const page of paginateListTags({ client: h.sm, pageSize }, { ResourceArn: arn })) {
    pages += 1;
    tags.push(...(page.Tags ?? []));
  }
  return { tags, pages };
}

describe("emulator tags (AWS SDK)", () => {
  describe("with AWS's page size", () => {
    const harness = useHarness();

    it("returns each layer's tags from Create*, in the order given, on the ARN from Describe", async () => {
      const h = harness();
      const d = await seedDeployment(h.sm, { endpointName: "layers",
        modelTags: [{ Key: "ModelVersion", Value: "1.4.0" }],
        endpointConfigTags: [{ Key: "DeploymentStage", Value: "dev" }],
        endpointTags: [
          { Key: "CreatedBy", Value: "pulumi" },
          { Key: "CostCenter", Value: "" },
        ],
      });
      const arn = (await h.sm.send(new DescribeEndpointCommand({ EndpointName: d.endpointName }))).EndpointArn as string;
      assert.deepEqual((await h.sm.send(new ListTagsCommand({ ResourceArn: arn }))).Tags, [
        { Key: "CreatedBy", Value: "pulumi" },
        { Key: "CostCenter", Value: "" },
      ]);
      assert.deepEqual((await h.sm.send(new ListTagsCommand({ ResourceArn: d.modelArn }))).Tags, [{ Key: "ModelVersion", Value: "1.4.0" }]);
      assert.deepEqual((await h.sm.send(new ListTagsCommand({ ResourceArn: d.configArn }))).Tags, [{ Key: "DeploymentStage", Value: "dev" }]);
    });

    it("holds 50 tags per resource in one page at MaxResults 50, and refuses MaxResults below 50 and a 51st tag", async () => {
      const h = harness();
      const d = await seedDeployment(h.sm, { endpointName: "full", endpointTags: manyTags("e", 50), modelTags: manyTags("m", 30) });
      const page = await h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn, MaxResults: 50 }));
      assert.equal(page.Tags?.length, 50);
      assert.equal(page.NextToken, undefined);
      const viaPaginator = await allTags(h, d.modelArn);
      assert.equal(viaPaginator.tags.length, 30);
      assert.equal(viaPaginator.pages, 1);

      const small = await rejection(h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn, MaxResults: 10 })));
      assert.equal(small.name, "ValidationException");
      assert.equal(
        small.message,
        "1 validation error detected: Value '10' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 50",
      );
      const tooMany = await rejection(h.sm.send(new AddTagsCommand({ ResourceArn: d.endpointArn, Tags: [{ Key: "one-more", Value: "x" }] })));
      assert.equal(tooMany.name, "ValidationException");
      assert.match(tooMany.message, /would have 51 tags; a resource can have at most 50/);
      const fiftyOne = await rejection(h.sm.send(new CreateModelCommand({ ModelName: "m51", Tags: manyTags("k", 51) })));
      assert.match(fiftyOne.message, /at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50/);
      // Overwriting an existing key at the limit is fine.
      await h.sm.send(new AddTagsCommand({ ResourceArn: d.endpointArn, Tags: [{ Key: "e0", Value: "changed" }] }));
      assert.deepEqual((await h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn }))).Tags?.[0], { Key: "e0", Value: "changed" });
    });

    it("adds, overwrites and deletes tags; a change is visible to the next ListTags", async () => {
      const h = harness();
      const d = await seedDeployment(h.sm, { endpointName: "mutable", endpointTags: [{ Key: "ModelVersion", Value: "1.0.0" }] });
      const added = await h.sm.send(
        new AddTagsCommand({ ResourceArn: d.endpointArn, Tags: [{ Key: "ModelVersion", Value: "2.0.0" }, { Key: "Owner", Value: "ml-team" }] }),
      );
      assert.deepEqual(added.Tags, [{ Key: "ModelVersion", Value: "2.0.0" }, { Key: "Owner", Value: "ml-team" }]);
      assert.deepEqual((await h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn }))).Tags, [
        { Key: "ModelVersion", Value: "2.0.0" },
        { Key: "Owner", Value: "ml-team" },
      ]);
      await h.sm.send(new DeleteTagsCommand({ ResourceArn: d.endpointArn, TagKeys: ["ModelVersion", "NotThere"] }));
      assert.deepEqual((await h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn }))).Tags, [{ Key: "Owner", Value: "ml-team" }]);
    });

    it("refuses unknown ARNs, malformed ARNs, reserved keys and bad keys or values", async () => {
      const h = harness();
      const d = await seedDeployment(h.sm, { endpointName: "rules" });
      const unknown = await rejection(h.sm.send(new ListTagsCommand({ ResourceArn: "arn:aws:sagemaker:us-east-1:123456789012:endpoint/nope" })));
      assert.equal(unknown.name, "ValidationException");
      assert.equal(unknown.message, "Resource does not exist");
      // ARNs are matched exactly: SageMaker's ARNs hold the lower-cased name.
      const upper = await rejection(h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn.replace("rules", "RULES") })));
      assert.equal(upper.message, "Resource does not exist");
      const malformed = await rejection(h.sm.send(new ListTagsCommand({ ResourceArn: "rules" })));
      assert.match(malformed.message, /Value 'rules' at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern/);
      const reserved = await rejection(h.sm.send(new AddTagsCommand({ ResourceArn: d.endpointArn, Tags: [{ Key: "aws:owner", Value: "x" }] })));
      assert.equal(reserved.name, "ValidationException");
      assert.match(reserved.message, /reserved/);
      const bad = await rejection(
        h.sm.send(new AddTagsCommand({ ResourceArn: d.endpointArn, Tags: [{ Key: "", Value: "x" }, { Key: "ok", Value: "v".repeat(257) }, { Key: "bad!", Value: "x" }] })),
      );
      assert.match(bad.message, /^3 validation errors detected: /);
      assert.match(bad.message, /at 'tags\.1\.member\.key' failed to satisfy constraint: Member must have length greater than or equal to 1/);
      assert.match(bad.message, /at 'tags\.2\.member\.value' failed to satisfy constraint: Member must have length less than or equal to 256/);
      assert.match(bad.message, /Value 'bad!' at 'tags\.3\.member\.key' failed to satisfy constraint: Member must satisfy regular expression pattern/);
      const noKeys = await rejection(h.sm.send(new DeleteTagsCommand({ ResourceArn: d.endpointArn, TagKeys: [] })));
      assert.match(noKeys.message, /at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1/);
      assert.deepEqual((await h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn }))).Tags, []);
    });
  });

  describe("with listTagsPageSize 20", () => {
    const harness = useHarness({ listTagsPageSize: 20 });

    it("pages more than 50 tags across two resources with NextToken, and paginateListTags collects them all", async () => {
      const h = harness();
      const d = await seedDeployment(h.sm, { endpointName: "paged", endpointTags: manyTags("e", 50), modelTags: manyTags("m", 25) });
      const first = await h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn, MaxResults: 100 }));
      assert.equal(first.Tags?.length, 20);
      assert.equal(first.Tags?.[0].Key, "e0");
      assert.ok(first.NextToken);
      const second = await h.sm.send(new ListTagsCommand({ ResourceArn: d.endpointArn, NextToken: first.NextToken }));
      assert.equal(second.Tags?.[0].Key, "e20");

      const endpoint = await allTags(h, d.endpointArn);
      assert.equal(endpoint.pages, 3);
      assert.deepEqual(endpoint.tags.map((t) => t.Key), manyTags("e", 50).map((t) => t.Key));
      const model = await allTags(h, d.modelArn, 50);
      assert.equal(model.pages, 2);
      assert.equal(model.tags.length, 25);
      assert.equal(endpoint.tags.length + model.tags.length, 75);

      const foreign = await rejection(h.sm.send(new ListTagsCommand({ ResourceArn: d.modelArn, NextToken: first.NextToken })));
      assert.equal(foreign.name, "ValidationException");
      assert.match(foreign.message, /Invalid NextToken/);
    });
  });
});
