/**
 * `npm run lint:workflows [-- <repository root>]`: lints every workflow in `.github/workflows/` of the
 * repository (default: the one this script is in) and prints each finding as
 * `file:line:col: message [rule]`. Exits 1 on any finding, 2 when the lint itself cannot run.
 */
import * as path from "path";
import { formatFinding, lintWorkflowDirectory } from "./workflow-lint";

async function main(): Promise<number> {
    const root = path.resolve(process.argv[2] ?? path.join(__dirname, ".."));
    const findings = await lintWorkflowDirectory(root);
    for (const finding of findings) {
        console.log(formatFinding(finding));
    }
    if (findings.length > 0) {
        console.error(`lint:workflows: ${findings.length} finding(s)`);
        return 1;
    }
    console.log("lint:workflows: no findings");
    return 0;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (err: unknown) => {
        console.error(`lint:workflows: cannot lint the workflows: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 2;
    },
);
