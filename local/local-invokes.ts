/**
 * Answers for the data sources (Pulumi invokes) the program calls, computed locally from the
 * emulation's account and region. Any other invoke fails loudly rather than returning a guess.
 */
import type { MockCallArgs, MockCallResult } from "@pulumi/pulumi/runtime";
import type { LocalIdentity } from "./local-identity";

/** Answers one invoke, or throws for a data source local mode does not know. */
export function answerInvoke(args: MockCallArgs, { accountId, region }: LocalIdentity): MockCallResult {
  switch (args.token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId, arn: `arn:aws:iam::${accountId}:user/local-mode`, id: accountId, userId: "AIDALOCALMODE" };
    case "aws:index/getPartition:getPartition":
      return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
    case "aws:index/getRegion:getRegion":
      return { id: region, name: region, region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
    case "aws:ecr/getAuthorizationToken:getAuthorizationToken":
      return {
        id: region,
        region,
        registryId: accountId,
        userName: "AWS",
        password: "local-mode-token",
        authorizationToken: Buffer.from("AWS:local-mode-token").toString("base64"),
        proxyEndpoint: `https://${accountId}.dkr.ecr.${region}.amazonaws.com`,
        expiresAt: "2099-01-01T00:00:00Z",
      };
    default:
      throw new Error(`local mode has no answer for the data source ${args.token}`);
  }
}
