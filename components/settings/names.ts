import { ConfigPath } from "./values";

/** SageMaker's endpoint-name pattern (1 to 63 characters). */
const ENDPOINT_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

const MAX_ENDPOINT_NAME_LENGTH = 63;

/**
 * The default endpoint name `<project>-<stack>`, sanitised to {@link ENDPOINT_NAME_PATTERN}: every run of
 * other characters becomes one hyphen, leading and trailing hyphens go, and the result is cut to 63
 * characters. Empty when nothing usable is left.
 */
export function defaultEndpointName(project: string, stack: string): string {
  return `${project}-${stack}`
    .replace(/[^a-zA-Z0-9-]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, MAX_ENDPOINT_NAME_LENGTH)
    .replace(/-+$/, "");
}

/** Reads config `endpointName` (default: {@link defaultEndpointName}); a set value must already match. */
export function parseEndpointName(path: ConfigPath, text: string | undefined, project: string, stack: string): string {
  const name = text ?? defaultEndpointName(project, stack);
  if (!ENDPOINT_NAME_PATTERN.test(name)) {
    throw path.error(
      text === undefined
        ? `cannot derive an endpoint name from project "${project}" and stack "${stack}"; set endpointName`
        : `must be 1 to 63 letters, digits or hyphens, starting and ending with a letter or digit, got "${name}"`,
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
