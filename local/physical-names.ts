/**
 * Physical names and random values as Pulumi's engine and providers hand them out over successive
 * `pulumi up`s of one stack. A {@link StackState} is one stack's memory: a resource keeps its generated
 * name while nothing forces its replacement, and gets a new one when something does; a `random.RandomId`
 * keeps its value while its keepers stay, and draws a new one when they change (also back to earlier
 * keepers). Draws are pseudo-random from the stack name and a counter, so runs are reproducible and two
 * stacks never get the same names.
 */
import { createHash } from "node:crypto";

/** A short, stable hex digest of any JSON-serialisable values. */
export function stableHash(...values: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(values)).digest("hex");
}

/** Pulumi type token of `random.RandomId`. */
export const RANDOM_ID_TYPE = "random:index/randomId:RandomId";

/**
 * Types whose every input but the tags forces a replacement (SageMaker models and endpoint configurations
 * have no updatable field but tags; a RandomId's keepers and byteLength force a new id).
 */
const REPLACED_ON_ANY_CHANGE = new Set([
  "aws:sagemaker/model:Model",
  "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
  RANDOM_ID_TYPE,
]);

/** Hex characters of Pulumi's auto-name suffix. */
const AUTO_NAME_HEX = 7;

interface Remembered {
  /** The inputs that force a replacement, as JSON. */
  replaceKey: string;
  /** The generated value (a name, or a RandomId's hex). */
  value: string;
}

/** One stack's generated names and random values across program runs (see the module comment). */
export class StackState {
  private readonly remembered = new Map<string, Remembered>();
  private draws = 0;

  /** @param stack the stack name; it seeds the draws, so two stacks never share generated names. */
  constructor(private readonly stack: string) {}

  /**
   * The name of resource `logicalName` of `type`: its explicit `name` input, else the one it got before
   * (unless a replacing input changed), else `namePrefix` (or `<logicalName>-`) and 7 new hex characters,
   * cut to `maxLength` with characters SageMaker rejects replaced by `-`.
   */
  physicalName(type: string, logicalName: string, inputs: Record<string, unknown>, maxLength = 63): string {
    if (typeof inputs.name === "string" && inputs.name !== "") return inputs.name;
    return this.generated(type, logicalName, inputs, () => {
      const prefix = typeof inputs.namePrefix === "string" ? inputs.namePrefix : `${logicalName}-`;
      return `${prefix.replace(/[^a-zA-Z0-9-]/g, "-").slice(0, maxLength - AUTO_NAME_HEX)}${this.draw(AUTO_NAME_HEX)}`;
    });
  }

  /** The outputs of `random.RandomId` `logicalName` (`hex`, `b64Url`, `b64Std`, `dec`, `id`). */
  randomId(logicalName: string, inputs: Record<string, unknown>): Record<string, string> {
    const bytes = typeof inputs.byteLength === "number" ? inputs.byteLength : 8;
    const hex = this.generated(RANDOM_ID_TYPE, logicalName, inputs, () => this.draw(bytes * 2));
    const buffer = Buffer.from(hex, "hex");
    const b64Url = buffer.toString("base64url");
    return { hex, b64Url, b64Std: buffer.toString("base64"), dec: BigInt(`0x${hex}`).toString(), id: b64Url };
  }

  private generated(type: string, logicalName: string, inputs: Record<string, unknown>, generate: () => string): string {
    const key = `${type} ${logicalName}`;
    const replaceKey = REPLACED_ON_ANY_CHANGE.has(type) ? JSON.stringify(withoutTags(inputs)) : "";
    const before = this.remembered.get(key);
    if (before !== undefined && before.replaceKey === replaceKey) return before.value;
    const value = generate();
    this.remembered.set(key, { replaceKey, value });
    return value;
  }

  private draw(hexLength: number): string {
    this.draws += 1;
    return stableHash(this.stack, this.draws).slice(0, hexLength);
  }
}

function withoutTags(inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(inputs).filter(([key]) => key !== "tags" && key !== "tagsAll"));
}
