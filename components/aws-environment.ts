import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsEnvironment } from "./arns";

/** Looks up the account, partition and region of the AWS provider (three invokes, once per program run). */
export function lookupAwsEnvironment(): pulumi.Output<AwsEnvironment> {
  return pulumi
    .all([aws.getCallerIdentityOutput(), aws.getPartitionOutput(), aws.getRegionOutput()])
    .apply(([identity, partition, region]) => ({
      accountId: identity.accountId,
      partition: partition.partition,
      region: region.region,
    }));
}
