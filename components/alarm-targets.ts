import { resourceSuffix } from "./production-variant";

/**
 * Where one production variant's alarms point and how they are named. With a single variant the names are
 * a function of the endpoint name only, exactly the names one-variant stacks always had (an alarm whose
 * name changes is replaced, and the endpoint's auto-rollback list names them); with several, each
 * variant's alarms carry its name after the endpoint's.
 */
export interface AlarmTarget {
  /** The endpoint (dimension `EndpointName`). */
  endpointName: string;
  /** The production variant (dimension `VariantName`, the name the container publishes its metrics under). */
  variantName: string;
  /** Prefix of the alarm names: the endpoint name for a single variant, `<endpoint>-<variant>` with several. */
  namePrefix: string;
  /** Suffix of the Pulumi resource names: none for a single variant, `-<variant>` with several. */
  idSuffix: string;
  /** What the alarms watch, for their descriptions: the endpoint name, `<endpoint> variant <variant>` with several. */
  subject: string;
}

/** The alarm target of each variant, in config order. */
export function alarmTargets(endpointName: string, variantNames: readonly string[]): AlarmTarget[] {
  const single = variantNames.length === 1;
  return variantNames.map((variantName) => ({
    endpointName,
    variantName,
    namePrefix: single ? endpointName : `${endpointName}-${variantName}`,
    idSuffix: resourceSuffix(variantName, variantNames.length),
    subject: single ? endpointName : `${endpointName} variant ${variantName}`,
  }));
}
