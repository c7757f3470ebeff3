/**
 * The ONNX sample model: `model.onnx` in the model directory, run with ONNX Runtime (`onnxruntime-node`,
 * loaded only when a model directory holds an ONNX model, so the linear sample needs no native code).
 * One session per process; instances become one `[rows, width]` tensor whose name, element type and
 * width come from the model's input metadata, and a request that does not fit is a 400 naming the shape.
 */
import { access } from "node:fs/promises";
import { join } from "node:path";
import type { InferenceSession, Tensor } from "onnxruntime-node";
import { InvalidInputError } from "../errors";
import { errorMessage } from "../log";
import type { Instances } from "./instances";
import type { Prediction, SampleModel } from "./sample-model";

/** The model file's name inside the model directory. */
export const ONNX_MODEL_FILE = "model.onnx";

/** Input element types the sample feeds (JSON and CSV numbers), with their typed-array constructors. */
const FLOAT_TYPES = { float32: Float32Array, float64: Float64Array } as const;

type FloatType = keyof typeof FLOAT_TYPES;

/** The one input the sample feeds, from the model's metadata. */
interface InputSpec {
  readonly name: string;
  readonly type: FloatType;
  /** `[rows, width]`: a number is a fixed size, a string a symbolic one (any size). */
  readonly shape: readonly [number | string, number | string];
}

/**
 * Loads `<modelDir>/model.onnx` into one inference session (one intra-op thread: the server scales with
 * workers, not threads). Throws a one-line error naming the file and the problem: missing, not an ONNX
 * model, or inputs the sample cannot feed.
 */
export async function loadOnnxModel(modelDir: string): Promise<SampleModel> {
  const path = join(modelDir, ONNX_MODEL_FILE);
  await access(path).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`cannot load the ONNX model ${path}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
  });
  const ort = await import("onnxruntime-node").catch((err: unknown) => {
    throw new Error(`cannot load the ONNX model ${path}: onnxruntime-node is not available (${oneLine(err)})`);
  });
  let session: InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
    });
  } catch (err) {
    throw new Error(`cannot load the ONNX model ${path}: ${oneLine(err)}`);
  }
  const input = inputSpec(session, path);
  const outputName = session.outputNames[0];
  return {
    description: `ONNX model ${path}: input ${describe(input)}, output "${outputName}"`,
    async predict(instances) {
      const feed = new ort.Tensor(input.type, toTypedArray(input, instances), [instances.length, instances[0].length]);
      const result = await session.run({ [input.name]: feed });
      return perInstance(result[outputName], instances.length);
    },
  };
}

function inputSpec(session: InferenceSession, path: string): InputSpec {
  const problem = (what: string) => new Error(`cannot serve the ONNX model ${path}: ${what}`);
  if (session.inputMetadata.length !== 1) {
    throw problem(`the sample handler feeds one tensor input, the model has ${session.inputMetadata.length} (${session.inputNames.join(", ")})`);
  }
  const [meta] = session.inputMetadata;
  if (!meta.isTensor) throw problem(`input "${meta.name}" is not a tensor`);
  if (!(meta.type in FLOAT_TYPES)) {
    throw problem(`input "${meta.name}" has element type ${meta.type}; the sample handler feeds float32 or float64`);
  }
  if (meta.shape.length !== 2) {
    throw problem(`input "${meta.name}" has shape [${meta.shape.join(", ")}]; the sample handler feeds [rows, features]`);
  }
  return { name: meta.name, type: meta.type as FloatType, shape: [meta.shape[0], meta.shape[1]] };
}

function describe(input: InputSpec): string {
  return `"${input.name}" ${input.type}[${input.shape.join(", ")}]`;
}

function toTypedArray(input: InputSpec, instances: Instances): Float32Array | Float64Array {
  const [rows, width] = input.shape;
  const mismatch = (rule: string) =>
    new InvalidInputError("ShapeMismatch", `the model's input "${input.name}" has shape [${input.shape.join(", ")}] (${input.type}): ${rule}`);
  if (typeof width === "number" && instances[0].length !== width) {
    throw mismatch(`each instance needs ${width} values, got ${instances[0].length}`);
  }
  if (typeof rows === "number" && instances.length !== rows) {
    throw mismatch(`send exactly ${rows} instance${rows === 1 ? "" : "s"}, got ${instances.length}`);
  }
  return FLOAT_TYPES[input.type].from(instances.flat());
}

/** One prediction per instance: a number when each instance has one output value, else an array. */
function perInstance(output: Tensor, rows: number): Prediction[] {
  const values = Array.from(output.data as ArrayLike<number | bigint>, Number);
  const width = values.length / rows;
  if (!Number.isInteger(width)) {
    throw new Error(`the model returned ${values.length} values for ${rows} instances (output shape [${output.dims.join(", ")}])`);
  }
  return Array.from({ length: rows }, (_, row) => (width === 1 ? values[row] : values.slice(row * width, (row + 1) * width)));
}

function oneLine(err: unknown): string {
  return errorMessage(err).replace(/\s+/g, " ").trim();
}
