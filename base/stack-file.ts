// Stack config as the Pulumi CLI assembles it for a program: Pulumi.<stack>.yaml over the defaults that
// Pulumi.yaml declares, flattened to the `<namespace>:<key>` -> text map a program reads.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** A stack or project file that cannot be used; the message is one line. */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

/** The project root: the directory with Pulumi.yaml (this repository). */
export const DEFAULT_PROJECT_ROOT = path.resolve(__dirname, "..");

const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

/** The stacks that have a `Pulumi.<stack>.yaml` in the project root, sorted. */
export function listStacks(projectRoot: string = DEFAULT_PROJECT_ROOT): string[] {
  return fs
    .readdirSync(projectRoot)
    .map((file) => STACK_FILE.exec(file)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .sort();
}

/** The project name from Pulumi.yaml. */
export function readProjectName(projectRoot: string = DEFAULT_PROJECT_ROOT): string {
  const name = readYamlMapping(path.join(projectRoot, "Pulumi.yaml")).name;
  if (typeof name !== "string" || name === "") {
    throw new StackFileError(`${path.join(projectRoot, "Pulumi.yaml")}: "name" must be a non-empty string`);
  }
  return name;
}

/**
 * The config a program of `stack` sees: each `<namespace>:<key>` of `Pulumi.<stack>.yaml` as text (objects
 * and arrays as JSON, scalars as their text, like the CLI), over the `default`s (project keys) and `value`s
 * (other namespaces) that Pulumi.yaml declares.
 */
export function loadStackConfig(stack: string, projectRoot: string = DEFAULT_PROJECT_ROOT): Record<string, string> {
  const stackFile = path.join(projectRoot, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(stackFile)) {
    const found = listStacks(projectRoot);
    throw new StackFileError(
      `unknown stack "${stack}": no ${stackFile} (stacks found: ${found.length > 0 ? found.join(", ") : "none"})`,
    );
  }
  return loadStackFile(stackFile, projectRoot);
}

/**
 * The config of the stack file at `stackFile` (any path, e.g. the next version of a stack's config) over
 * the project's defaults in `projectRoot`, as {@link loadStackConfig} reads it.
 */
export function loadStackFile(stackFile: string, projectRoot: string = DEFAULT_PROJECT_ROOT): Record<string, string> {
  if (!fs.existsSync(stackFile)) throw new StackFileError(`no stack file ${stackFile}`);
  const config = { ...projectDefaults(projectRoot) };
  const entries = readYamlMapping(stackFile).config ?? {};
  if (!isMapping(entries)) {
    throw new StackFileError(`${stackFile}: "config" must be a mapping of <namespace>:<key> to values`);
  }
  for (const [key, value] of Object.entries(entries)) {
    if (!key.includes(":")) {
      throw new StackFileError(`${stackFile}: config key "${key}" must be namespaced, as <namespace>:${key}`);
    }
    if (isMapping(value) && "secure" in value) {
      throw new StackFileError(`${stackFile}: config key "${key}" is a secret, which this loader cannot decrypt`);
    }
    config[key] = configText(value);
  }
  return config;
}

function projectDefaults(projectRoot: string): Record<string, string> {
  const projectFile = path.join(projectRoot, "Pulumi.yaml");
  const project = readYamlMapping(projectFile);
  const declared = project.config ?? {};
  if (!isMapping(declared)) {
    throw new StackFileError(`${projectFile}: "config" must be a mapping of config keys to declarations`);
  }
  const defaults: Record<string, string> = {};
  for (const [key, declaration] of Object.entries(declared)) {
    const namespaced = key.includes(":") ? key : `${String(project.name)}:${key}`;
    const value = isMapping(declaration) ? (declaration.default ?? declaration.value) : declaration;
    if (value !== undefined && value !== null) defaults[namespaced] = configText(value);
  }
  return defaults;
}

function readYamlMapping(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new StackFileError(`cannot read ${file}: ${(err as Error).message}`);
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (err) {
    throw new StackFileError(`${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  if (document === null || document === undefined) return {};
  if (!isMapping(document)) {
    throw new StackFileError(`${file}: the document must be a mapping`);
  }
  return document;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The text the CLI passes for a config value: JSON for objects and arrays, "" for an empty YAML value. */
function configText(value: unknown): string {
  if (value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
