// Per-variant rollback and version alarms and the per-variant dashboard (issue 16): every variant of an
// auto-rollback stack has its own alarms on its own metrics, all rollback alarms are in the endpoint's
// auto-rollback list, and a one-variant stack keeps exactly its alarm names, resources and dashboard.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { alarmTargets } from "../../components/alarm-targets";
import { rollbackAlarmSpecs } from "../../components/rollback-alarms";
import { MAX_ROLLBACK_ALARMS, ROLLBACK_ALARMS_PER_VARIANT } from "../../components/settings";
import { ProgramRun } from "../../local/program-runner";
import { ACCOUNT_ID } from "../support/fake-aws";
import { TYPES, onlyResource, prodTrafficShifting, resourcesOfType, runStack, runStackFile } from "../support/program";

const INSTANCE = { instanceType: "ml.m5.large", initialInstanceCount: 1 };
/** The ab stack (two variants, Candidate with its own ModelVersion 1.5.0) with the prod stack's blue/green and auto-rollback. */
const AB_ROLLBACK = { deployment: { ...prodTrafficShifting(), autoRollback: { errorThreshold: 2, latencyThresholdMs: 700 } } };

interface AlarmView {
  resource: string;
  name: string;
  metric: string;
  dimensions: Record<string, string>;
}

/** The alarms, by resource name (the mocks record registrations in the order their inputs resolve). */
function alarms(run: ProgramRun): AlarmView[] {
  const sorted = resourcesOfType(run, TYPES.alarm).sort((a, b) => a.name.localeCompare(b.name));
  return sorted.map((alarm) => ({
    resource: alarm.name,
    name: alarm.inputs.name as string,
    metric: alarm.inputs.metricName as string,
    dimensions: alarm.inputs.dimensions as Record<string, string>,
  }));
}

function autoRollbackList(run: ProgramRun): string[] {
  const config = onlyResource(run, TYPES.endpoint).inputs.deploymentConfig as { autoRollbackConfiguration?: { alarms: { alarmName: string }[] } };
  return (config.autoRollbackConfiguration?.alarms ?? []).map((alarm) => alarm.alarmName);
}

function dashboard(run: ProgramRun): unknown {
  return JSON.parse(String(onlyResource(run, TYPES.dashboard).inputs.dashboardBody));
}

describe("variant alarms: one variant keeps what it had", () => {
  it("prod keeps its alarm names, resource names and auto-rollback list (no alarm or endpoint replaced on upgrade)", async () => {
    const run = await runStackFile("prod");
    // The names the program declared before per-variant alarms (commit 330b6a0): an alarm whose name changes is replaced.
    assert.deepStrictEqual(
      alarms(run).map(({ resource, name }) => [resource, name]),
      [
        ["endpoint-errors", "tagged-endpoint-prod-invocation-5xx-errors"],
        ["endpoint-latency", "tagged-endpoint-prod-model-latency"],
        ["endpoint-version-errors", "tagged-endpoint-prod-version-5xx-errors"],
        ["endpoint-version-latency", "tagged-endpoint-prod-version-latency-p99"],
      ],
    );
    assert.deepStrictEqual(autoRollbackList(run), ["tagged-endpoint-prod-invocation-5xx-errors", "tagged-endpoint-prod-model-latency"]);
    assert.deepStrictEqual(run.outputs.rollbackAlarmNames, autoRollbackList(run));
    for (const alarm of alarms(run)) assert.strictEqual(alarm.dimensions.VariantName, "AllTraffic", alarm.name);
  });

  it("prod keeps its dashboard body exactly (the fixture is the body the previous program declared)", async () => {
    const fixture = path.join(__dirname, "fixtures", "one-variant-dashboard.json");
    assert.deepStrictEqual(dashboard(await runStackFile("prod")), JSON.parse(fs.readFileSync(fixture, "utf8")));
  });

  it("a one-variant list watches its variant's own name, not AllTraffic, under the same alarm names", async () => {
    const run = await runStack("prod", { variant: undefined, variants: [{ name: "Blue", instance: INSTANCE }] });
    const prod = await runStackFile("prod");
    assert.deepStrictEqual(alarms(run).map((alarm) => alarm.name), alarms(prod).map((alarm) => alarm.name));
    for (const alarm of alarms(run)) assert.strictEqual(alarm.dimensions.VariantName, "Blue", alarm.name);
    assert.ok(JSON.stringify(dashboard(run)).includes('"VariantName","Blue"'));
    assert.ok(!JSON.stringify(dashboard(run)).includes("AllTraffic"));
  });
});

