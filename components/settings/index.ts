// The typed, validated stack settings: pure parsing of the raw config, no Pulumi I/O.
export { ConfigError } from "./config-error";
export { CONFIG_DEFAULTS, CONFIG_KEYS, parseSettings, projectConfigValues } from "./settings";
export type { Settings } from "./settings";
export type { Tags } from "./tags";
export { defaultEndpointName } from "./names";
export { sharedTags, variantModelTags } from "./variant-tags";
export type { Autoscaling, Variant } from "./variant";
export type { ProductionVariantSettings } from "./production-variants";
export { SHORTHAND_VARIANT_NAME } from "./production-variants";
export type { BlueGreenDeployment, RollbackAlarms } from "./deployment";
export { MAX_ROLLBACK_ALARMS, ROLLBACK_ALARMS_PER_VARIANT } from "./deployment";
export type { ModelData, PrebuiltImage } from "./artifacts";
