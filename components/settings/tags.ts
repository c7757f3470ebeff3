import { ConfigPath, readJson, readString, show } from "./values";

/** The tag keys the program owns and merges into every tag set; a user tag may not use them. */
const PROGRAM_TAG_KEYS: readonly string[] = ["pulumi:project", "pulumi:stack", "ManagedBy"];

/** AWS allows at most this many user tags on one resource (program-owned tags included). */
export const MAX_TAGS_PER_RESOURCE = 50;

const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const ALLOWED_CHARACTERS = "letters, digits, white space and _ . : / = + - @";

/** A tag set: key to value. */
export type Tags = Record<string, string>;

/** The program-owned tags of a stack. */
function programTags(project: string, stack: string): Tags {
  return { "pulumi:project": project, "pulumi:stack": stack, ManagedBy: "pulumi" };
}

/** The tag set every taggable resource of the stack carries: the user's tags plus the program-owned ones. */
export function mergeTags(userTags: Tags, project: string, stack: string): Tags {
  return { ...userTags, ...programTags(project, stack) };
}

/**
 * Validates the user tags (config `tags`) against the AWS tag rules: key 1-128 characters, value 0-256,
 * characters `[\p{L}\p{Z}\p{N}_.:/=+\-@]`, no `aws:` prefix, no program-owned key, keys unique ignoring case
 * (IAM, which tags the execution role, treats keys that differ only in case as one key), and at most
 * {@link MAX_TAGS_PER_RESOURCE} tags once the program-owned ones are added. Numbers and booleans are taken
 * as their text (`CostCenter: 1234` in YAML is the tag value "1234").
 */
export function parseUserTags(path: ConfigPath, text: string | undefined): Tags {
  if (text === undefined) {
    throw path.error("is required; set each tag with: pulumi config set --path 'tags.<Key>' <value>");
  }
  const value = readJson(path, text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw path.error(`must be an object of tag keys to values, got ${show(value)}`);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) {
    throw path.error("must contain at least one tag");
  }
  const tags: Tags = {};
  const seen = new Map<string, string>();
  for (const [key, raw] of entries) {
    const tagPath = path.field(key);
    checkKey(tagPath, key);
    const earlier = seen.get(key.toLowerCase());
    if (earlier !== undefined) {
      throw tagPath.error(`tag key differs from "${earlier}" only in case; IAM treats them as the same key`);
    }
    seen.set(key.toLowerCase(), key);
    tags[key] = checkValue(tagPath, raw);
  }
  const total = entries.length + PROGRAM_TAG_KEYS.length;
  if (total > MAX_TAGS_PER_RESOURCE) {
    throw path.error(
      `has ${entries.length} tags; with the ${PROGRAM_TAG_KEYS.length} program-owned tags that is ${total}, ` +
        `more than the ${MAX_TAGS_PER_RESOURCE} AWS allows on a resource`,
    );
  }
  return tags;
}

/** In config `exposedTagKeys`, stands for every key of the user tags. */
const ALL_USER_TAG_KEYS = "*";

/**
 * Reads config `exposedTagKeys`, the tag keys the container may return to callers: a JSON array of keys of
 * the merged tag set, without repeats, or `["*"]` (the default, also when unset) for the user tag keys.
 */
export function parseExposedTagKeys(path: ConfigPath, text: string | undefined, userTags: Tags, tags: Tags): string[] {
  const value = text === undefined ? [ALL_USER_TAG_KEYS] : readJson(path, text);
  if (!Array.isArray(value)) {
    throw path.error(`must be an array of tag keys, got ${show(value)}`);
  }
  const keys: string[] = [];
  value.forEach((element, position) => {
    const keyPath = path.index(position);
    const key = readString(keyPath, element);
    if (key === ALL_USER_TAG_KEYS) {
      if (value.length > 1) throw keyPath.error(`"${ALL_USER_TAG_KEYS}" (every user tag key) must be the only element`);
      keys.push(...Object.keys(userTags));
      return;
    }
    if (!(key in tags)) {
      throw keyPath.error(`"${key}" is not a key of the stack's tags (${Object.keys(tags).join(", ")})`);
    }
    if (keys.includes(key)) {
      throw keyPath.error(`"${key}" is listed twice`);
    }
    keys.push(key);
  });
  return keys;
}

function checkKey(path: ConfigPath, key: string): void {
  const length = [...key].length;
  if (length < 1 || length > MAX_KEY_LENGTH) {
    throw path.error(`tag key must be 1 to ${MAX_KEY_LENGTH} characters, got ${length}`);
  }
  if (!TAG_CHARACTERS.test(key)) {
    throw path.error(`tag key may only contain ${ALLOWED_CHARACTERS}`);
  }
  if (key.toLowerCase().startsWith("aws:")) {
    throw path.error('tag keys starting with "aws:" are reserved for AWS');
  }
  if (PROGRAM_TAG_KEYS.some((owned) => owned.toLowerCase() === key.toLowerCase())) {
    throw path.error(`tag key is set by the program (${PROGRAM_TAG_KEYS.join(", ")}); remove it from tags`);
  }
}

function checkValue(path: ConfigPath, raw: unknown): string {
  if (typeof raw !== "string" && typeof raw !== "number" && typeof raw !== "boolean") {
    throw path.error(`tag value must be a string, got ${show(raw)}`);
  }
  const value = String(raw);
  const length = [...value].length;
  if (length > MAX_VALUE_LENGTH) {
    throw path.error(`tag value must be at most ${MAX_VALUE_LENGTH} characters, got ${length}`);
  }
  if (!TAG_CHARACTERS.test(value)) {
    throw path.error(`tag value may only contain ${ALLOWED_CHARACTERS}`);
  }
  return value;
}
