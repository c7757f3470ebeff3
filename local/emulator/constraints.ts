/**
 * Input validation worded as AWS words it: every broken constraint of a request is collected, then
 * reported in one `ValidationException` ("2 validation errors detected: Value 'x' at 'modelName' failed
 * to satisfy constraint: Member must ...; ..."). Members are named in lower camel case, list members as
 * `productionVariants.1.member.modelName`, as AWS does. A member of the wrong JSON type is a
 * `SerializationException`, as AWS answers.
 */
import { AwsError, validationException } from "./aws-error";

/** A JSON object as the emulator receives it. */
export type JsonObject = Record<string, unknown>;

/** Length and pattern constraints of a string member. */
export interface StringRules {
  /** Required member: missing is a violation. Default false. */
  required?: boolean;
  /** Minimum length. Default: none. */
  min?: number;
  /** Maximum length. Default: none. */
  max?: number;
  /** The pattern as AWS's model writes it (anchored or not); the value must match it as a whole. */
  pattern?: string;
  /** The enum values the member must be one of. Default: any value. */
  oneOf?: string[];
}

/** The name pattern of models, endpoint configurations, endpoints and variants. */
export const NAME_RULES: StringRules = { required: true, max: 63, pattern: "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}" };

/** Collects the constraint violations of one request. */
export class Constraints {
  private readonly violations: string[] = [];

  /** Records a violation of `path` whose value is rendered as `shown`. */
  violate(path: string, shown: string, constraint: string): void {
    this.violations.push(`Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
  }

  /** Reads an optional or required string member `key` of `input`, checking `rules`. */
  string(input: JsonObject, key: string, rules: StringRules = {}, path = memberPath(key)): string | undefined {
    const value = input[key];
    if (value === undefined || value === null) {
      if (rules.required) this.violate(path, "null", "Member must not be null");
      return undefined;
    }
    if (typeof value !== "string") throw wrongType(key, "a string");
    const shown = `'${value}'`;
    if (rules.min !== undefined && value.length < rules.min) {
      this.violate(path, shown, `Member must have length greater than or equal to ${rules.min}`);
    }
    if (rules.max !== undefined && value.length > rules.max) {
      this.violate(path, shown, `Member must have length less than or equal to ${rules.max}`);
    }
    if (rules.pattern !== undefined && !wholeMatch(rules.pattern, value)) {
      this.violate(path, shown, `Member must satisfy regular expression pattern: ${rules.pattern}`);
    }
    if (rules.oneOf !== undefined && !rules.oneOf.includes(value)) {
      this.violate(path, shown, `Member must satisfy enum value set: [${rules.oneOf.join(", ")}]`);
    }
    return value;
  }

  /** Reads an optional timestamp member `key` of `input` (epoch seconds, as the JSON protocol sends it). */
  timestamp(input: JsonObject, key: string): number | undefined {
    const value = input[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number") throw wrongType(key, "a timestamp in epoch seconds");
    return value;
  }

  /** Reads an optional integer member `key` of `input` that must be at least `min` (and at most `max`). */
  integer(input: JsonObject, key: string, min: number, max?: number, path = memberPath(key)): number | undefined {
    const value = input[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) throw wrongType(key, "an integer");
    return this.inRange(value, path, min, max);
  }

  /** Reads an optional number member `key` of `input` (a Float in AWS's model) that must be at least `min`. */
  float(input: JsonObject, key: string, min: number, path = memberPath(key)): number | undefined {
    const value = input[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value)) throw wrongType(key, "a number");
    return this.inRange(value, path, min, undefined);
  }

  private inRange(value: number, path: string, min: number, max: number | undefined): number {
    if (value < min) this.violate(path, `'${value}'`, `Member must have value greater than or equal to ${min}`);
    if (max !== undefined && value > max) this.violate(path, `'${value}'`, `Member must have value less than or equal to ${max}`);
    return value;
  }

  /** Reads an optional or required list member `key` of `input`, checking its length. */
  list(input: JsonObject, key: string, rules: { required?: boolean; min?: number; max?: number }): unknown[] | undefined {
    const value = input[key];
    const path = memberPath(key);
    if (value === undefined || value === null) {
      if (rules.required) this.violate(path, "null", "Member must not be null");
      return undefined;
    }
    if (!Array.isArray(value)) throw wrongType(key, "a list");
    const shown = `'${JSON.stringify(value)}'`;
    if (rules.min !== undefined && value.length < rules.min) {
      this.violate(path, shown, `Member must have length greater than or equal to ${rules.min}`);
    }
    if (rules.max !== undefined && value.length > rules.max) {
      this.violate(path, shown, `Member must have length less than or equal to ${rules.max}`);
    }
    return value;
  }

  /** Throws one ValidationException naming every violation, if there is any. */
  check(): void {
    const count = this.violations.length;
    if (count === 0) return;
    const noun = count === 1 ? "validation error" : "validation errors";
    throw validationException(`${count} ${noun} detected: ${this.violations.join("; ")}`);
  }
}

/** Reads the required name member `key` of `input` (NAME_RULES), throwing its ValidationException at once. */
export function requireName(input: JsonObject, key: string): string {
  const c = new Constraints();
  const name = c.string(input, key, NAME_RULES);
  c.check();
  return name as string;
}

/** The lower camel case path AWS uses for a member: `ModelName` -> `modelName`. */
export function memberPath(key: string, parent?: string): string {
  const own = key.charAt(0).toLowerCase() + key.slice(1);
  return parent === undefined ? own : `${parent}.${own}`;
}

/** The path of the `index`-th (0-based) member of a list: `productionVariants.1.member`. */
export function listMemberPath(listKey: string, index: number): string {
  return `${memberPath(listKey)}.${index + 1}.member`;
}

/** Reads `value` as a JSON object, or throws a SerializationException naming `what`. */
export function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw wrongType(what, "an object");
  return value as JsonObject;
}

function wholeMatch(pattern: string, value: string): boolean {
  const anchored = `^(?:${pattern.replace(/^\^/, "").replace(/\$$/, "")})$`;
  return new RegExp(anchored, "u").test(value);
}

function wrongType(member: string, expected: string): AwsError {
  return new AwsError("SerializationException", `Member ${member} must be ${expected}`);
}
