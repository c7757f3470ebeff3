import * as aws from "@pulumi/aws";
import * as dockerBuild from "@pulumi/docker-build";
import * as pulumi from "@pulumi/pulumi";
import { prebuiltRepositoryArn } from "./arns";
import { PrebuiltImage, Tags } from "./settings";

/** The Docker build context the component builds by default, relative to the project directory. */
export const DEFAULT_IMAGE_CONTEXT = "./container";

/** The Dockerfile the component builds by default, relative to the project directory. */
export const DEFAULT_DOCKERFILE = "./container/Dockerfile";

/** Arguments of {@link InferenceImage}. */
export interface InferenceImageArgs {
  /** A prebuilt image to use as-is (default: none; the component builds and pushes `context`). */
  prebuilt?: PrebuiltImage;
  /** The name of the ECR repository the component creates when it builds (required). */
  repositoryName: string;
  /** The AWS partition, for the prebuilt image's repository ARN (required). */
  partition: pulumi.Input<string>;
  /** The Docker build context, relative to the project directory (default `./container`). */
  context?: string;
  /** The Dockerfile, relative to the project directory (default `./container/Dockerfile`). */
  dockerfile?: string;
  /** Tags of the ECR repository (required). */
  tags: Tags;
}

/**
 * The inference image: either an ECR repository owned by the stack plus a `linux/amd64` build of the container
 * pushed to it with credentials from `ecr:GetAuthorizationToken`, or a prebuilt image URI (no repository, no
 * build). The image URI is a digest reference when the component builds, so a new build rolls the Model.
 */
export class InferenceImage extends pulumi.ComponentResource {
  /** The image reference the Model runs. */
  readonly imageUri: pulumi.Output<string>;
  /** The ARN of the repository the image is pulled from. */
  readonly repositoryArn: pulumi.Output<string>;

  constructor(name: string, args: InferenceImageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tagged-endpoint:image:InferenceImage", name, {}, opts);
    const prebuilt = args.prebuilt;
    if (prebuilt) {
      this.imageUri = pulumi.output(prebuilt.uri);
      this.repositoryArn = pulumi.output(args.partition).apply((partition) => prebuiltRepositoryArn(partition, prebuilt));
    } else {
      const repository = new aws.ecr.Repository(
        `${name}-repository`,
        {
          name: args.repositoryName,
          imageTagMutability: "MUTABLE",
          imageScanningConfiguration: { scanOnPush: true },
          forceDelete: true,
          tags: args.tags,
        },
        { parent: this },
      );
      const token = aws.ecr.getAuthorizationTokenOutput({ registryId: repository.registryId }, { parent: this });
      const cacheRef = pulumi.interpolate`${repository.repositoryUrl}:buildcache`;
      const image = new dockerBuild.Image(
        name,
        {
          context: { location: args.context ?? DEFAULT_IMAGE_CONTEXT },
          dockerfile: { location: args.dockerfile ?? DEFAULT_DOCKERFILE },
          platforms: [dockerBuild.Platform.Linux_amd64],
          push: true,
          tags: [pulumi.interpolate`${repository.repositoryUrl}:latest`],
          registries: [
            { address: repository.repositoryUrl, username: token.userName, password: pulumi.secret(token.password) },
          ],
          cacheFrom: [{ registry: { ref: cacheRef } }],
          cacheTo: [{ registry: { ref: cacheRef, imageManifest: true, ociMediaTypes: true } }],
        },
        { parent: this },
      );
      this.imageUri = image.ref;
      this.repositoryArn = repository.arn;
    }
    this.registerOutputs({ imageUri: this.imageUri, repositoryArn: this.repositoryArn });
  }
}
