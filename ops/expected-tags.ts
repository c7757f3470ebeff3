/**
 * The tags a stack's config says every SageMaker layer carries, computed with the program's own stack
 * file loader, settings parser and tag merge (so the drift check and the program cannot disagree).
 */
import { ConfigError, parseSettings, projectConfigValues, sharedTags, variantModelTags, type Settings } from "../components/settings";
import { loadStackConfig, readProjectName, StackFileError } from "../base/stack-file";
import { CliError } from "../base/cli-error";
import type { TagsByLayer } from "./tag-drift";

/**
 * The settings of `stack`, read from `Pulumi.yaml` and `Pulumi.<stack>.yaml` in `configDir`. A missing
 * or invalid stack file is a one-line {@link CliError}.
 */
export function expectedStackSettings(stack: string, configDir: string): Settings {
  try {
    const project = readProjectName(configDir);
    const config = loadStackConfig(stack, configDir);
    return parseSettings({ project, stack, values: projectConfigValues(config, project) });
  } catch (error) {
    if (error instanceof StackFileError || error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * The tags each layer should carry: the shared tags on the Endpoint and EndpointConfig, and the first
 * variant's Model tags on the Model the stack outputs name (the program's own functions, so they agree).
 */
export function expectedLayerTags(settings: Settings): TagsByLayer {
  const shared = sharedTags(settings);
  return { endpoint: shared, endpointConfig: shared, model: variantModelTags(settings, 0) };
}
