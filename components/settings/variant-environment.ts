// Config `variants[i].environment`: extra container variables of one variant's Model.
import { ConfigPath, show } from "./values";

/**
 * SageMaker's pattern for a key of ContainerDefinition.Environment (the service model's EnvironmentKey;
 * values are `[\S\s]*`, any text). The lengths are checked with the whole environment (model-environment.ts).
 */
const ENVIRONMENT_KEY = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Variables the program sets in every Model (container-environment.ts and fleet-identity.ts) or that the
 * platform owns (SageMaker's and local mode's SAGEMAKER_*, SM_* and AWS_* variables: port, model
 * directory, region, endpoints, credentials), which a variant may not set.
 */
const PROGRAM_VARIABLES: readonly string[] = ["TAG_CACHE_TTL_SECONDS", "EXPOSED_TAG_KEYS", "TAGS_REQUIRED", "METRICS_NAMESPACE"];
const PLATFORM_PREFIXES: readonly string[] = ["SAGEMAKER_", "SM_", "AWS_"];

/** Why a variable name may not be set in a variant's `environment` (undefined: it may). */
function reservedReason(name: string): string | undefined {
  if (PROGRAM_VARIABLES.includes(name)) return "is set by the program from the stack config";
  const prefix = PLATFORM_PREFIXES.find((candidate) => name.startsWith(candidate));
  if (prefix !== undefined) return `is reserved: ${prefix}* variables are set by the program, SageMaker or local mode`;
  return undefined;
}

/**
 * Reads config `variants[i].environment` (unset: none): a map of variable name to string value, names
 * matching SageMaker's `[a-zA-Z_][a-zA-Z0-9_]*` and none of the program's or the platform's variables.
 */
export function parseVariantEnvironment(path: ConfigPath, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw path.error(`must be a map of variable names to string values, got ${show(value)}`);
  }
  const environment: Record<string, string> = {};
  for (const [name, text] of Object.entries(value)) {
    const variablePath = path.field(name);
    if (!ENVIRONMENT_KEY.test(name)) {
      throw variablePath.error("is not a valid variable name; SageMaker allows letters, digits and _ not starting with a digit");
    }
    const reason = reservedReason(name);
    if (reason !== undefined) throw variablePath.error(reason);
    if (typeof text !== "string") throw variablePath.error(`must be a string (quote numbers and booleans), got ${show(text)}`);
    environment[name] = text;
  }
  return environment;
}
