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

/** What a Model runs besides the program's container environment: image and model archive. */
export interface ModelArtifacts {
  /** A prebuilt image (default: none, the image the program builds from `./container`). */
  prebuiltImage?: PrebuiltImage;
  /** A prebuilt model archive in S3 (default: none). Excludes `modelDirectory`. */
  modelData?: ModelData;
  /** A local model directory the program packs and uploads, relative to the project (default: none). */
  modelDirectory?: string;
}

/**
 * Reads the artifacts at `path` (the stack's keys, or a variant's fields): `imageUri`, `modelDataUrl` and
 * `model` (`{path}`), the last two mutually exclusive. Each value is the text Pulumi stores (JSON for `model`).
 */
export function parseModelArtifacts(path: (key: "imageUri" | "modelDataUrl" | "model") => ConfigPath, text: (key: "imageUri" | "modelDataUrl" | "model") => string | undefined): ModelArtifacts {
  const prebuiltImage = parseImageUri(path("imageUri"), text("imageUri"));
  const modelData = parseModelDataUrl(path("modelDataUrl"), text("modelDataUrl"));
  const modelDirectory = parseModelSource(path("model"), text("model"));
  if (modelData && modelDirectory !== undefined) {
    throw path("model").field("path").error("and modelDataUrl are both set; the Model takes one archive: unset one of them");
  }
  return { prebuiltImage, modelData, modelDirectory };
}

/**
 * A variant's artifacts: each of its own over the stack's. A variant's model archive (`modelDataUrl` or
 * `model.path`) replaces the stack's whichever form either has.
 */
export function inheritArtifacts(own: ModelArtifacts, stack: ModelArtifacts): ModelArtifacts {
  const ownModel = own.modelData !== undefined || own.modelDirectory !== undefined;
  const model = ownModel ? own : stack;
  return { prebuiltImage: own.prebuiltImage ?? stack.prebuiltImage, modelData: model.modelData, modelDirectory: model.modelDirectory };
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
