// A guarded blue/green update (config `deployment`) that changes the variant names is refused at preview:
// SageMaker's deployment guardrails require the new endpoint configuration to keep the old variant names
// ("must have the same variant name as the old endpoint configuration", Exclusions page). The program
// compares with the `variantNames` output of the stack's last update (a stack reference to itself).
// Decided by that rule: the names must be the same set, so adding or removing a variant is refused too.
import * as assert from "assert";
import { VARIANT_NAMES_OUTPUT } from "../../components/variant-rename";
import { ProgramRun } from "../../local/program-runner";
import { ConfigEdits, PROJECT, prodTrafficShifting, runStack, runStackFile, stackConfig } from "../support/program";
import { rejection } from "../support/refusal";

/** Blue/green with auto-rollback (its default), and without it. */
const GUARDED = { deployment: prodTrafficShifting() };
const GUARDED_NO_ROLLBACK = { deployment: { ...prodTrafficShifting(), autoRollback: false } };
const INSTANCE = { instanceType: "ml.m5.large", initialInstanceCount: 1 };

type VariantConfig = Record<string, unknown> & { name: string };

/** The ab stack file's variants (Current, Candidate), renamed or reordered by `edit`. */
function abVariants(edit: (variants: VariantConfig[]) => VariantConfig[]): VariantConfig[] {
  return edit(JSON.parse(stackConfig("ab")[`${PROJECT}:variants`]) as VariantConfig[]);
}

const RENAMED = abVariants((variants) => variants.map((variant) => (variant.name === "Candidate" ? { ...variant, name: "Challenger" } : variant)));

function update(stack: string, previous: ProgramRun, edits: ConfigEdits): Promise<ProgramRun> {
  return runStack(stack, edits, undefined, previous.outputs);
}

describe("variant rename guard: blue/green updates keep the variant names", () => {
  it("exports the variant names, in config order", async () => {
    // The output the guard reads back (index.ts exports it under this name).
    assert.deepStrictEqual((await runStackFile("ab")).outputs[VARIANT_NAMES_OUTPUT], ["Current", "Candidate"]);
    assert.deepStrictEqual((await runStackFile("prod")).outputs[VARIANT_NAMES_OUTPUT], ["AllTraffic"]);
  });

  it("refuses renaming a variant with deployment, naming the key, the old and new names and what to do", async () => {
    const previous = await runStack("ab", GUARDED);
    const message = await rejection(update("ab", previous, { ...GUARDED, variants: RENAMED }));
    assert.strictEqual(
      message,
      "tagged-endpoint:variants: changes the variant names from [Current, Candidate] to [Current, Challenger] in a blue/green " +
        "update (tagged-endpoint:deployment), and SageMaker requires the new endpoint configuration to keep the old variant names. " +
        "Keep the names [Current, Candidate], or remove tagged-endpoint:deployment for the update that changes them (SageMaker then " +
        "shifts all traffic at once, without guardrails) and restore it in the next update.",
    );
  });

  it("refuses adding a variant with deployment (the names are no longer the same)", async () => {
    const previous = await runStack("ab", GUARDED_NO_ROLLBACK);
    const added = abVariants((variants) => [...variants, { name: "Challenger", initialWeight: 5, instance: INSTANCE }]);
    const message = await rejection(update("ab", previous, { ...GUARDED_NO_ROLLBACK, variants: added }));
    assert.match(message, /^tagged-endpoint:variants: changes the variant names from \[Current, Candidate\] to \[Current, Candidate, Challenger\] /);
  });

  it("names the key the new config uses: variants for a list, variant for the shorthand", async () => {
    const prod = await runStackFile("prod");
    const toList = await rejection(update("prod", prod, { variant: undefined, variants: [{ name: "Blue", instance: INSTANCE }] }));
    assert.match(toList, /^tagged-endpoint:variants: changes the variant names from \[AllTraffic\] to \[Blue\] /);
    const blue = await runStack("prod", { variant: undefined, variants: [{ name: "Blue", instance: INSTANCE }] });
    assert.match(await rejection(update("prod", blue, {})), /^tagged-endpoint:variant: changes the variant names from \[Blue\] to \[AllTraffic\] /);
  });

  it("allows renaming without deployment, including the update that removes it", async () => {
    await update("ab", await runStackFile("ab"), { variants: RENAMED });
    // The way out the refusal names: remove deployment for the renaming update (no auto-rollback here, so no replacement).
    await update("ab", await runStack("ab", GUARDED_NO_ROLLBACK), { variants: RENAMED });
  });

  it("allows the same names in another order, a first deployment, and outputs of an older program", async () => {
    const previous = await runStack("ab", GUARDED);
    await update("ab", previous, { ...GUARDED, variants: abVariants((variants) => [...variants].reverse()) });
    await runStack("ab", { ...GUARDED, variants: RENAMED }); // nothing deployed yet: no previous outputs
    const older = { ...previous, outputs: Object.fromEntries(Object.entries(previous.outputs).filter(([name]) => name !== VARIANT_NAMES_OUTPUT)) };
    await update("ab", older, { ...GUARDED, variants: RENAMED });
  });

  it("allows renaming when the update replaces the endpoint anyway (allowEndpointReplacement): a new endpoint has no old names", async () => {
    const previous = await runStack("ab", GUARDED);
    await update("ab", previous, { ...GUARDED, variants: RENAMED, endpointName: "fraud-ab", allowEndpointReplacement: true });
  });
});
