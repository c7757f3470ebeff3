import { ModelData, PrebuiltImage, parseModelArtifacts } from "./artifacts";
import { containerEnvironment } from "../container-environment";
import { GENERATION_ID_BYTES, generatedName } from "../fleet-identity";
import { BlueGreenDeployment, MAX_ROLLBACK_ALARMS, ROLLBACK_ALARMS_PER_VARIANT, parseDeployment } from "./deployment";
import { modelEnvironmentProblem } from "./model-environment";
import { parseEndpointName, repositoryName } from "./names";
import { MAX_TAGS_PER_RESOURCE, Tags, mergeTags, parseExposedTagKeys, parseUserTags } from "./tags";
import { ConfigPath, readBoolean, readInteger } from "./values";
import { ProductionVariantSettings, parseProductionVariants } from "./production-variants";

/** Every config key of the project namespace the program reads (declared with its type in Pulumi.yaml). */
export const CONFIG_KEYS = [
  "tags",
  "endpointName",
  "imageUri",
  "modelDataUrl",
  "model",
  "variant",
  "variants",
  "deployment",
  "tagCacheTtlSeconds",
  "exposedTagKeys",
  "tagsRequired",
  "enableNetworkIsolation",
  "allowEndpointReplacement",
] as const;

/** A config key of the project namespace. */
type ConfigKey = (typeof CONFIG_KEYS)[number];

/**
 * The defaults of the optional keys, exactly as Pulumi.yaml declares them (the CLI fills them in for a stack
 * that does not set the key; a declared key without a default is required). An empty string means "unset",
 * `deployment: {}` means no blue/green settings, and `*` in `exposedTagKeys` stands for every key of `tags`.
 */
export const CONFIG_DEFAULTS: Readonly<Partial<Record<ConfigKey, unknown>>> = {
  endpointName: "",
  imageUri: "",
  modelDataUrl: "",
  model: {},
  variant: "",
  variants: "",
  deployment: {},
  tagCacheTtlSeconds: 300,
  exposedTagKeys: ["*"],
  tagsRequired: false,
  enableNetworkIsolation: false,
  allowEndpointReplacement: false,
};

/** The raw stack config the settings are parsed from. */
export interface RawConfig {
  /** The Pulumi project name, also the config namespace (`tagged-endpoint`). */
  project: string;
  /** The stack name (`dev`, `prod`). */
  stack: string;
  /** The values of the project namespace, by key without the namespace, as the text Pulumi stores. */
  values: Record<string, string>;
  /** Config `aws:region`, which the Model environment carries (default: unset, counted as empty). */
  region?: string;
}

/** The typed, validated settings of one stack. */
export interface Settings {
  /** The Pulumi project name. */
  project: string;
  /** The stack name. */
  stack: string;
  /** The SageMaker endpoint name (config `endpointName`, default `<project>-<stack>` sanitised). */
  endpointName: string;
  /** The ECR repository the program owns when it builds the image (derived from the endpoint name). */
  repositoryName: string;
  /** The user tags (config `tags`, required). */
  userTags: Tags;
  /** The tags on every taggable resource: the user tags plus `pulumi:project`, `pulumi:stack`, `ManagedBy`. */
  tags: Tags;
  /** Tag keys the container may return to callers (config `exposedTagKeys`, default: the user tag keys). */
  exposedTagKeys: string[];
  /** Seconds the container caches tags; 0 disables the cache (config `tagCacheTtlSeconds`, default 300). */
  tagCacheTtlSeconds: number;
  /** The container fails `/ping` and invocations until tags were loaded (config `tagsRequired`, default false). */
  tagsRequired: boolean;
  /** A prebuilt image (config `imageUri`; default: none, the program builds `./container`); variants inherit it. */
  prebuiltImage?: PrebuiltImage;
  /** A prebuilt model archive in S3 (config `modelDataUrl`; default: none); variants inherit it. */
  modelData?: ModelData;
  /**
   * A local model directory the program packs into a reproducible `model.tar.gz` and uploads to a bucket it
   * owns (config `model.path`, relative to the project directory; default: none). Excludes `modelData`;
   * variants inherit it.
   */
  modelDirectory?: string;
  /**
   * The production variants (config `variants`, or the one-variant shorthand `variant` named `AllTraffic`;
   * exactly one of the two is required).
   */
  variants: ProductionVariantSettings[];
  /** Blue/green update policy (config `deployment`; default: none). */
  deployment?: BlueGreenDeployment;
  /**
   * An update may replace the endpoint, deleting it first (config `allowEndpointReplacement`, default false:
   * such an update is refused at preview).
   */
  allowEndpointReplacement: boolean;
}

