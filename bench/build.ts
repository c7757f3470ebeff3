// Builds what the bench runs: the container bundle (the repo's own `npm run build`), the bare ceiling
// server (bench/bare-server.ts to one plain JavaScript file, so both start as `node file.js`) and, for
// profiling, an unminified container bundle whose profile frames carry the source's function names.
import { spawn } from "node:child_process";
import { build } from "esbuild";

/** Runs `npm run build` in the repo root (bounded by `timeoutMs`, default 180000); throws with the build's last output line on failure. */
export function buildContainerBundle(repoRoot: string, timeoutMs = 180000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "build", "--silent"], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`npm run build could not start: ${err.message}`));
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const last = output.trim().split("\n").pop() ?? "";
      reject(new Error(`npm run build failed (${signal ?? `exit ${code}`}): ${last}`));
    });
  });
}

/** Bundles `entry` and everything it imports into one unminified file for node 24, as `npm run build` does minified. */
export async function bundleForNode(entry: string, outFile: string): Promise<void> {
  await build({ entryPoints: [entry], outfile: outFile, bundle: true, platform: "node", target: "node24", logLevel: "silent" });
}
