// The lines `npm start -- --update-to` prints: which Models a new config keeps, and each pending variant's phase.
import * as assert from "node:assert/strict";
import type { DescribeEndpointOutput } from "@aws-sdk/client-sagemaker";
import { phaseLine } from "../../local/deployment-watch";
import { fleetChangeLine } from "../../local/fleet-change";

describe("--update-to lines", () => {
  it("names each variant's Model and marks the ones the new config keeps", () => {
    const before = { Current: "ab--aaaaaaaaaa", Candidate: "ab--bbbbbbbbbb" };
    const after = { Current: "ab--aaaaaaaaaa", Candidate: "ab--cccccccccc" };
    assert.equal(
      fleetChangeLine(before, after, "ab--dddddddddd"),
      "new fleet: Current: model ab--aaaaaaaaaa (unchanged), Candidate: model ab--cccccccccc, endpoint config ab--dddddddddd",
    );
  });

  it("leaves the variant name out for a single variant", () => {
    assert.equal(
      fleetChangeLine({ AllTraffic: "p--aaaaaaaaaa" }, { AllTraffic: "p--bbbbbbbbbb" }, "p--cccccccccc"),
      "new fleet: model p--bbbbbbbbbb, endpoint config p--cccccccccc",
    );
  });

  it("gives every pending variant's phase and share, the name only with several", () => {
    const variant = (name: string, status: string, weight: number) => ({ VariantName: name, CurrentWeight: weight, VariantStatus: [{ Status: status as "Baking" }] });
    const describe = (variants: ReturnType<typeof variant>[]): DescribeEndpointOutput =>
      ({ EndpointStatus: "Updating", EndpointConfigName: "old", PendingDeploymentSummary: { EndpointConfigName: "new", ProductionVariants: variants } }) as DescribeEndpointOutput;
    assert.equal(
      phaseLine(describe([variant("Current", "Baking", 0.5), variant("Candidate", "Baking", 0.5)])),
      "Updating on old; new fleet new: Current Baking, 50 % of traffic; Candidate Baking, 50 % of traffic",
    );
    assert.equal(phaseLine(describe([variant("AllTraffic", "ActivatingTraffic", 0.1)])), "Updating on old; new fleet new: ActivatingTraffic, 10 % of traffic");
    assert.equal(phaseLine({ EndpointStatus: "InService", EndpointConfigName: "new" } as DescribeEndpointOutput), "InService on new");
  });
});
