/**
 * The S3 objects a local-mode run of the program uploaded (the model archive of config `model.path`): the
 * mocks note each `BucketObjectv2`'s source file under its `s3://` URL, so local mode can hand the
 * container exactly the archive the program would upload. Nothing is copied; S3 is not emulated further.
 */
import * as pulumi from "@pulumi/pulumi";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime";

/** The Pulumi type token of an S3 object. */
const BUCKET_OBJECT_TYPE = "aws:s3/bucketObjectv2:BucketObjectv2";

/** Source files of the uploaded objects, by `s3://<bucket>/<key>`. */
export class LocalObjects {
  private readonly files = new Map<string, string>();

  /** Notes the object a `BucketObjectv2` registration uploads (other registrations are ignored). */
  async record(args: MockResourceArgs): Promise<void> {
    if (args.type !== BUCKET_OBJECT_TYPE) return;
    const inputs = args.inputs as Record<string, unknown>;
    const source = inputs.source;
    if (!(source instanceof pulumi.asset.FileAsset)) return;
    this.files.set(`s3://${String(inputs.bucket)}/${String(inputs.key)}`, await source.path);
  }

  /** The file uploaded as `url`, or undefined when this run uploaded no such object. */
  file(url: string): string | undefined {
    return this.files.get(url);
  }
}