describe("variant alarms: several variants with auto-rollback", () => {
  let run: ProgramRun;
  before(async () => {
    run = await runStack("ab", AB_ROLLBACK);
  });

  it("gives each variant its own rollback alarms on its own SageMaker metrics, all in the endpoint's auto-rollback list", () => {
    const rollback = alarms(run).filter((alarm) => !alarm.name.includes("-version-"));
    assert.deepStrictEqual(
      rollback.map(({ resource, name, metric, dimensions }) => [resource, name, metric, dimensions.VariantName]),
      [
        ["endpoint-errors-Candidate", "tagged-endpoint-ab-Candidate-invocation-5xx-errors", "Invocation5XXErrors", "Candidate"],
        ["endpoint-errors-Current", "tagged-endpoint-ab-Current-invocation-5xx-errors", "Invocation5XXErrors", "Current"],
        ["endpoint-latency-Candidate", "tagged-endpoint-ab-Candidate-model-latency", "ModelLatency", "Candidate"],
        ["endpoint-latency-Current", "tagged-endpoint-ab-Current-model-latency", "ModelLatency", "Current"],
      ],
    );
    for (const alarm of rollback) assert.strictEqual(alarm.dimensions.EndpointName, "tagged-endpoint-ab");
    // In config order, variant by variant.
    assert.deepStrictEqual(autoRollbackList(run), [
      "tagged-endpoint-ab-Current-invocation-5xx-errors",
      "tagged-endpoint-ab-Current-model-latency",
      "tagged-endpoint-ab-Candidate-invocation-5xx-errors",
      "tagged-endpoint-ab-Candidate-model-latency",
    ]);
    assert.deepStrictEqual(run.outputs.rollbackAlarmNames, autoRollbackList(run));
  });

  it("gives each variant version alarms on its own container's metrics with its own ModelVersion", () => {
    const version = alarms(run).filter((alarm) => alarm.name.includes("-version-"));
    assert.deepStrictEqual(
      version.map(({ name, dimensions }) => [name, dimensions]),
      [
        ["tagged-endpoint-ab-Candidate-version-5xx-errors", { EndpointName: "tagged-endpoint-ab", VariantName: "Candidate", ModelVersion: "1.5.0" }],
        ["tagged-endpoint-ab-Current-version-5xx-errors", { EndpointName: "tagged-endpoint-ab", VariantName: "Current", ModelVersion: "1.4.0" }],
        ["tagged-endpoint-ab-Candidate-version-latency-p99", { EndpointName: "tagged-endpoint-ab", VariantName: "Candidate", ModelVersion: "1.5.0" }],
        ["tagged-endpoint-ab-Current-version-latency-p99", { EndpointName: "tagged-endpoint-ab", VariantName: "Current", ModelVersion: "1.4.0" }],
      ],
    );
    // The dimensions the containers publish under: each variant's Model says its own variant name.
    const variantsOfModels = resourcesOfType(run, TYPES.model).map(
      (model) => (model.inputs.primaryContainer as { environment: Record<string, string> }).environment.SAGEMAKER_VARIANT_NAME,
    );
    assert.deepStrictEqual(variantsOfModels, ["Current", "Candidate"]);
  });

  it("lets the role read every variant's rollback alarms, and only those", () => {
    const policy = resourcesOfType(run, TYPES.rolePolicy).find((resource) => resource.name === "endpoint-rollback-alarms-read");
    assert.ok(policy, "the alarm read policy");
    const document = JSON.parse(String(policy.inputs.policy)) as { Statement: { Resource: string[] }[] };
    assert.deepStrictEqual(
      document.Statement[0].Resource,
      autoRollbackList(run).map((name) => `arn:aws:cloudwatch:us-east-1:${ACCOUNT_ID}:alarm:${name}`),
    );
  });

  it("draws one labelled line per variant in the SageMaker and per-process graphs", () => {
    const widgets = (dashboard(run) as { widgets: { properties: { title: string; metrics: unknown[] } }[] }).widgets;
    const invocations = widgets.find((widget) => widget.properties.title.startsWith("Invocations (SageMaker"));
    assert.deepStrictEqual(invocations?.properties.metrics, [
      ["AWS/SageMaker", "Invocations", "EndpointName", "tagged-endpoint-ab", "VariantName", "Current", { label: "Current Invocations" }],
      ["AWS/SageMaker", "Invocations", "EndpointName", "tagged-endpoint-ab", "VariantName", "Candidate", { label: "Candidate Invocations" }],
    ]);
    const text = JSON.stringify(widgets);
    for (const variant of ["Current", "Candidate"]) {
      for (const metric of ["Invocation5XXErrors", "Invocation4XXErrors", "ModelLatency", "ControlPlaneCalls", "ControlPlaneErrors"]) {
        assert.ok(text.includes(`"${metric}","EndpointName","tagged-endpoint-ab","VariantName","${variant}",{"label":"${variant} ${metric}"}`), `${variant} ${metric}`);
      }
    }
    assert.ok(!text.includes("AllTraffic"));
  });

  it("covers up to 5 variants: SageMaker's limit of 10 rollback alarms at 2 per variant", async () => {
    const target = alarmTargets("e", ["A"])[0];
    assert.strictEqual(rollbackAlarmSpecs(target, { errorThreshold: 1, latencyThresholdMs: 1 }, {}).length, ROLLBACK_ALARMS_PER_VARIANT);
    const five = ["A", "B", "C", "D", "E"].map((name) => ({ name, instance: INSTANCE }));
    const fiveRun = await runStack("prod", { variant: undefined, variants: five });
    assert.strictEqual(autoRollbackList(fiveRun).length, MAX_ROLLBACK_ALARMS);
  });
});
