/**
 * What an update changes per variant, for `npm start -- --update-to`: each variant's Model in the new
 * EndpointConfig against the old one (fleet identity v2: a config-only change keeps every Model).
 */
import { DescribeEndpointConfigCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";

/** Variant name -> Model name, as an EndpointConfig's production variants list them. */
export type VariantModels = Readonly<Record<string, string>>;

/** The Model of each production variant of EndpointConfig `configName`. */
export async function variantModels(client: SageMakerClient, configName: string): Promise<VariantModels> {
  const config = await client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName }));
  return Object.fromEntries((config.ProductionVariants ?? []).map((variant) => [variant.VariantName ?? "", variant.ModelName ?? ""]));
}

/**
 * One line naming the new config and each variant's Model, `(unchanged)` when the old config ran the same
 * Model for that variant; the variant names are left out for a single variant.
 */
export function fleetChangeLine(before: VariantModels, after: VariantModels, configName: string): string {
  const entries = Object.entries(after);
  const models = entries.map(([variant, model]) => {
    const label = entries.length > 1 ? `${variant}: ` : "";
    return `${label}model ${model}${before[variant] === model ? " (unchanged)" : ""}`;
  });
  return `new fleet: ${models.join(", ")}, endpoint config ${configName}`;
}
