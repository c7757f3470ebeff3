import * as assert from "assert";
import { noSageMakerFullAccess } from "../../policy/no-sagemaker-full-access";
import { noWildcardSageMakerResources } from "../../policy/no-wildcard-sagemaker-resources";
import { describeAndListTagsPolicy, ecrPullPolicy, executionRole, rolePolicy } from "./fixtures";
import { validate } from "./validate";

const FULL_ACCESS = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess";
const FULL_ACCESS_MESSAGE =
    `Attaches ${FULL_ACCESS}, which allows every SageMaker action on every resource. ` +
    "Grant the execution role least-privilege inline policies instead.";

/** A one-statement Allow document. */
function allow(action: unknown, resource: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource, ...extra }] };
}

describe("policy no-sagemaker-full-access", () => {
    it("fails a RolePolicyAttachment of AmazonSageMakerFullAccess", async () => {
        const attachment = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", props: { role: "r", policyArn: FULL_ACCESS } };
        assert.deepStrictEqual((await validate(noSageMakerFullAccess, attachment)).violations, [FULL_ACCESS_MESSAGE]);
    });

    it("passes an attachment of another managed policy", async () => {
        const readOnly = "arn:aws:iam::aws:policy/AmazonSageMakerReadOnly";
        const attachment = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", props: { role: "r", policyArn: readOnly } };
        assert.deepStrictEqual(await validate(noSageMakerFullAccess, attachment), { violations: [] });
    });

    it("fails a role listing it in managedPolicyArns, in any partition", async () => {
        const govArn = "arn:aws-us-gov:iam::aws:policy/AmazonSageMakerFullAccess";
        const role = { ...executionRole(), props: { ...executionRole().props, managedPolicyArns: [govArn] } };
        assert.match((await validate(noSageMakerFullAccess, role)).violations[0], /^Attaches arn:aws-us-gov:iam::aws:policy\/AmazonSageMakerFullAccess,/);
    });

    it("fails a PolicyAttachment and a RolePolicyAttachmentsExclusive that include it", async () => {
        const attachment = { type: "aws:iam/policyAttachment:PolicyAttachment", props: { policyArn: FULL_ACCESS, roles: ["r"] } };
        const exclusive = {
            type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
            props: { roleName: "r", policyArns: ["arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess", FULL_ACCESS] },
        };
        assert.deepStrictEqual((await validate(noSageMakerFullAccess, attachment)).violations, [FULL_ACCESS_MESSAGE]);
        assert.deepStrictEqual((await validate(noSageMakerFullAccess, exclusive)).violations, [FULL_ACCESS_MESSAGE]);
    });

    it("is mandatory and not applicable to non-IAM resources", async () => {
        assert.strictEqual(noSageMakerFullAccess.enforcementLevel, "mandatory");
        const outcome = await validate(noSageMakerFullAccess, { type: "aws:sagemaker/model:Model", props: {} });
        assert.ok(outcome.notApplicable);
    });
});

