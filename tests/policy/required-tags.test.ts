import * as assert from "assert";
import { DEFAULT_REQUIRED_TAG_KEYS, requiredTags } from "../../policy/required-tags";
import { endpoint, endpointConfiguration, executionRole, model, sageMakerTrustPolicy } from "./fixtures";
import { PolicyResource, validate } from "./validate";

/** `resource` with `keys` removed from its tags. */
function without(resource: PolicyResource, ...keys: string[]): PolicyResource {
    const tags = { ...(resource.props.tags as Record<string, string>) };
    keys.forEach((k) => delete tags[k]);
    return { ...resource, props: { ...resource.props, tags } };
}

describe("policy sagemaker-required-tags", () => {
    const tagged = [model(), endpointConfiguration(), endpoint(), executionRole()];

    for (const resource of tagged) {
        it(`passes a ${resource.type} that carries every required tag`, async () => {
            assert.deepStrictEqual(await validate(requiredTags, resource), { violations: [] });
        });

        it(`fails a ${resource.type} missing a required tag`, async () => {
            const outcome = await validate(requiredTags, without(resource, "CreatedBy"));
            assert.deepStrictEqual(outcome.violations, [
                'Missing required tag key(s): CreatedBy. Add them to the stack\'s "tags" config ' +
                    '(the required keys are the policy pack\'s "requiredTagKeys").',
            ]);
        });
    }

    it("names every missing key when a resource has no tags at all", async () => {
        const bare = { ...model(), props: { ...model().props, tags: undefined } };
        const [message] = (await validate(requiredTags, bare)).violations;
        assert.match(message, /^Missing required tag key\(s\): ModelVersion, DeploymentStage, CreatedBy\./);
    });

    it("matches tag keys case-sensitively, as AWS does", async () => {
        const resource = without(endpoint(), "ModelVersion");
        (resource.props.tags as Record<string, string>).modelversion = "1.4.0";
        assert.match((await validate(requiredTags, resource)).violations[0], /: ModelVersion\./);
    });

    it("takes the required keys from the pack config instead of the defaults", async () => {
        const config = { requiredTagKeys: ["CostCenter", "Owner"] };
        const outcome = await validate(requiredTags, without(model(), "ModelVersion"), config);
        assert.match(outcome.violations[0], /^Missing required tag key\(s\): Owner\./);
    });

    it("declares the defaults in its config schema, and is mandatory", () => {
        assert.deepStrictEqual(requiredTags.configSchema?.properties.requiredTagKeys.default, [...DEFAULT_REQUIRED_TAG_KEYS]);
        assert.strictEqual(requiredTags.enforcementLevel, "mandatory");
    });

    it("checks a role whose trust policy (object form, Service list) names sagemaker.amazonaws.com", async () => {
        const trust = sageMakerTrustPolicy();
        (trust.Statement as Array<Record<string, unknown>>)[0].Principal = {
            Service: ["lambda.amazonaws.com", "sagemaker.amazonaws.com"],
        };
        const role = without({ ...executionRole(), props: { ...executionRole().props, assumeRolePolicy: trust } }, "DeploymentStage");
        assert.match((await validate(requiredTags, role)).violations[0], /: DeploymentStage\./);
    });

    it("is not applicable to roles SageMaker cannot assume", async () => {
        const trust = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
        const outcome = await validate(requiredTags, { type: "aws:iam/role:Role", props: { assumeRolePolicy: trust } });
        assert.deepStrictEqual(outcome, {
            violations: [],
            notApplicable: "Policy only applies to roles trusted by sagemaker.amazonaws.com",
        });
    });

    it("is not applicable to other resource types", async () => {
        const outcome = await validate(requiredTags, { type: "aws:ecr/repository:Repository", props: {} });
        assert.deepStrictEqual(outcome.violations, []);
        assert.match(outcome.notApplicable ?? "", /only applies to resources of type 'aws:sagemaker\/model:Model'/);
    });
});
