/**
 * Preloaded (`node -r`) into the container process local mode starts: when the parent's end of the
 * stdin pipe closes (the parent exited, even by SIGKILL), the container receives SIGTERM and shuts down
 * as SageMaker would stop it, so no container outlives local mode. The stdin handle is unref'd, so it
 * never keeps the container alive by itself.
 */
process.stdin.on("end", () => process.kill(process.pid, "SIGTERM"));
process.stdin.on("error", () => process.kill(process.pid, "SIGTERM"));
process.stdin.resume();
process.stdin.unref();