describe("policy no-wildcard-sagemaker-resources", () => {
    it("passes the program's policies: SageMaker on named ARNs, '*' only for a non-SageMaker action", async () => {
        for (const document of [describeAndListTagsPolicy(), ecrPullPolicy()]) {
            assert.deepStrictEqual(await validate(noWildcardSageMakerResources, rolePolicy(JSON.stringify(document))), { violations: [] });
        }
    });

    it("fails sagemaker: actions on '*' in a JSON string document", async () => {
        const document = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Sid: "ReadTags", Effect: "Allow", Action: ["sagemaker:ListTags", "logs:PutLogEvents"], Resource: "*" }],
        });
        assert.deepStrictEqual((await validate(noWildcardSageMakerResources, rolePolicy(document))).violations, [
            'The policy document\'s statement 1 ("ReadTags") allows sagemaker:ListTags on "*". ' +
                "Name the endpoint ARN and its fleets' pattern <endpoint>--* instead of a wildcard.",
        ]);
    });

    it("passes the fleet pattern <endpoint>--* of one endpoint, and fails looser patterns", async () => {
        const arn = "arn:aws:sagemaker:us-east-1:123456789012:";
        for (const resource of [`${arn}model/tagged-endpoint-dev--*`, `${arn}endpoint-config/tagged-endpoint-dev--*`]) {
            assert.deepStrictEqual(await validate(noWildcardSageMakerResources, rolePolicy(allow("sagemaker:ListTags", [resource]))), { violations: [] }, resource);
        }
        for (const resource of [`${arn}model/tagged-endpoint-dev*`, `${arn}model/*--*`, `${arn}model/tagged-*-dev--*`, `${arn}endpoint/tagged-endpoint-dev--*`]) {
            const outcome = await validate(noWildcardSageMakerResources, rolePolicy(allow("sagemaker:ListTags", [resource])));
            assert.strictEqual(outcome.violations.length, 1, resource);
        }
    });

    it("fails a wildcard inside an ARN in an object document", async () => {
        const document = allow("sagemaker:DescribeEndpoint", ["arn:aws:sagemaker:us-east-1:123456789012:endpoint/*"]);
        const [message] = (await validate(noWildcardSageMakerResources, rolePolicy(document))).violations;
        assert.match(message, /statement 1 allows sagemaker:DescribeEndpoint on "arn:aws:sagemaker:us-east-1:123456789012:endpoint\/\*"/);
    });

    it("treats Action '*', service globs and any letter case as SageMaker actions", async () => {
        for (const action of ["*", "sage*:Describe*", "SageMaker:ListTags"]) {
            const outcome = await validate(noWildcardSageMakerResources, rolePolicy(allow(action, "*")));
            assert.strictEqual(outcome.violations.length, 1, action);
        }
    });

    it("fails an Allow with NotAction that leaves SageMaker allowed, passes one that excludes sagemaker:*", async () => {
        const leaky = { Version: "2012-10-17", Statement: [{ Effect: "Allow", NotAction: ["s3:*"], Resource: "*" }] };
        const tight = { Version: "2012-10-17", Statement: [{ Effect: "Allow", NotAction: "sagemaker:*", Resource: "*" }] };
        assert.match((await validate(noWildcardSageMakerResources, rolePolicy(leaky))).violations[0], /allows every action except s3:\* on "\*"/);
        assert.deepStrictEqual((await validate(noWildcardSageMakerResources, rolePolicy(tight))).violations, []);
    });

    it("fails an Allow with NotResource, and ignores Deny statements", async () => {
        const notResource = {
            Version: "2012-10-17",
            Statement: { Effect: "Allow", Action: "sagemaker:ListTags", NotResource: "arn:aws:s3:::bucket" },
        };
        const deny = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "sagemaker:*", Resource: "*" }] };
        assert.match(
            (await validate(noWildcardSageMakerResources, rolePolicy(notResource))).violations[0],
            /allows sagemaker:ListTags on "every resource except arn:aws:s3:::bucket"/,
        );
        assert.deepStrictEqual((await validate(noWildcardSageMakerResources, rolePolicy(deny))).violations, []);
    });

    it("checks a role's inline policies and a managed Policy", async () => {
        const wildcard = JSON.stringify(allow("sagemaker:*", "*"));
        const role = { ...executionRole(), props: { ...executionRole().props, inlinePolicies: [{ name: "tags", policy: wildcard }] } };
        const managed = { type: "aws:iam/policy:Policy", props: { policy: wildcard } };
        assert.match((await validate(noWildcardSageMakerResources, role)).violations[0], /^The inlinePolicies\[0\] \("tags"\) document's statement 1/);
        assert.match((await validate(noWildcardSageMakerResources, managed)).violations[0], /^The policy document's statement 1 allows sagemaker:\*/);
    });

    it("fails a document it cannot read", async () => {
        assert.deepStrictEqual((await validate(noWildcardSageMakerResources, rolePolicy("{not json"))).violations, [
            "The policy document is not valid JSON, so its SageMaker permissions cannot be checked.",
        ]);
    });

    it("is mandatory", () => {
        assert.strictEqual(noWildcardSageMakerResources.enforcementLevel, "mandatory");
    });
});
