/**
 * InvokeEndpoint's input checks at SageMaker's front end, before anything reaches a container: the
 * header constraints of the runtime API model (botocore `sagemaker-runtime`: `CustomAttributes` at most
 * 1024 characters matching `\p{ASCII}*`; `TargetVariant` at most 63 characters matching
 * `^[a-zA-Z0-9](-*[a-zA-Z0-9])*`), worded as AWS words constraint violations ("1 validation error
 * detected: Value '...' at 'customAttributes' failed to satisfy constraint: ..."), and a target variant
 * that is not one of the endpoint's variants. (The body's 6 MiB cap is checked while it is read.)
 */
import type { IncomingMessage } from "node:http";
import { AwsError } from "./aws-error";
import { type WeightedVariant, pickVariant } from "./variant-weights";

/** The request header naming the production variant to invoke. */
export const TARGET_VARIANT_HEADER = "x-amzn-sagemaker-target-variant";

const CUSTOM_ATTRIBUTES_HEADER = "x-amzn-sagemaker-custom-attributes";

interface Constraint {
  readonly header: string;
  readonly member: string;
  readonly maxLength: number;
  readonly pattern: RegExp;
  readonly patternText: string;
}

const CONSTRAINTS: readonly Constraint[] = [
  { header: CUSTOM_ATTRIBUTES_HEADER, member: "customAttributes", maxLength: 1024, pattern: /^[\x00-\x7f]*$/, patternText: "\\p{ASCII}*" },
  { header: TARGET_VARIANT_HEADER, member: "targetVariant", maxLength: 63, pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/, patternText: "^[a-zA-Z0-9](-*[a-zA-Z0-9])*" },
];

/**
 * Throws SageMaker's 400 ValidationError when a header breaks its constraint. Header values arrive
 * decoded as Latin-1, so a non-ASCII character shows up as one or more characters above U+007F.
 */
export function checkInvocationHeaders(req: IncomingMessage): void {
  const problems: string[] = [];
  for (const { header, member, maxLength, pattern, patternText } of CONSTRAINTS) {
    const value = req.headers[header];
    if (typeof value !== "string") continue;
    const broken: string[] = [];
    if (value.length > maxLength) broken.push(`Member must have length less than or equal to ${maxLength}`);
    if (!pattern.test(value)) broken.push(`Member must satisfy regular expression pattern: ${patternText}`);
    if (broken.length > 0) problems.push(`Value '${value}' at '${member}' failed to satisfy constraint: ${broken.join(", ")}`);
  }
  if (problems.length === 0) return;
  const count = problems.length === 1 ? "1 validation error" : `${problems.length} validation errors`;
  throw new AwsError("ValidationError", `${count} detected: ${problems.join("; ")}`);
}

/**
 * The variant to invoke: the request's target variant, or one picked by the variants' current weights
 * (see variant-weights.ts; `draw` is uniform in [0, 1)). A target that is not a variant of the endpoint is
 * a 400 ValidationError (AWS does not document this message's wording; this one is the emulator's).
 */
export function invokedVariant(req: IncomingMessage, endpointName: string, weighted: readonly WeightedVariant[], draw: number): string {
  const target = req.headers[TARGET_VARIANT_HEADER];
  if (typeof target !== "string") return pickVariant(weighted, draw);
  const variants = weighted.map((variant) => variant.name);
  if (!variants.includes(target)) {
    throw new AwsError("ValidationError", `Endpoint ${endpointName} has no production variant named ${target} (variants: ${variants.join(", ")}).`);
  }
  return target;
}
