// The limits SageMaker puts on a Model's container environment, checked before anything is deployed.
//
// Source: the SageMaker API model as the AWS SDK ships it
// (node_modules/@aws-sdk/client-sagemaker/dist-types/models/models_1.d.ts, ContainerDefinition.Environment):
// "The maximum length of each key and value in the Environment map is 1024 bytes. The maximum length of all
// keys and values in the map, combined, is 32 KB." The service model's EnvironmentMap has "max": 100 entries.
// @pulumi/aws (sagemaker.Model primaryContainer.environment) passes the map through and checks none of this,
// so a violation would only surface as a CreateModel ValidationException during `pulumi up`.

/** SageMaker's limits on ContainerDefinition.Environment. */
export const MODEL_ENVIRONMENT_LIMITS = {
  /** Most variables in the map. */
  maxEntries: 100,
  /** Most UTF-8 bytes of one key, and of one value. */
  maxBytes: 1024,
  /** Most UTF-8 bytes of all keys and values together (32 KB). */
  maxTotalBytes: 32 * 1024,
} as const;

/** A limit the environment breaks: the variable it is most due to, and the rule, as one line. */
export interface EnvironmentProblem {
  /** The variable that breaks the limit; for the limits on the whole map, its largest variable. */
  variable: string;
  /** What is wrong, with the sizes and the limit. */
  rule: string;
}

/** The first limit of {@link MODEL_ENVIRONMENT_LIMITS} that `environment` breaks (undefined: none). */
export function modelEnvironmentProblem(environment: Record<string, string>): EnvironmentProblem | undefined {
  const { maxEntries, maxBytes, maxTotalBytes } = MODEL_ENVIRONMENT_LIMITS;
  const entries = Object.entries(environment).map(([key, value]) => ({
    key,
    keyBytes: Buffer.byteLength(key),
    valueBytes: Buffer.byteLength(value),
  }));
  for (const { key, keyBytes, valueBytes } of entries) {
    if (keyBytes > maxBytes) {
      return { variable: key, rule: `the Model environment variable name ${key} is ${keyBytes} bytes; SageMaker allows at most ${maxBytes}` };
    }
    if (valueBytes > maxBytes) {
      return { variable: key, rule: `the Model environment variable ${key} would be ${valueBytes} bytes; SageMaker allows at most ${maxBytes}` };
    }
  }
  if (entries.length === 0) return undefined;
  const largest = entries.reduce((a, b) => (b.keyBytes + b.valueBytes > a.keyBytes + a.valueBytes ? b : a)).key;
  if (entries.length > maxEntries) {
    return { variable: largest, rule: `the Model environment would have ${entries.length} variables; SageMaker allows at most ${maxEntries}` };
  }
  const total = entries.reduce((sum, entry) => sum + entry.keyBytes + entry.valueBytes, 0);
  if (total > maxTotalBytes) {
    return {
      variable: largest,
      rule: `the Model environment's keys and values would be ${total} bytes in all; SageMaker allows at most ${maxTotalBytes}`,
    };
  }
  return undefined;
}
