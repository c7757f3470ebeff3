/** CreateModel, DescribeModel, DeleteModel and ListModels. */
import type { CreateModelOutput, DescribeModelOutput, ModelSummary } from "@aws-sdk/client-sagemaker";
import { Constraints, NAME_RULES, requireName } from "./constraints";
import { listOperation } from "./listing";
import { OperationTable, arnOfMember, deleteOperation } from "./operation";
import { addResource, specOf } from "./new-resource";
import { readTags } from "./tags";
import type { Wire } from "./wire";

const modelArn = arnOfMember("model", "ModelName");

/** The model operations. */
export const MODEL_OPERATIONS: OperationTable = {
  CreateModel: {
    resourceArn: modelArn,
    run(input, context): Wire<CreateModelOutput> {
      const c = new Constraints();
      const name = c.string(input, "ModelName", NAME_RULES) as string;
      c.string(input, "ExecutionRoleArn", { min: 20, max: 2048, pattern: "^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$" });
      const tags = readTags(c, input, "Tags", false);
      c.check();
      return { ModelArn: addResource(context, "model", name, tags, { spec: specOf(input, "ModelName") }) };
    },
  },
  DescribeModel: {
    resourceArn: modelArn,
    run(input, { store }): Wire<DescribeModelOutput> {
      const model = store.get("model", requireName(input, "ModelName"));
      return { EnableNetworkIsolation: false, ...model.spec, ModelName: model.name, ModelArn: model.arn, CreationTime: model.creationTime };
    },
  },
  DeleteModel: deleteOperation("model", "ModelName"),
  ListModels: listOperation(
    "model",
    "Models",
    () => ({ operation: "ListModels", sortKeys: { Name: (m) => m.name, CreationTime: (m) => m.creationTime } }),
    (m): Wire<ModelSummary> => ({ ModelName: m.name, ModelArn: m.arn, CreationTime: m.creationTime }),
  ),
};
