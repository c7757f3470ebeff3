/** Every policy of the pack, in report order. Importable without starting the policy runtime. */
import type { Policies } from "@pulumi/policy";
import { noNetworkIsolationForTagReader } from "./no-network-isolation-for-tag-reader";
import { noSageMakerFullAccess } from "./no-sagemaker-full-access";
import { noWildcardSageMakerResources } from "./no-wildcard-sagemaker-resources";
import { requiredTags } from "./required-tags";
import { tagReaderEnvironment } from "./tag-reader-environment";

/** The pack's policies: four mandatory, `tag-reader-environment` advisory. */
export const policies: Policies = [
    requiredTags,
    noSageMakerFullAccess,
    noWildcardSageMakerResources,
    noNetworkIsolationForTagReader,
    tagReaderEnvironment,
];
