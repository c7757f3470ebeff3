/** The container environments of a SageMaker Model, and what the tag-reading container needs in them. */
import type { ModelInputs } from "./resource-inputs";

/** Set by the deployer; SageMaker does not tell a hosted container its endpoint name. */
export const ENDPOINT_NAME_VARIABLE = "SAGEMAKER_ENDPOINT_NAME";
/** Set by the deployer; SageMaker hosting does not set the region either. */
export const REGION_VARIABLE = "AWS_REGION";

/** One container of a model and its environment (empty when it has none). */
export interface ContainerEnvironment {
    /** Where the container is declared: `primaryContainer` or `containers[i]`. */
    label: string;
    /** The container's `environment` map. */
    environment: Record<string, string>;
}

/** The environments of `primaryContainer` and of each of `containers`, in that order. */
export function containerEnvironments(model: ModelInputs): ContainerEnvironment[] {
    const result: ContainerEnvironment[] = [];
    if (model.primaryContainer) {
        result.push({ label: "primaryContainer", environment: model.primaryContainer.environment ?? {} });
    }
    (model.containers ?? []).forEach((container, i) => {
        result.push({ label: `containers[${i}]`, environment: container.environment ?? {} });
    });
    return result;
}

/** Whether a container reads its endpoint's tags, i.e. is told its endpoint name. */
export function readsTags(container: ContainerEnvironment): boolean {
    return ENDPOINT_NAME_VARIABLE in container.environment;
}
