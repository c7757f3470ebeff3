/**
 * Builds the inference image the way the Pulumi component does (its build context and Dockerfile), with
 * buildah and no daemon: first the offline stand-in for the base image (`scripts/base-image.sh`, skipped
 * when cached), then `buildah bud --isolation chroot --network host --layers`. The machine's npm
 * configuration and CA reach `npm ci` inside the build as build secrets, never as a layer.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_DOCKERFILE, DEFAULT_IMAGE_CONTEXT } from "../components/inference-image";
import { PROJECT_ROOT } from "./cli-args";
import { podmanEnvironment } from "./podman-env";
import { runCommand } from "./run-command";

/** The name local mode and the image tests give the image they build. */
export const LOCAL_IMAGE = "localhost/tagged-endpoint:local";

/** One build secret: its id in the Dockerfile's `RUN --mount=type=secret,id=...` and the file it comes from. */
export interface BuildSecret {
  /** The secret's id (`npmrc`, `npm_globalconfig` or `ca`). */
  id: string;
  /** The file on this machine. */
  file: string;
}

/** How long each phase of a build took. */
export interface ImageBuild {
  /** The image name ({@link LOCAL_IMAGE}). */
  image: string;
  /** Seconds for the base stand-in (near 0 when cached). */
  baseSeconds: number;
  /** Seconds for `buildah bud`. */
  buildSeconds: number;
}

/** One npm setting of this machine (`npm config get`), or undefined when npm has none. */
async function npmConfig(key: string): Promise<string | undefined> {
  const { stdout } = await promisify(execFile)("npm", ["config", "get", key], { cwd: PROJECT_ROOT });
  const value = stdout.trim();
  return value === "" || value === "undefined" || value === "null" ? undefined : value;
}

/**
 * The files `npm ci` in the build needs to reach the registry as this machine does: the user npmrc, the
 * global npmrc and the CA bundle `NODE_EXTRA_CA_CERTS` names; those that do not exist are left out.
 */
export async function npmBuildSecrets(): Promise<BuildSecret[]> {
  const [userconfig, globalconfig] = await Promise.all([npmConfig("userconfig"), npmConfig("globalconfig")]);
  const candidates = [
    { id: "npmrc", file: userconfig },
    { id: "npm_globalconfig", file: globalconfig },
    { id: "ca", file: process.env.NODE_EXTRA_CA_CERTS },
  ];
  return candidates.filter((secret): secret is BuildSecret => secret.file !== undefined && existsSync(secret.file));
}

/**
 * `buildah bud` arguments that build the component's Dockerfile in its context as `image`, up to the
 * stage `target` when given (default: the last stage, the image itself).
 */
export function buildahArgs(image: string, secrets: BuildSecret[], target?: string): string[] {
  return [
    "bud",
    "--isolation", "chroot",
    "--network", "host",
    "--layers",
    ...(target ? ["--target", target] : []),
    ...secrets.flatMap((secret) => ["--secret", `id=${secret.id},src=${secret.file}`]),
    "--tag", image,
    "--file", path.resolve(PROJECT_ROOT, DEFAULT_DOCKERFILE),
    path.resolve(PROJECT_ROOT, DEFAULT_IMAGE_CONTEXT),
  ];
}

const seconds = (since: number): number => Math.round((Date.now() - since) / 100) / 10;

/** Makes the base stand-in if needed, then builds {@link LOCAL_IMAGE}; `progress` gets every output line. */
export async function buildImage(progress: (line: string) => void): Promise<ImageBuild> {
  const env = podmanEnvironment();
  let started = Date.now();
  await runCommand("bash", [path.join(PROJECT_ROOT, "scripts", "base-image.sh")], env, PROJECT_ROOT, progress);
  const baseSeconds = seconds(started);
  const secrets = await npmBuildSecrets();
  progress(`[image] buildah bud ${DEFAULT_DOCKERFILE} (build secrets: ${secrets.map((secret) => secret.id).join(", ") || "none"})`);
  started = Date.now();
  await runCommand("buildah", buildahArgs(LOCAL_IMAGE, secrets), env, PROJECT_ROOT, progress);
  return { image: LOCAL_IMAGE, baseSeconds, buildSeconds: seconds(started) };
}
