/**
 * Resources shaped like the ones the tagged-endpoint program declares (inputs as the policy runtime
 * passes them), compliant with every policy. Tests copy one and break one thing.
 */
import type { PolicyResource } from "./validate";

const ACCOUNT = "123456789012";
const ENDPOINT = "tagged-endpoint-dev";

/** The merged tag set the program puts on every resource. */
export function standardTags(): Record<string, string> {
    return {
        ModelVersion: "1.4.0",
        DeploymentStage: "dev",
        CreatedBy: "ci",
        CostCenter: "ml-platform",
        "pulumi:project": "tagged-endpoint",
        "pulumi:stack": "dev",
        ManagedBy: "pulumi",
    };
}

/** The container environment that lets the container read its endpoint's tags. */
export function tagReaderEnvironment(): Record<string, string> {
    return {
        SAGEMAKER_ENDPOINT_NAME: ENDPOINT,
        AWS_REGION: "us-east-1",
        TAG_CACHE_TTL_SECONDS: "300",
        EXPOSED_TAG_KEYS: "ModelVersion,DeploymentStage,CreatedBy,CostCenter",
    };
}

/** The SageMaker Model, its environment carrying the endpoint name and region. */
export function model(): PolicyResource {
    return {
        type: "aws:sagemaker/model:Model",
        name: "model",
        props: {
            executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/tagged-endpoint-dev-exec`,
            primaryContainer: {
                image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/tagged-endpoint:abc123`,
                environment: tagReaderEnvironment(),
            },
            enableNetworkIsolation: false,
            tags: standardTags(),
        },
    };
}

/** The serverless EndpointConfiguration. */
export function endpointConfiguration(): PolicyResource {
    return {
        type: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
        name: "endpoint-config",
        props: {
            productionVariants: [
                { variantName: "AllTraffic", modelName: "model-1a2b3c", serverlessConfig: { memorySizeInMb: 2048, maxConcurrency: 5 } },
            ],
            tags: standardTags(),
        },
    };
}

/** The Endpoint. */
export function endpoint(): PolicyResource {
    return {
        type: "aws:sagemaker/endpoint:Endpoint",
        name: "endpoint",
        props: { name: ENDPOINT, endpointConfigName: "endpoint-config-4d5e6f", tags: standardTags() },
    };
}

/** The execution role's trust policy: sagemaker.amazonaws.com with a confused-deputy condition. */
export function sageMakerTrustPolicy(): Record<string, unknown> {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "sagemaker.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
            },
        ],
    };
}

/** The execution role (trust policy as a JSON string, as `JSON.stringify` in the program gives it). */
export function executionRole(): PolicyResource {
    return {
        type: "aws:iam/role:Role",
        name: "execution-role",
        props: { assumeRolePolicy: JSON.stringify(sageMakerTrustPolicy()), tags: standardTags() },
    };
}

/** The least-privilege tag-reading policy: four read actions on exactly this endpoint's three ARNs. */
export function describeAndListTagsPolicy(): Record<string, unknown> {
    const arn = (kind: string, name: string): string => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:${kind}/${name}`;
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadOwnTags",
                Effect: "Allow",
                Action: ["sagemaker:DescribeEndpoint", "sagemaker:DescribeEndpointConfig", "sagemaker:DescribeModel", "sagemaker:ListTags"],
                Resource: [arn("endpoint", ENDPOINT), arn("endpoint-config", "endpoint-config-4d5e6f"), arn("model", "model-1a2b3c")],
            },
        ],
    };
}

/** The ECR pull policy: GetAuthorizationToken must use `*` (it has no resource-level permissions). */
export function ecrPullPolicy(): Record<string, unknown> {
    return {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
            {
                Effect: "Allow",
                Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/tagged-endpoint`,
            },
        ],
    };
}

/** An inline RolePolicy with `document` (a JSON string by default, as the program writes it). */
export function rolePolicy(document: unknown, name = "read-own-tags"): PolicyResource {
    return { type: "aws:iam/rolePolicy:RolePolicy", name, props: { role: "tagged-endpoint-dev-exec", policy: document } };
}
