/**
 * The model directory local mode gives the container, as SageMaker would: when the Model's `ModelDataUrl`
 * is the archive this run of the program uploaded (config `model.path`), that archive unpacked into a
 * fresh read-only directory (removed at shutdown); else the `--model-dir` directory (default
 * `container/model`). An explicit `--model-dir` always wins.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DescribeModelCommand, type SageMakerClient } from "@aws-sdk/client-sagemaker";
import { CliError } from "../base/cli-error";
import { PROJECT_ROOT } from "./cli-args";
import { ModelArchiveError, removeModelDirectory, unpackModelArchive } from "./model-archive-unpack";
import type { LocalObjects } from "./model-objects";
import type { Shutdown } from "./shutdown";

/** The sample model directory used when the Model has no archive of this stack's (and no `--model-dir`). */
const DEFAULT_MODEL_DIR = path.join(PROJECT_ROOT, "container", "model");

/** What to decide with. */
export interface ModelDirectoryInputs {
  /** The `--model-dir` flag, when given. */
  readonly explicitDir: string | undefined;
  /** The emulator's SageMaker client. */
  readonly client: SageMakerClient;
  /** The Model the container runs. */
  readonly modelName: string;
  /** The objects this run uploaded. */
  readonly objects: LocalObjects;
}

/** Picks (and, for an archive, prepares) the container's model directory; registers cleanup in `shutdown`. */
export async function localModelDirectory(inputs: ModelDirectoryInputs, shutdown: Shutdown, progress: (line: string) => void): Promise<string> {
  if (inputs.explicitDir !== undefined) {
    progress(`• model directory ${inputs.explicitDir} (--model-dir)`);
    return inputs.explicitDir;
  }
  const model = await inputs.client.send(new DescribeModelCommand({ ModelName: inputs.modelName }));
  const url = model.PrimaryContainer?.ModelDataUrl;
  const archive = url === undefined ? undefined : inputs.objects.file(url);
  if (url === undefined || archive === undefined) {
    const why = url === undefined ? "the Model has no ModelDataUrl" : `ModelDataUrl ${url} is not an archive this stack uploaded`;
    progress(`• model directory ${path.relative(process.cwd(), DEFAULT_MODEL_DIR) || "."} (${why})`);
    return DEFAULT_MODEL_DIR;
  }
  const parent = mkdtempSync(path.join(tmpdir(), "tagged-endpoint-model-"));
  shutdown.add(async () => removeModelDirectory(parent));
  const dir = path.join(parent, "model");
  try {
    const entries = unpackModelArchive(readFileSync(archive), dir);
    progress(`• unpacked the Model's archive ${url} (${entries.length} entries) read-only into ${dir}, as SageMaker does into /opt/ml/model`);
  } catch (error) {
    if (error instanceof ModelArchiveError) throw new CliError(`cannot unpack the model archive ${url}: ${error.message}`);
    throw error;
  }
  return dir;
}
