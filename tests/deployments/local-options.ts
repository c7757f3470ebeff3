/** Local mode's options for the in-process deployment suites: no port, no outputs file, the bundled model. */
import type { LocalOptions } from "../../local/cli-args";

/** The options of local mode on `stack` in this process, with every deployment wait times `timeFactor`. */
export function localOptions(stack: string, timeFactor: number): LocalOptions {
  return {
    stack,
    port: 0,
    once: false,
    outputsFile: "/dev/null",
    configDir: process.cwd(),
    modelDir: `${process.cwd()}/container/model`,
    startupTimeoutSeconds: 30,
    updateTo: null,
    image: false,
    deploymentSpeedup: 1 / timeFactor,
  };
}
