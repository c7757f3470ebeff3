/** Writes local mode's stack outputs file: the outputs plus the metadata that points tools at the emulator. */
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { LOCAL_METADATA_KEY, type LocalModeMetadata, type StackOutputs } from "../base/stack-outputs";

/** Writes `outputs` and `metadata` (under `_localMode`) as JSON to `file`, creating its directory. */
export async function writeOutputsFile(file: string, outputs: StackOutputs, metadata: LocalModeMetadata): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ ...outputs, [LOCAL_METADATA_KEY]: metadata }, null, 2)}\n`);
}
