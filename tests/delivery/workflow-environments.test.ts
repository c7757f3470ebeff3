// Which AWS role each Pulumi job runs with: every preview and deploy of a stack runs in that stack's GitHub
// environment, whose AWS_ROLE_ARN variable names the role in the stack's account (issue 13, item 5).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

const WORKFLOWS = path.resolve(__dirname, "../../.github/workflows");
const REUSABLE = "./.github/workflows/pulumi.yml";

interface Job {
  uses?: string;
  with?: Record<string, unknown>;
  environment?: unknown;
  strategy?: { matrix?: { stack?: string[] } };
  steps?: Array<{ name?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string }>;
}

function jobs(file: string): Record<string, Job> {
  return (parse(fs.readFileSync(path.join(WORKFLOWS, file), "utf8")) as { jobs: Record<string, Job> }).jobs;
}

/** Evaluates the one expression form the callers use for environments: a literal, or `matrix.stack` mapped. */
function environmentFor(value: unknown, stack: string): string {
  const text = String(value ?? "");
  const expression = /^\$\{\{\s*(.+?)\s*\}\}$/.exec(text);
  if (!expression) return text;
  const body = expression[1];
  if (body === "matrix.stack") return stack;
  const prefixed = /^format\('([^']*)\{0\}([^']*)', matrix\.stack\)$/.exec(body);
  if (prefixed) return `${prefixed[1]}${stack}${prefixed[2]}`;
  throw new Error(`unsupported environment expression ${text}`);
}

/** Every call of the reusable Pulumi workflow: file, job, command, and the environment per stack. */
function pulumiCalls(): Array<{ where: string; command: string; environments: Record<string, string> }> {
  return fs
    .readdirSync(WORKFLOWS)
    .flatMap((file) => Object.entries(jobs(file)).map(([name, job]) => ({ where: `${file} ${name}`, job })))
    .filter(({ job }) => job.uses === REUSABLE)
    .map(({ where, job }) => {
      const stacks = job.strategy?.matrix?.stack ?? [String(job.with?.stack)];
      return {
        where,
        command: String(job.with?.command),
        environments: Object.fromEntries(stacks.map((stack) => [stack, environmentFor(job.with?.environment, stack)])),
      };
    });
}

describe("workflows: each stack's role comes from that stack's environment", () => {
  it("runs every preview and every deploy in a GitHub environment of its own stack", () => {
    const calls = pulumiCalls();
    assert.deepStrictEqual(
      calls.map(({ where, command, environments }) => [where, command, environments]).sort(),
      [
        ["deploy-dev.yml up", "up", { dev: "dev" }],
        ["deploy-prod.yml up", "up", { prod: "production" }],
        ["pull-request.yml preview", "preview", { dev: "preview-dev", prod: "preview-prod" }],
      ],
    );
  });

  it("keeps previews out of the deploy environments (their reviewers would gate every pull request)", () => {
    const deploy = new Set(pulumiCalls().filter((call) => call.command === "up").flatMap((call) => Object.values(call.environments)));
    for (const call of pulumiCalls().filter((c) => c.command === "preview")) {
      for (const environment of Object.values(call.environments)) assert.ok(!deploy.has(environment), `${call.where}: ${environment}`);
    }
  });

  it("requires the environment in the reusable workflow and assumes the role the environment names", () => {
    const workflow = parse(fs.readFileSync(path.join(WORKFLOWS, "pulumi.yml"), "utf8")) as {
      on: { workflow_call: { inputs: Record<string, { required?: boolean; default?: unknown }> } };
      jobs: Record<string, Job>;
    };
    const input = workflow.on.workflow_call.inputs.environment;
    assert.strictEqual(input.required, true);
    assert.strictEqual(input.default, undefined);
    const [job] = Object.values(workflow.jobs);
    assert.strictEqual(job.environment, "${{ inputs.environment }}");
    const assume = (job.steps ?? []).find((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    assert.strictEqual(assume?.with?.["role-to-assume"], "${{ vars.AWS_ROLE_ARN }}");
    const index = (job.steps ?? []).indexOf(assume!);
    const guard = (job.steps ?? []).slice(0, index).find((step) => (step.run ?? "").includes("AWS_ROLE_ARN"));
    assert.ok(guard, "a step before the role is assumed fails when the environment sets no AWS_ROLE_ARN");
  });
});

describe("workflows: every deploy is verified", () => {
  it("runs npm run verify for the same stack right after pulumi up, and only after up", () => {
    const workflow = parse(fs.readFileSync(path.join(WORKFLOWS, "pulumi.yml"), "utf8")) as { jobs: Record<string, Job> };
    const steps = Object.values(workflow.jobs)[0].steps ?? [];
    const up = steps.findIndex((step) => step.uses?.startsWith("pulumi/actions@"));
    const verify = steps[up + 1];
    assert.ok(verify, "a step follows pulumi up");
    assert.strictEqual(verify.if, "inputs.command == 'up'");
    assert.match(verify.run ?? "", /^npm run verify -- --stack "\$STACK"$/);
    const env = (verify as { env?: Record<string, string> }).env ?? {};
    assert.strictEqual(env.STACK, steps[up].with?.["stack-name"]);
    assert.strictEqual(env.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
  });
});
