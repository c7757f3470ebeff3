/**
 * The tags a stack's config says every SageMaker layer carries, computed with the program's own stack
 * file loader, settings parser and tag merge (so the drift check and the program cannot disagree).
 */
import { ConfigError, parseSettings, projectConfigValues, type Tags } from "../components/settings";
import { loadStackConfig, readProjectName, StackFileError } from "../base/stack-file";
import { CliError } from "../base/cli-error";

/**
 * The merged tag set (user tags plus the program's standard keys) of `stack`, read from
 * `Pulumi.yaml` and `Pulumi.<stack>.yaml` in `configDir`. A missing or invalid stack file is a
 * one-line {@link CliError}.
 */
export function expectedStackTags(stack: string, configDir: string): Tags {
  try {
    const project = readProjectName(configDir);
    const config = loadStackConfig(stack, configDir);
    return parseSettings({ project, stack, values: projectConfigValues(config, project) }).tags;
  } catch (error) {
    if (error instanceof StackFileError || error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}
