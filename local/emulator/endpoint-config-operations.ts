/** CreateEndpointConfig, DescribeEndpointConfig, DeleteEndpointConfig and ListEndpointConfigs. */
import type { CreateEndpointConfigOutput, DescribeEndpointConfigOutput, EndpointConfigSummary } from "@aws-sdk/client-sagemaker";
import { Constraints, JsonObject, NAME_RULES, asObject, listMemberPath, memberPath, requireName } from "./constraints";
import { listOperation } from "./listing";
import { OperationTable, arnOfMember, deleteOperation } from "./operation";
import { addResource, specOf } from "./new-resource";
import type { Store } from "./store";
import { readTags } from "./tags";
import type { Wire } from "./wire";

const configArn = arnOfMember("endpoint-config", "EndpointConfigName");

/** The endpoint configuration operations. */
export const ENDPOINT_CONFIG_OPERATIONS: OperationTable = {
  CreateEndpointConfig: {
    resourceArn: configArn,
    run(input, context): Wire<CreateEndpointConfigOutput> {
      const c = new Constraints();
      const name = c.string(input, "EndpointConfigName", NAME_RULES) as string;
      const variants = readVariants(c, input);
      const tags = readTags(c, input, "Tags", false);
      c.check();
      for (const variant of variants) {
        if (typeof variant.ModelName === "string") context.store.get("model", variant.ModelName);
      }
      return { EndpointConfigArn: addResource(context, "endpoint-config", name, tags, { spec: specOf(input, "EndpointConfigName") }) };
    },
  },
  DescribeEndpointConfig: {
    resourceArn: configArn,
    run(input, { store }): Wire<DescribeEndpointConfigOutput> {
      const config = store.get("endpoint-config", requireName(input, "EndpointConfigName"));
      return {
        ...(config.spec as Wire<DescribeEndpointConfigOutput>),
        EndpointConfigName: config.name,
        EndpointConfigArn: config.arn,
        CreationTime: config.creationTime,
      };
    },
  },
  DeleteEndpointConfig: deleteOperation("endpoint-config", "EndpointConfigName"),
  ListEndpointConfigs: listOperation(
    "endpoint-config",
    "EndpointConfigs",
    () => ({ operation: "ListEndpointConfigs", sortKeys: { Name: (e) => e.name, CreationTime: (e) => e.creationTime } }),
    (e): Wire<EndpointConfigSummary> => ({ EndpointConfigName: e.name, EndpointConfigArn: e.arn, CreationTime: e.creationTime }),
  ),
};

/** The production variants of a stored configuration (validated when it was created). */
export function variantsOf(store: Store, configName: string): JsonObject[] {
  return (store.get("endpoint-config", configName).spec.ProductionVariants as JsonObject[]).map((v) => ({ ...v }));
}

/** Reads ProductionVariants (1..10 variants, each with a valid VariantName and optional ModelName). */
function readVariants(c: Constraints, input: JsonObject): JsonObject[] {
  const list = c.list(input, "ProductionVariants", { required: true, min: 1, max: 10 }) ?? [];
  return list.map((item, index) => {
    const variant = asObject(item, `ProductionVariants[${index}]`);
    const parent = listMemberPath("ProductionVariants", index);
    c.string(variant, "VariantName", NAME_RULES, memberPath("VariantName", parent));
    c.string(variant, "ModelName", { ...NAME_RULES, required: false }, memberPath("ModelName", parent));
    return variant;
  });
}
