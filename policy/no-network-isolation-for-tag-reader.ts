/** Policy (c): a model whose container reads its tags must not be network-isolated. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { requireType } from "./applicability";
import { containerEnvironments, ENDPOINT_NAME_VARIABLE, readsTags } from "./model-environment";
import type { ModelInputs } from "./resource-inputs";
import { SAGEMAKER_MODEL } from "./resource-types";

/**
 * Mandatory: with network isolation the container gets no network and no AWS credentials, so every
 * ListTags call fails; the deployment would look healthy and never see its tags (or, with
 * TAGS_REQUIRED, never pass /ping).
 */
export const noNetworkIsolationForTagReader: ResourceValidationPolicy = {
    name: "no-network-isolation-for-tag-reader",
    description: `A SageMaker Model whose container environment sets ${ENDPOINT_NAME_VARIABLE} (it reads its tags) is not network-isolated.`,
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        requireType(args, [SAGEMAKER_MODEL]);
        const model = args.props as ModelInputs;
        if (model.enableNetworkIsolation !== true) {
            return;
        }
        for (const container of containerEnvironments(model).filter(readsTags)) {
            reportViolation(
                `enableNetworkIsolation is true, but ${container.label} reads its endpoint's tags ` +
                    `(${ENDPOINT_NAME_VARIABLE} is set): an isolated container has no network and no AWS ` +
                    "credentials, so every tag read fails. Set enableNetworkIsolation to false.",
            );
        }
    },
};
