import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { writeModelArchive, type ModelArchiveFile } from "./model-archive/archive-file";
import { ModelData, Tags } from "./settings";

/** Arguments of {@link ModelArchiveBucket}. */
export interface ModelArchiveBucketArgs {
  /** The model directory to archive, an absolute path (config `model.path`, required). */
  directory: string;
  /** Where the archive file is written before upload, an absolute path (required). */
  archiveDir: string;
  /** Tags of the bucket (required). Objects carry none: S3 allows at most 10 tags per object. */
  tags: Tags;
}

/**
 * The model as SageMaker takes it: the model directory packed into a reproducible `model.tar.gz`
 * (components/model-archive) and uploaded to a bucket the stack owns (versioned, SSE-S3 encrypted, all
 * public access blocked, tagged) under a key that is the archive's content hash. A changed file makes a
 * new key, hence a new `ModelDataUrl` and a new Model; unchanged files change nothing.
 */
export class ModelArchiveBucket extends pulumi.ComponentResource {
  /** The archive file that is uploaded. */
  readonly archive: ModelArchiveFile;
  /** The bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  /** `s3://<bucket>/<key>`, bucket and key of the uploaded archive, once uploaded. */
  readonly modelData: pulumi.Output<ModelData>;

  constructor(name: string, args: ModelArchiveBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tagged-endpoint:s3:ModelArchiveBucket", name, {}, opts);
    try {
      this.archive = writeModelArchive(args.directory, args.archiveDir);
    } catch (err) {
      throw new pulumi.RunError(`cannot archive the model directory (config model.path): ${(err as Error).message}`);
    }
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
    const object = new aws.s3.BucketObjectv2(
      `${name}-object`,
      {
        bucket: bucket.id,
        key: this.archive.key,
        source: new pulumi.asset.FileAsset(this.archive.file),
        contentType: "application/gzip",
        serverSideEncryption: "AES256",
      },
      { parent: this, dependsOn: settings },
    );
    this.bucketName = bucket.bucket;
    this.modelData = pulumi
      .all([object.bucket, object.key])
      .apply(([objectBucket, key]) => ({ url: `s3://${objectBucket}/${key}`, bucket: objectBucket, key }));
    this.registerOutputs({ bucketName: this.bucketName, modelData: this.modelData });
  }
}
