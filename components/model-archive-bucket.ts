import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { writeModelArchive, type ModelArchiveFile } from "./model-archive/archive-file";
import { ModelData, Tags } from "./settings";

/** One model directory to pack and upload. */
export interface ModelDirectory {
  /** The directory, an absolute path (required). */
  path: string;
  /** The config key it comes from, for errors: `model.path` or `variants[<i>].model.path` (required). */
  configKey: string;
}

/** Arguments of {@link ModelArchiveBucket}. */
export interface ModelArchiveBucketArgs {
  /** The model directories to archive, at least one (config `model.path` and `variants[i].model.path`). */
  directories: ModelDirectory[];
  /** Where the archive files are written before upload, an absolute path (required). */
  archiveDir: string;
  /** Tags of the bucket (required). Objects carry none: S3 allows at most 10 tags per object. */
  tags: Tags;
}

/**
 * The models as SageMaker takes them: each model directory packed into a reproducible `model.tar.gz`
 * (components/model-archive) and uploaded to one bucket the stack owns (versioned, SSE-S3 encrypted, all
 * public access blocked, tagged) under a key that is the archive's content hash, one object per distinct
 * archive (directories with the same files share it). A changed file makes a new key, hence a new
 * `ModelDataUrl` and a new Model; unchanged files change nothing. Each object's logical name holds its
 * content hash, so no two objects ever claim one key; the first directory's object also answers to the
 * name of the former single object (`<name>-object`), so a one-archive stack keeps its object.
 */
export class ModelArchiveBucket extends pulumi.ComponentResource {
  /** The archive file of each directory, in the order of `directories`. */
  readonly archives: ModelArchiveFile[];
  /** The bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  /** `s3://<bucket>/<key>`, bucket and key of each directory's uploaded archive, in the order of `directories`. */
  readonly modelData: pulumi.Output<ModelData>[];

  constructor(name: string, args: ModelArchiveBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tagged-endpoint:s3:ModelArchiveBucket", name, {}, opts);
    this.archives = args.directories.map((directory) => {
      try {
        return writeModelArchive(directory.path, args.archiveDir);
      } catch (err) {
        throw new pulumi.RunError(`cannot archive the model directory (config ${directory.configKey}): ${(err as Error).message}`);
      }
    });
    const bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: false, tags: args.tags }, { parent: this });
    const settings = [
      new aws.s3.BucketVersioning(
        `${name}-versioning`,
        { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
        { parent: this },
      ),
      new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-encryption`,
        { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] },
        { parent: this },
      ),
      new aws.s3.BucketPublicAccessBlock(
        `${name}-public-access`,
        { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        { parent: this },
      ),
    ];
    const objects = new Map<string, pulumi.Output<ModelData>>();
    this.archives.forEach((archive, index) => {
      if (objects.has(archive.key)) return;
      const object = new aws.s3.BucketObjectv2(
        `${name}-object-${archive.contentHash.slice(0, 16)}`,
        {
          bucket: bucket.id,
          key: archive.key,
          source: new pulumi.asset.FileAsset(archive.file),
          contentType: "application/gzip",
          serverSideEncryption: "AES256",
        },
        { parent: this, dependsOn: settings, aliases: index === 0 ? [{ name: `${name}-object` }] : [] },
      );
      objects.set(
        archive.key,
        pulumi.all([object.bucket, object.key]).apply(([objectBucket, key]) => ({ url: `s3://${objectBucket}/${key}`, bucket: objectBucket, key })),
      );
    });
    this.bucketName = bucket.bucket;
    this.modelData = this.archives.map((archive) => objects.get(archive.key) as pulumi.Output<ModelData>);
    this.registerOutputs({ bucketName: this.bucketName, modelData: this.modelData });
  }
}
