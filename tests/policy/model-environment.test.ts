import * as assert from "assert";
import { noNetworkIsolationForTagReader } from "../../policy/no-network-isolation-for-tag-reader";
import { tagReaderEnvironment as tagReaderEnvironmentPolicy } from "../../policy/tag-reader-environment";
import { model, tagReaderEnvironment } from "./fixtures";
import { PolicyResource, validate } from "./validate";

/** The fixture model with `changes` applied to its inputs. */
function modelWith(changes: Record<string, unknown>): PolicyResource {
    const base = model();
    return { ...base, props: { ...base.props, ...changes } };
}

/** A container with `environment` (none when undefined). */
function container(environment?: Record<string, string>): Record<string, unknown> {
    return { image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1", ...(environment ? { environment } : {}) };
}

/** The fixture model whose container environment lacks `variable`. */
function modelWithout(variable: string): PolicyResource {
    const environment = tagReaderEnvironment();
    delete environment[variable];
    return modelWith({ primaryContainer: container(environment) });
}

describe("policy no-network-isolation-for-tag-reader", () => {
    it("passes the program's model (isolation off)", async () => {
        assert.deepStrictEqual(await validate(noNetworkIsolationForTagReader, model()), { violations: [] });
    });

    it("fails network isolation on a model whose container reads its tags", async () => {
        const outcome = await validate(noNetworkIsolationForTagReader, modelWith({ enableNetworkIsolation: true }));
        assert.deepStrictEqual(outcome.violations, [
            "enableNetworkIsolation is true, but primaryContainer reads its endpoint's tags (SAGEMAKER_ENDPOINT_NAME " +
                "is set): an isolated container has no network and no AWS credentials, so every tag read fails. " +
                "Set enableNetworkIsolation to false.",
        ]);
    });

    it("names the reading container of a multi-container model", async () => {
        const props = { enableNetworkIsolation: true, primaryContainer: undefined, containers: [container(), container(tagReaderEnvironment())] };
        assert.match((await validate(noNetworkIsolationForTagReader, modelWith(props))).violations[0], /but containers\[1\] reads/);
    });

    it("allows network isolation for a model that does not read tags", async () => {
        const props = { enableNetworkIsolation: true, primaryContainer: container({ MODEL_NAME: "x" }) };
        assert.deepStrictEqual((await validate(noNetworkIsolationForTagReader, modelWith(props))).violations, []);
    });

    it("is mandatory and only applies to models", async () => {
        assert.strictEqual(noNetworkIsolationForTagReader.enforcementLevel, "mandatory");
        assert.ok((await validate(noNetworkIsolationForTagReader, { type: "aws:sagemaker/endpoint:Endpoint", props: {} })).notApplicable);
    });
});

describe("policy tag-reader-environment", () => {
    it("passes the program's model", async () => {
        assert.deepStrictEqual(await validate(tagReaderEnvironmentPolicy, model()), { violations: [] });
    });

    it("flags a model whose container environment has no SAGEMAKER_ENDPOINT_NAME", async () => {
        const outcome = await validate(tagReaderEnvironmentPolicy, modelWithout("SAGEMAKER_ENDPOINT_NAME"));
        assert.deepStrictEqual(outcome.violations, [
            "No container environment sets SAGEMAKER_ENDPOINT_NAME. SageMaker does not tell a hosted container " +
                "its endpoint name, so the container cannot read its endpoint's tags.",
        ]);
    });

    it("flags a model whose container has no environment at all", async () => {
        const outcome = await validate(tagReaderEnvironmentPolicy, modelWith({ primaryContainer: container() }));
        assert.match(outcome.violations[0], /^No container environment sets SAGEMAKER_ENDPOINT_NAME\./);
    });

    it("flags a reader without AWS_REGION", async () => {
        const outcome = await validate(tagReaderEnvironmentPolicy, modelWithout("AWS_REGION"));
        assert.deepStrictEqual(outcome.violations, [
            "primaryContainer sets SAGEMAKER_ENDPOINT_NAME but not AWS_REGION. SageMaker hosting does not set the " +
                "region, so the container's AWS SDK cannot reach the SageMaker API.",
        ]);
    });

    it("passes a multi-container model with one reading container", async () => {
        const props = { primaryContainer: undefined, containers: [container(), container(tagReaderEnvironment())] };
        assert.deepStrictEqual((await validate(tagReaderEnvironmentPolicy, modelWith(props))).violations, []);
    });

    it("is advisory", () => {
        assert.strictEqual(tagReaderEnvironmentPolicy.enforcementLevel, "advisory");
    });
});
