// The commands the README and docs/ show in their shell blocks stay true: every npm script they run
// exists, every flag they pass to a command is one its option table declares (with a value it
// accepts), and every `aws` operation is one the SDK knows.
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as sageMaker from "@aws-sdk/client-sagemaker";
import * as sageMakerRuntime from "@aws-sdk/client-sagemaker-runtime";
import { BENCH_FLAGS } from "../../bench/args";
import { LOCAL_FLAGS } from "../../local/cli-args";
import { EMULATOR_FLAGS } from "../../local/emulator/cli";
import { CLEANUP_FLAGS } from "../../ops/cleanup-cli";
import { DRIFT_FLAGS } from "../../ops/drift-cli";
import { VERIFY_FLAGS } from "../../ops/verify-cli";
import { commandProblems, fencedCommands, simpleCommands, type CommandRules, type DocCommand } from "../support/doc-commands";

const ROOT = path.resolve(__dirname, "..", "..");
const PAGES = ["README.md", ...readdirSync(path.join(ROOT, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)];

const RULES: CommandRules = {
  scripts: Object.keys((JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts),
  optionTables: { start: LOCAL_FLAGS, bench: BENCH_FLAGS, drift: DRIFT_FLAGS, verify: VERIFY_FLAGS, cleanup: CLEANUP_FLAGS, "local/emulator/cli.ts": EMULATOR_FLAGS },
  awsServices: { sagemaker: Object.keys(sageMaker), "sagemaker-runtime": Object.keys(sageMakerRuntime) },
};

const problems = (commands: DocCommand[]): string[] =>
  commands.flatMap((command) => commandProblems(command, RULES).map((problem) => `${command.where}: ${problem}`));

describe("commands in README.md and docs/", () => {
  const commands = PAGES.flatMap((page) => fencedCommands(readFileSync(path.join(ROOT, page), "utf8"), page));

  it("reads the npm, curl and aws commands of every page's shell blocks (a check of none would pass by construction)", () => {
    const programs = new Set(commands.map((command) => command.words[0]));
    for (const program of ["npm", "curl", "aws", "npx"]) assert.ok(programs.has(program), `no ${program} command found`);
    const flagged = commands.filter((command) => command.words[0] === "npm" && command.words.includes("--"));
    assert.ok(flagged.some((command) => command.words.includes("bench")), "no `npm run bench -- --flag` found");
    assert.ok(flagged.some((command) => command.words.includes("start")), "no `npm start -- --flag` found");
    assert.ok(flagged.some((command) => command.words.includes("drift")), "no `npm run drift -- --flag` found");
  });

  it("names only npm scripts package.json has, flags their option tables declare and operations the SDK knows", () => {
    assert.deepEqual(problems(commands), []);
  });
});

describe("the documentation command check", () => {
  const check = (markdown: string): string[] => problems(fencedCommands(markdown, "x.md"));

  it("fails on a flag a command does not declare, a bad value and a missing script", () => {
    const markdown = [
      "```bash",
      "npm ci && npm start -- --stack prod --colour   # a flag local mode does not have",
      "npm run bench -- --duration 0",
      "npm run deploy",
      "```",
      "```console",
      "$ npm run drift -- --stack dev \\",
      "    --outputs file.json",
      "output that is not a command: npm run nothing",
      "```",
    ].join("\n");
    assert.deepEqual(check(markdown), [
      'x.md:2: npm script "start": unknown option "--colour" (see --help)',
      'x.md:3: npm script "bench": --duration must be a whole number from 1 to 3600, got "0"',
      'x.md:4: npm script "deploy" is not in package.json',
      'x.md:7: npm script "drift": unknown option "--outputs" (see --help)',
    ]);
  });

  it("fails on an AWS CLI operation the SDK does not have, and ignores non-shell blocks", () => {
    const markdown = ["```bash", "AWS_REGION=us-east-1 aws sagemaker list-tagz --resource-arn x", "```", "```ts", 'npm run "nothing"', "```"].join("\n");
    assert.deepEqual(check(markdown), ["x.md:2: aws sagemaker list-tagz: the SDK has no ListTagzCommand"]);
    assert.deepEqual(check("```bash\naws sagemaker list-tags --resource-arn x\n```"), []);
  });

  it("checks `aws <service> wait <waiter>` against the SDK's waiters", () => {
    assert.deepEqual(check("```bash\naws sagemaker wait endpoint-in-service --endpoint-name x\n```"), []);
    assert.deepEqual(check("```bash\naws sagemaker wait endpoint-in-servic --endpoint-name x\n```"), [
      "x.md:2: aws sagemaker wait endpoint-in-servic: the SDK has no waitUntilEndpointInServic",
    ]);
  });

  it("splits a line into simple commands, keeping quoted operators and dropping comments and assignments", () => {
    assert.deepEqual(simpleCommands(`A=1 B=2 curl -H 'X: a;b' -d "{\\"k\\": 1}" && npm test # npm run x`), [
      ["curl", "-H", "X: a;b", "-d", '{"k": 1}'],
      ["npm", "test"],
    ]);
    assert.deepEqual(simpleCommands("export A=1"), [["export", "A=1"]]);
  });
});