/** Picks the values of the project namespace out of the full config map (`<project>:<key>` keys). */
export function projectConfigValues(allConfig: Record<string, string>, project: string): Record<string, string> {
  const prefix = `${project}:`;
  return Object.fromEntries(
    Object.entries(allConfig)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
}

/**
 * Validates the whole stack config and returns the settings. Throws a {@link ConfigError} naming the first
 * config key that breaks a rule.
 */
export function parseSettings(raw: RawConfig): Settings {
  const { project, stack, values } = raw;
  const path = (key: ConfigKey) => ConfigPath.root(project, key);
  const text = (key: ConfigKey): string | undefined => {
    const value = values[key] ?? defaultText(key);
    return value === "" ? undefined : value;
  };
  for (const key of Object.keys(values)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      throw ConfigPath.root(project, key).error(`unknown config key; known keys are ${CONFIG_KEYS.join(", ")}`);
    }
  }
  const userTags = parseUserTags(path("tags"), text("tags"));
  const tags = mergeTags(userTags, project, stack);
  const endpointName = parseEndpointName(path("endpointName"), text("endpointName"), project, stack);
  const { prebuiltImage, modelData, modelDirectory } = parseModelArtifacts(path, text);
  const variants = parseProductionVariants(path("variants"), text("variants"), path("variant"), text("variant"), {
    prebuiltImage,
    modelData,
    modelDirectory,
  });
  if (variants.some((variant) => !variant.prebuiltImage) && repositoryName(endpointName).length < 2) {
    throw path("endpointName").error("must be at least 2 characters when the program builds the image (it names the ECR repository)");
  }
  variants.forEach((variant, index) => {
    const count = Object.keys({ ...tags, ...variant.tags }).length;
    if (count > MAX_TAGS_PER_RESOURCE) {
      throw path("variants").index(index).field("tags").error(
        `gives the variant's Model ${count} tags with the stack's, more than the ${MAX_TAGS_PER_RESOURCE} AWS allows on a resource`,
      );
    }
  });
  const deployment = parseDeployment(path("deployment"), text("deployment"));
  if (deployment && variants[0].capacity.kind !== "instance") {
    throw path("deployment").error("blue/green deployment needs an instance variant; serverless endpoints do not support it");
  }
  const rollbackAlarms = ROLLBACK_ALARMS_PER_VARIANT * variants.length;
  if (deployment?.autoRollback && rollbackAlarms > MAX_ROLLBACK_ALARMS) {
    throw path("deployment").field("autoRollback").error(
      `makes ${rollbackAlarms} rollback alarms for ${variants.length} variants (${ROLLBACK_ALARMS_PER_VARIANT} each), more than the ` +
        `${MAX_ROLLBACK_ALARMS} SageMaker's AutoRollbackConfig takes: use at most ${MAX_ROLLBACK_ALARMS / ROLLBACK_ALARMS_PER_VARIANT} variants ` +
        "with auto-rollback, or set it false",
    );
  }
  if (readBoolean(path("enableNetworkIsolation"), text("enableNetworkIsolation"))) {
    throw path("enableNetworkIsolation").error(
      "must be false: a network-isolated container gets no credentials and cannot read its endpoint's tags",
    );
  }
  const settings: Settings = {
    project,
    stack,
    endpointName,
    repositoryName: repositoryName(endpointName),
    userTags,
    tags,
    exposedTagKeys: parseExposedTagKeys(path("exposedTagKeys"), text("exposedTagKeys"), userTags, tags),
    tagCacheTtlSeconds: readInteger(path("tagCacheTtlSeconds"), text("tagCacheTtlSeconds"), { min: 0, max: 86400 }),
    tagsRequired: readBoolean(path("tagsRequired"), text("tagsRequired")),
    prebuiltImage,
    modelData,
    modelDirectory,
    variants,
    deployment,
    allowEndpointReplacement: readBoolean(path("allowEndpointReplacement"), text("allowEndpointReplacement")),
  };
  checkModelEnvironment(settings, raw.region ?? "");
  return settings;
}

/** The config key each variable of the Model environment comes from (see containerEnvironment). */
const ENVIRONMENT_SOURCES: Readonly<Record<string, ConfigKey>> = {
  SAGEMAKER_ENDPOINT_NAME: "endpointName",
  SAGEMAKER_MODEL_NAME: "endpointName",
  TAG_CACHE_TTL_SECONDS: "tagCacheTtlSeconds",
  EXPOSED_TAG_KEYS: "exposedTagKeys",
  TAGS_REQUIRED: "tagsRequired",
};

/** Fails with the config key behind the variable when the Model environment breaks a SageMaker limit. */
function checkModelEnvironment(settings: Settings, region: string): void {
  // Model names have a fixed length: any generation id stands for all of them.
  const names = generatedName(settings.endpointName, "0".repeat(2 * GENERATION_ID_BYTES));
  settings.variants.forEach((variant, index) => {
    const problem = modelEnvironmentProblem(containerEnvironment(settings, region, names, variant.name, variant.environment));
    if (problem === undefined) return;
    // The variant's own variables are to blame when it is one of them, or when the map is fine without them.
    const own = ConfigPath.root(settings.project, "variants").index(index).field("environment");
    const key = ENVIRONMENT_SOURCES[problem.variable];
    const path =
      problem.variable in variant.environment
        ? own.field(problem.variable)
        : modelEnvironmentProblem(containerEnvironment(settings, region, names, variant.name)) === undefined
          ? own
          : key === undefined
            ? ConfigPath.root("aws", "region")
            : ConfigPath.root(settings.project, key);
    throw path.error(problem.rule);
  });
}


/** The text Pulumi would pass for a key's declared default (undefined for a required key). */
function defaultText(key: ConfigKey): string | undefined {
  const value = CONFIG_DEFAULTS[key];
  if (value === undefined) return undefined;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
