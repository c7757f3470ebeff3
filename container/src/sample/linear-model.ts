/**
 * The sample model: a linear regression whose weights live in `model.json` in the model directory
 * (`prediction = bias + sum(weights[i] * features[i])`).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError } from "../errors";
import type { SampleModel } from "./sample-model";

/** The model file's name inside the model directory. */
export const MODEL_FILE = "model.json";

/** A linear model as stored in `model.json`. */
export interface LinearModel {
  /** Model name. */
  readonly name: string;
  /** Model version. */
  readonly version: string;
  /** What a prediction means (e.g. `price_thousands`). */
  readonly target: string;
  /** Feature names, in the order instances list their values. */
  readonly features: readonly string[];
  /** One weight per feature. */
  readonly weights: readonly number[];
  /** The intercept. */
  readonly bias: number;
}

/** Loads and validates `<modelDir>/model.json`; throws a one-line error naming the problem. */
export async function loadLinearModel(modelDir: string): Promise<LinearModel> {
  const path = join(modelDir, MODEL_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    throw new Error(`cannot load the model from ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const problem = findProblem(parsed);
  if (problem !== null) throw new Error(`invalid model in ${path}: ${problem}`);
  return parsed as LinearModel;
}

/** The linear model as a {@link SampleModel}: instances must hold one value per feature (400 otherwise). */
export async function loadLinearSample(modelDir: string): Promise<SampleModel> {
  const model = await loadLinearModel(modelDir);
  return {
    description: `linear model ${join(modelDir, MODEL_FILE)}: ${model.name} ${model.version}, features ${model.features.join(", ")}`,
    predict(instances) {
      const width = instances[0].length;
      if (width !== model.features.length) {
        throw new InvalidInputError(
          "FeatureCountMismatch",
          `each instance needs ${model.features.length} values (${model.features.join(", ")}), got ${width}`,
        );
      }
      return predict(model, instances);
    },
  };
}

/** One prediction per row; each row holds one value per feature. */
export function predict(model: LinearModel, rows: readonly (readonly number[])[]): number[] {
  return rows.map((row) => row.reduce((sum, value, i) => sum + value * model.weights[i], model.bias));
}

function findProblem(model: unknown): string | null {
  if (typeof model !== "object" || model === null) return "expected a JSON object";
  const m = model as Record<string, unknown>;
  for (const key of ["name", "version", "target"]) {
    if (typeof m[key] !== "string") return `"${key}" must be a string`;
  }
  if (!Array.isArray(m.features) || m.features.length === 0 || !m.features.every((f) => typeof f === "string")) {
    return `"features" must be a non-empty array of names`;
  }
  if (!Array.isArray(m.weights) || !m.weights.every(Number.isFinite) || m.weights.length !== m.features.length) {
    return `"weights" must hold one finite number per feature (${m.features.length})`;
  }
  return Number.isFinite(m.bias) ? null : `"bias" must be a finite number`;
}
