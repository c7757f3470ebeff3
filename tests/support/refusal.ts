// The one-line refusal of a program run that the preview guards stop (replacement-guard.ts, variant-rename.ts).
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ProgramRun } from "../../local/program-runner";

/**
 * The refusal's message without the prefixes Pulumi adds as the failed input reaches each resource that
 * awaits it (`error serializing property "name": `, then for example `"resourceId"` of the scaling target;
 * which ones come first varies). The error is a RunError, so the CLI prints it as one line without a stack
 * trace.
 */
export async function rejection(run: Promise<ProgramRun>): Promise<string> {
  try {
    await run;
  } catch (err) {
    assert.ok(pulumi.RunError.isInstance(err), `expected a RunError, got ${String(err)}`);
    assert.ok(!err.message.includes("\n"), "one line");
    const prefixes = /^(error serializing property "\w+": )+/.exec(err.message);
    assert.ok(prefixes !== null && prefixes[0].endsWith('error serializing property "name": '), err.message);
    return err.message.slice(prefixes[0].length);
  }
  throw new Error("expected the program to refuse the change, but it ran");
}
