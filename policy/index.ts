/**
 * The policy pack's entry point, run by the Pulumi CLI (`pulumi preview --policy-pack policy`):
 * constructing the PolicyPack starts the policy runtime, so tests import `./policies` instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("tagged-endpoint-policy", { policies });
