import { FLEET_SEPARATOR, MAX_FLEET_ENDPOINT_NAME_LENGTH } from "../fleet-identity";
import { ConfigPath } from "./values";

/**
 * The endpoint names this program accepts: SageMaker's pattern without a `--` (the separator of the fleet
 * names `<endpoint>--<generation id>`), at most 51 characters (so fleet names fit SageMaker's 63).
 */
const ENDPOINT_NAME_PATTERN = new RegExp(`^[a-zA-Z0-9](-?[a-zA-Z0-9]){0,${MAX_FLEET_ENDPOINT_NAME_LENGTH - 1}}$`);

/**
 * The default endpoint name `<project>-<stack>`, sanitised to {@link ENDPOINT_NAME_PATTERN}: every run of
 * other characters or hyphens becomes one hyphen, leading and trailing hyphens go, and the result is cut to
 * 51 characters. Empty when nothing usable is left.
 */
export function defaultEndpointName(project: string, stack: string): string {
  return `${project}-${stack}`
    .replace(/[^a-zA-Z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, MAX_FLEET_ENDPOINT_NAME_LENGTH)
    .replace(/-+$/, "");
}

/** Reads config `endpointName` (default: {@link defaultEndpointName}); a set value must already match. */
export function parseEndpointName(path: ConfigPath, text: string | undefined, project: string, stack: string): string {
  const name = text ?? defaultEndpointName(project, stack);
  if (!ENDPOINT_NAME_PATTERN.test(name)) {
    throw path.error(
      text === undefined
        ? `cannot derive an endpoint name from project "${project}" and stack "${stack}"; set endpointName`
        : `must be 1 to ${MAX_FLEET_ENDPOINT_NAME_LENGTH} letters, digits or single hyphens (no "${FLEET_SEPARATOR}": it separates ` +
            `the fleet names), starting and ending with a letter or digit, got "${name}"`,
    );
  }
  return name;
}

/**
 * The name of the ECR repository the program owns: the endpoint name in lower case with hyphen runs
 * collapsed (ECR names are lower case, at least 2 characters, and separators do not repeat).
 */
export function repositoryName(endpointName: string): string {
  return endpointName.toLowerCase().replace(/-+/g, "-");
}
