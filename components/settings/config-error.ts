/**
 * A stack configuration value that breaks a rule. The message is one line that names the full config key
 * (for example `tagged-endpoint:tags.Owner`) and the rule, so it can be shown as-is, without a stack trace.
 */
export class ConfigError extends Error {
  /** The full config key, in `pulumi config set --path` notation. */
  readonly key: string;
  /** The rule that the value breaks. */
  readonly rule: string;

  constructor(key: string, rule: string) {
    super(`${key}: ${rule}`.replace(/\s*[\r\n]+\s*/g, " "));
    this.name = "ConfigError";
    this.key = key;
    this.rule = rule;
  }
}
