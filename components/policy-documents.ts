// IAM policy documents of the execution role, as pure functions of the ARNs they grant access to.

/** An IAM policy statement (only the elements this program uses). */
export interface PolicyStatement {
  /** Statement id, unique within the document. */
  Sid: string;
  /** Always `Allow`: the program grants, never denies. */
  Effect: "Allow";
  /** Who may assume the role (trust policies only). */
  Principal?: { Service: string };
  /** The actions allowed. */
  Action: string[];
  /** The resources the actions apply to (absent in trust policies). */
  Resource?: string[];
  /** Conditions that must hold. */
  Condition?: Record<string, Record<string, string>>;
}

/** An IAM policy document. */
export interface PolicyDocument {
  /** The policy language version. */
  Version: "2012-10-17";
  /** The statements. */
  Statement: PolicyStatement[];
}

/** The ARNs the containers of every fleet of one endpoint read tags from. */
export interface TagReadTargets {
  /** The endpoint's ARN (lower-cased name). */
  endpointArn: string;
  /** The pattern of every fleet's endpoint configuration ARN, `.../endpoint-config/<endpoint>--*`. */
  endpointConfigArnPattern: string;
  /** The pattern of every fleet's model ARN, `.../model/<endpoint>--*`. */
  modelArnPattern: string;
}

function document(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * Trust policy: SageMaker may assume the role, but only on behalf of this account (`aws:SourceAccount`
 * guards against the confused-deputy problem).
 */
export function sagemakerTrustPolicy(accountId: string): PolicyDocument {
  return document({
    Sid: "SageMakerAssumeRole",
    Effect: "Allow",
    Principal: { Service: "sagemaker.amazonaws.com" },
    Action: ["sts:AssumeRole"],
    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
  });
}

/** Pull images from exactly these ECR repositories, the variants' (`GetAuthorizationToken` has no resource-level scope). */
export function ecrPullPolicy(repositoryArns: string[]): PolicyDocument {
  return document(
    {
      Sid: "PullInferenceImage",
      Effect: "Allow",
      Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
      Resource: repositoryArns,
    },
    { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
  );
}

/** Write container logs to the endpoint's log group only. */
export function endpointLogsPolicy(logGroupArn: string): PolicyDocument {
  return document({
    Sid: "EndpointLogs",
    Effect: "Allow",
    Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
    Resource: [logGroupArn, `${logGroupArn}:*`],
  });
}

/**
 * Publish the container's metrics, into one namespace only (`PutMetricData` has no resource-level scope;
 * the `cloudwatch:namespace` condition key is how AWS scopes it).
 */
export function metricsPublishPolicy(namespace: string): PolicyDocument {
  return document({
    Sid: "PublishDeploymentMetrics",
    Effect: "Allow",
    Action: ["cloudwatch:PutMetricData"],
    Resource: ["*"],
    Condition: { StringEquals: { "cloudwatch:namespace": namespace } },
  });
}

/** Read exactly these model archive objects, the variants'. */
export function modelDataReadPolicy(objectArns: string[]): PolicyDocument {
  return document({ Sid: "ReadModelArchive", Effect: "Allow", Action: ["s3:GetObject"], Resource: objectArns });
}

/**
 * What SageMaker needs to watch the auto-rollback alarms of a blue/green deployment: it calls
 * `cloudwatch:DescribeAlarms` as the execution role, on exactly the alarms the deployment config names.
 */
export function rollbackAlarmsReadPolicy(alarmArns: string[]): PolicyDocument {
  return document({ Sid: "ReadRollbackAlarms", Effect: "Allow", Action: ["cloudwatch:DescribeAlarms"], Resource: alarmArns });
}

/**
 * What the containers of every fleet the endpoint may run need to read their own tags: `DescribeEndpoint`
 * on the endpoint (its ARN gives the account for the Model's ARN; it names the pending and current
 * configs), `DescribeEndpointConfig` on this endpoint's configs (to find the one that runs the container's
 * Model as its variant), and `ListTags` on the endpoint and on this endpoint's configs and models (old, new
 * and rolled-back fleets alike), nothing else. The document does not change when a fleet is replaced, so no
 * update ever narrows it under a running fleet.
 */
export function tagReadPolicy(targets: TagReadTargets): PolicyDocument {
  const { endpointArn, endpointConfigArnPattern, modelArnPattern } = targets;
  return document(
    { Sid: "DescribeEndpoint", Effect: "Allow", Action: ["sagemaker:DescribeEndpoint"], Resource: [endpointArn] },
    {
      Sid: "DescribeFleetConfigs",
      Effect: "Allow",
      Action: ["sagemaker:DescribeEndpointConfig"],
      Resource: [endpointConfigArnPattern],
    },
    {
      Sid: "ListFleetTags",
      Effect: "Allow",
      Action: ["sagemaker:ListTags"],
      Resource: [endpointArn, endpointConfigArnPattern, modelArnPattern],
    },
  );
}
