/** The environment podman and buildah run with in local mode and the image tests. */
import * as path from "node:path";
import { PROJECT_ROOT } from "./cli-args";

/** The project's containers.conf (runc, no default ulimits: what works on machines like its CI's). */
export const PROJECT_CONTAINERS_CONF = path.join(PROJECT_ROOT, "scripts", "containers.conf");

/** This process's environment with `CONTAINERS_CONF` defaulting to {@link PROJECT_CONTAINERS_CONF}. */
export function podmanEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, CONTAINERS_CONF: process.env.CONTAINERS_CONF ?? PROJECT_CONTAINERS_CONF };
}
