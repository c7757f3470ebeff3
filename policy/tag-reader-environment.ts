/** Policy (d): flags models whose containers cannot find their endpoint to read its tags. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { requireType } from "./applicability";
import { containerEnvironments, ENDPOINT_NAME_VARIABLE, readsTags, REGION_VARIABLE } from "./model-environment";
import type { ModelInputs } from "./resource-inputs";
import { SAGEMAKER_MODEL } from "./resource-types";

/**
 * Advisory: a model may legitimately not read tags (a third-party container, a batch-only model), and
 * the tag reader degrades to `tagsStatus: "unavailable"` rather than failing, so this informs without
 * blocking. SageMaker sets neither variable in a hosted container; the deployer must.
 */
export const tagReaderEnvironment: ResourceValidationPolicy = {
    name: "tag-reader-environment",
    description: `A SageMaker Model's container environment carries ${ENDPOINT_NAME_VARIABLE} (and ${REGION_VARIABLE}) so the container can read its endpoint's tags.`,
    enforcementLevel: "advisory",
    validateResource: (args, reportViolation) => {
        requireType(args, [SAGEMAKER_MODEL]);
        const containers = containerEnvironments(args.props as ModelInputs);
        const readers = containers.filter(readsTags);
        if (readers.length === 0) {
            reportViolation(
                `No container environment sets ${ENDPOINT_NAME_VARIABLE}. SageMaker does not tell a hosted ` +
                    "container its endpoint name, so the container cannot read its endpoint's tags.",
            );
        }
        for (const reader of readers.filter((c) => !(REGION_VARIABLE in c.environment))) {
            reportViolation(
                `${reader.label} sets ${ENDPOINT_NAME_VARIABLE} but not ${REGION_VARIABLE}. SageMaker hosting ` +
                    "does not set the region, so the container's AWS SDK cannot reach the SageMaker API.",
            );
        }
    },
};
