/**
 * The deployment an invocation is attributed to: endpoint, variant, the exposed tags (model version,
 * stage, ...) and their freshness. Recomputed only when the tag snapshot or its status changes (once per
 * tag refresh, and when tags turn stale), then bound to every log line as one pre-serialised
 * `"deployment":{...}` member and used as the metric dimension set until the next change. Control-plane
 * calls belong to the process, not to a model version: they use the built-in dimensions only
 * (EndpointName, VariantName, as configured), which never change.
 */
import { BUILT_IN_DIMENSIONS } from "./config";
import type { LogBinding } from "./log";
import type { TagMap } from "./tags/tag-layers";
import type { TagSnapshot, TagState, TagStatus } from "./tags/tag-provider";
import { viewTags } from "./tags/tags-view";

/** The `deployment` member of every log line. */
export interface DeploymentFields {
  /** The endpoint (`SAGEMAKER_ENDPOINT_NAME`); null when not set. */
  readonly endpoint: string | null;
  /** The production variant (`SAGEMAKER_VARIANT_NAME`); null when not known. */
  readonly variant: string | null;
  /** The merged tags restricted to `EXPOSED_TAG_KEYS` (e.g. ModelVersion, DeploymentStage). */
  readonly tags: TagMap;
  /** `fresh`, `stale` or `unavailable`. */
  readonly tagsStatus: TagStatus;
}

/** One metric dimension. */
export interface Dimension {
  /** Dimension name, e.g. `ModelVersion`. */
  readonly Name: string;
  /** Its value (printable ASCII, 1-1024 characters; `unknown` when the tag or variant is absent). */
  readonly Value: string;
}

/** A dimension set with a key that identifies it cheaply (its names and values as JSON). */
export interface DimensionSet {
  /** Identity of the set (its names and values). */
  readonly key: string;
  /** The dimensions, in the configured order. */
  readonly dimensions: readonly Dimension[];
}

/** What the context is built from. */
export interface DeploymentIdentity {
  /** The endpoint name; null when not set. */
  readonly endpointName: string | null;
  /** The variant name; null when not known. */
  readonly variantName: string | null;
  /** Tag keys that may be shown (and used as dimensions). */
  readonly exposedTagKeys: readonly string[];
  /** Metric dimension names (empty when metrics are off). */
  readonly dimensionNames: readonly string[];
}

/** The value published when a dimension has none (CloudWatch requires a non-empty value). */
export const MISSING_DIMENSION_VALUE = "unknown";

/** The current deployment fields and dimension set, rebound when the observed tag state changes. */
export class DeploymentContext {
  private snapshot: TagSnapshot | null | undefined = undefined;
  private status: TagStatus = "unavailable";
  private current: DimensionSet = { key: "", dimensions: [] };
  private rebinds = 0;
  private readonly processSet: DimensionSet;

  /**
   * @param identity the names and keys the fields and dimensions are made of.
   * @param binding the log binding every line of the server's logger carries.
   */
  constructor(
    private readonly identity: DeploymentIdentity,
    private readonly binding: LogBinding,
  ) {
    this.observe({ status: "unavailable", snapshot: null, lastError: null });
    const builtIn = identity.dimensionNames.filter((name) => (BUILT_IN_DIMENSIONS as readonly string[]).includes(name));
    this.processSet = dimensionSet({ ...identity, dimensionNames: builtIn }, this.fields({ status: "unavailable", snapshot: null, lastError: null }));
  }

  /** Rebinds the fields and dimensions when `state` differs from the last one seen (two comparisons otherwise). */
  observe(state: TagState): void {
    if (state.snapshot === this.snapshot && state.status === this.status) return;
    this.snapshot = state.snapshot;
    this.status = state.status;
    this.rebinds += 1;
    const fields = this.fields(state);
    this.binding.set("deployment", fields);
    this.current = dimensionSet(this.identity, fields);
  }

  /** The tag status last observed. */
  tagStatus(): TagStatus {
    return this.status;
  }

  /** The dimension set invocations are attributed to now. */
  dimensions(): DimensionSet {
    return this.current;
  }

  /** The dimension set of process-wide metrics (control-plane calls): the built-in dimensions only. */
  processDimensions(): DimensionSet {
    return this.processSet;
  }

  /** How many times the fields were recomputed (once per change of snapshot or status). */
  rebindCount(): number {
    return this.rebinds;
  }

  private fields(state: TagState): DeploymentFields {
    return {
      endpoint: this.identity.endpointName,
      variant: this.identity.variantName,
      tags: viewTags(state, this.identity.exposedTagKeys).exposed,
      tagsStatus: state.status,
    };
  }
}

function dimensionSet(identity: DeploymentIdentity, fields: DeploymentFields): DimensionSet {
  const builtIn: Record<(typeof BUILT_IN_DIMENSIONS)[number], string | null> = { EndpointName: fields.endpoint, VariantName: fields.variant };
  const dimensions = identity.dimensionNames.map((name) => {
    const raw = Object.hasOwn(builtIn, name) ? builtIn[name as keyof typeof builtIn] : (fields.tags[name] ?? null);
    return { Name: name, Value: dimensionValue(raw) };
  });
  return { key: JSON.stringify(dimensions), dimensions };
}

/** A CloudWatch dimension value: printable ASCII (others become `?`), 1-1024 characters. */
function dimensionValue(raw: string | null): string {
  const ascii = (raw ?? "").replace(/[^\x20-\x7e]/g, "?").slice(0, 1024);
  return ascii.trim() === "" ? MISSING_DIMENSION_VALUE : ascii;
}
