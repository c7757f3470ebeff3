import { ConfigPath, readJson, readObject, readString } from "./values";

const ECR_IMAGE =
  /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*)(?::[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/;
const S3_MODEL_ARCHIVE = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.+\.tar\.gz)$/;

/** A prebuilt image in a private ECR repository (config `imageUri`). */
export interface PrebuiltImage {
  /** The image reference as configured: `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>` or `@sha256:...`. */
  uri: string;
  /** The AWS account that owns the repository. */
  accountId: string;
  /** The region of the repository. */
  region: string;
  /** The repository name (may contain `/`). */
  repositoryName: string;
}

/** The model archive in S3 (config `modelDataUrl`). */
export interface ModelData {
  /** The URL as configured, `s3://<bucket>/<key>.tar.gz`. */
  url: string;
  /** The bucket name. */
  bucket: string;
  /** The object key. */
  key: string;
}

/** Reads config `imageUri` (unset: the program builds `./container` into its own repository). */
export function parseImageUri(path: ConfigPath, text: string | undefined): PrebuiltImage | undefined {
  if (text === undefined) return undefined;
  const match = ECR_IMAGE.exec(text);
  if (!match) {
    throw path.error(
      `must be a private ECR image, <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or @sha256:<digest>, got "${text}"`,
    );
  }
  return { uri: text, accountId: match[1], region: match[2], repositoryName: match[3] };
}

/** Reads config `modelDataUrl` (unset: the image carries its model). */
export function parseModelDataUrl(path: ConfigPath, text: string | undefined): ModelData | undefined {
  if (text === undefined) return undefined;
  const match = S3_MODEL_ARCHIVE.exec(text);
  if (!match) {
    throw path.error(`must be an S3 URL of a model archive, s3://<bucket>/<key>.tar.gz, got "${text}"`);
  }
  return { url: text, bucket: match[1], key: match[2] };
}

/**
 * Reads config `model` (`{}` or unset: none): `{path: <directory>}`, a local model directory the program
 * packs into `model.tar.gz` and uploads; relative to the project directory. Returns the path as written.
 */
export function parseModelSource(path: ConfigPath, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const fields = readObject(path, readJson(path, text), ["path"]);
  if (fields.path === undefined) return undefined;
  const directory = readString(path.field("path"), fields.path);
  if (directory.trim() === "") throw path.field("path").error("must be a directory path, got an empty string");
  return directory;
}
