// Pulumi.yaml declares every config key the program reads, in the shape Pulumi's project schema accepts,
// with the defaults the settings parser assumes.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { CONFIG_DEFAULTS, CONFIG_KEYS } from "../../components/settings";
import { DEFAULT_PROJECT_ROOT } from "../../base/stack-file";

interface Declaration {
  type?: string;
  items?: { type: string };
  description?: string;
  default?: unknown;
}

const project = parse(fs.readFileSync(path.join(DEFAULT_PROJECT_ROOT, "Pulumi.yaml"), "utf8")) as {
  name: string;
  runtime: { name: string; options: { typescript: boolean } };
  main: string;
  config: Record<string, Declaration>;
};

describe("Pulumi.yaml", () => {
  it("is the tagged-endpoint project on the Node.js runtime with TypeScript, entry index.ts", () => {
    assert.strictEqual(project.name, "tagged-endpoint");
    assert.deepStrictEqual(project.runtime, { name: "nodejs", options: { typescript: true } });
    assert.strictEqual(project.main, "index.ts");
  });

  it("declares exactly the keys the settings parser reads, each with a description", () => {
    assert.deepStrictEqual(Object.keys(project.config).sort(), [...CONFIG_KEYS].sort());
    for (const [key, declaration] of Object.entries(project.config)) {
      assert.ok(declaration.description && declaration.description.length > 20, `${key} has a description`);
    }
  });

  it("uses only the types Pulumi's project schema allows, arrays with their item type", () => {
    for (const [key, declaration] of Object.entries(project.config)) {
      if (declaration.type === undefined) continue;
      assert.ok(["string", "integer", "boolean", "array"].includes(declaration.type), `${key}: ${declaration.type}`);
      if (declaration.type === "array") assert.deepStrictEqual(declaration.items, { type: "string" }, key);
    }
    assert.deepStrictEqual(
      Object.keys(project.config).filter((key) => project.config[key].type === undefined).sort(),
      ["deployment", "model", "tags", "variant", "variants"],
      "only the object-valued keys are untyped",
    );
  });

  it("leaves only the required keys without a default (the CLI then insists on them)", () => {
    const required = Object.keys(project.config).filter((key) => !("default" in project.config[key]));
    assert.deepStrictEqual(required.sort(), ["tags"]);
  });

  it("declares the defaults the settings parser assumes, each of its declared type", () => {
    const declared = Object.fromEntries(
      Object.entries(project.config)
        .filter(([, declaration]) => "default" in declaration)
        .map(([key, declaration]) => [key, declaration.default]),
    );
    assert.deepStrictEqual(declared, CONFIG_DEFAULTS);
    const jsType = { string: "string", integer: "number", boolean: "boolean" } as Record<string, string>;
    for (const [key, declaration] of Object.entries(project.config)) {
      if (declaration.type === undefined || !("default" in declaration)) continue;
      if (declaration.type === "array") assert.ok(Array.isArray(declaration.default), key);
      else assert.strictEqual(typeof declaration.default, jsType[declaration.type], key);
    }
  });
});
