/**
 * The pack under the real runner: starts `@pulumi/pulumi/cmd/run-policy-pack` in `policy/` exactly as
 * the Pulumi CLI's Node.js language host does for `--policy-pack policy` (ts-node with type checking,
 * modules resolved from the repository root's node_modules, version from policy/package.json), then
 * talks to it over the analyzer gRPC protocol the CLI uses. gRPC and protobuf are @pulumi/pulumi's own
 * dependencies (its generated analyzer client needs them).
 */
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { AnalyzeDiagnostic, AnalyzeRequest, AnalyzerResourceOptions, EnforcementLevel } from "@pulumi/pulumi/proto/analyzer_pb";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { endpoint, model } from "./fixtures";
import type { PolicyResource } from "./validate";

const POLICY_DIR = path.resolve(__dirname, "../../policy");
const START_TIMEOUT_MS = 90_000;

/** Starts the pack and resolves with the port it prints, as the CLI reads it. */
function startPack(): Promise<{ child: ChildProcess; port: number }> {
    const child = spawn(process.execPath, [require.resolve("@pulumi/pulumi/cmd/run-policy-pack"), "unused-engine", "."], {
        cwd: POLICY_DIR,
        stdio: ["ignore", "pipe", "pipe"],
    });
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
        child.stdout?.on("data", (d: Buffer) => {
            stdout += d.toString();
            const port = /^(\d+)\s*$/m.exec(stdout);
            if (port) {
                resolve({ child, port: Number(port[1]) });
            }
        });
        child.on("exit", (code) => reject(new Error(`policy pack exited with ${code} before serving: ${stderr.trim()}`)));
    });
}

function analyzeRequest(resource: PolicyResource): AnalyzeRequest {
    const name = resource.name ?? "resource";
    return new AnalyzeRequest()
        .setType(resource.type)
        .setName(name)
        .setUrn(`urn:pulumi:dev::tagged-endpoint::${resource.type}::${name}`)
        .setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(resource.props))))
        .setOptions(new AnalyzerResourceOptions());
}

describe("policy pack under the Pulumi policy runner", function () {
    this.timeout(START_TIMEOUT_MS);
    let child: ChildProcess;
    let client: AnalyzerClient;

    before(async () => {
        const started = await startPack();
        child = started.child;
        client = new AnalyzerClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure());
    });

    after(async () => {
        client?.close();
        if (child && child.exitCode === null) {
            const exited = new Promise((resolve) => child.once("exit", resolve));
            child.kill();
            await exited;
        }
    });

    function analyze(resource: PolicyResource): Promise<AnalyzeDiagnostic.AsObject[]> {
        return new Promise((resolve, reject) =>
            client.analyze(analyzeRequest(resource), (err, res) =>
                err ? reject(err) : resolve(res.getDiagnosticsList().map((d) => d.toObject())),
            ),
        );
    }

    it("serves the pack's name, version and policies with their enforcement levels", async () => {
        const info = await new Promise<{ name: string; version: string; policies: [string, EnforcementLevel][] }>((resolve, reject) =>
            client.getAnalyzerInfo(new Empty(), (err, res) =>
                err
                    ? reject(err)
                    : resolve({
                          name: res.getName(),
                          version: res.getVersion(),
                          policies: res.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()]),
                      }),
            ),
        );
        assert.deepStrictEqual(info, {
            name: "tagged-endpoint-policy",
            version: "0.1.0",
            policies: [
                ["sagemaker-required-tags", EnforcementLevel.MANDATORY],
                ["no-sagemaker-full-access", EnforcementLevel.MANDATORY],
                ["no-wildcard-sagemaker-resources", EnforcementLevel.MANDATORY],
                ["no-network-isolation-for-tag-reader", EnforcementLevel.MANDATORY],
                ["tag-reader-environment", EnforcementLevel.ADVISORY],
            ],
        });
    });

    it("passes the program's model and reports a missing required tag as a mandatory violation", async () => {
        assert.deepStrictEqual(await analyze(model()), []);
        const untagged = endpoint();
        delete (untagged.props.tags as Record<string, string>).ModelVersion;
        const diagnostics = await analyze(untagged);
        assert.deepStrictEqual(
            diagnostics.map((d) => [d.policyname, d.enforcementlevel]),
            [["sagemaker-required-tags", EnforcementLevel.MANDATORY]],
        );
        assert.match(diagnostics[0].message, /Missing required tag key\(s\): ModelVersion\./);
    });

    it("downgrades a check it cannot run during preview (unknown tags) to advisory", async () => {
        const pending = { ...model(), props: { ...model().props, tags: unknownValue } };
        const [diagnostic] = await analyze(pending);
        assert.strictEqual(diagnostic.policyname, "sagemaker-required-tags");
        assert.strictEqual(diagnostic.enforcementlevel, EnforcementLevel.ADVISORY);
        assert.match(diagnostic.message, /can't run policy 'sagemaker-required-tags' .* during preview/);
    });
});
