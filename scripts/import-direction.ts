/**
 * The one-way import rule between the repository's top-level folders. `container/` and `components/`
 * import nothing of ours (they are what gets shipped: the image and the Pulumi program); `base/` holds
 * what the command folders share; `local/`, `ops/` and `bench/` build on it; nothing but `ops/` itself
 * (and the tests) imports `ops/`.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** For each folder, the other folders its files may import from (its own folder is always allowed). */
export const ALLOWED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  container: [],
  components: [],
  base: ["components"],
  local: ["base", "components", "container"],
  ops: ["base", "components"],
  bench: ["local", "base", "components", "container"],
  policy: [],
  scripts: [],
  "index.ts": ["components"],
  tests: ["base", "components", "container", "local", "ops", "bench", "policy", "scripts", "index.ts"],
};

/** One import that goes the wrong way. */
export interface ImportViolation {
  /** The importing file, relative to the repository root. */
  file: string;
  /** The module specifier as written. */
  specifier: string;
  /** The folder the specifier resolves into. */
  target: string;
}

const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']*)["']/gm;

/** The top-level folder (or root file) a repository-relative path belongs to. */
export function topLevel(relativePath: string): string {
  return relativePath.split("/")[0];
}

/** The relative imports of one source text that leave its folder for one it may not import. */
export function violationsIn(file: string, source: string): ImportViolation[] {
  const from = topLevel(file);
  const allowed = ALLOWED_IMPORTS[from];
  if (allowed === undefined) return [{ file, specifier: "(file)", target: `${from}: a folder with no import rule` }];
  const found: ImportViolation[] = [];
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[1];
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    const target = topLevel(resolved.replace(/\.ts$/, "") === "index" ? "index.ts" : resolved);
    if (target !== from && !allowed.includes(target)) found.push({ file, specifier, target });
  }
  return found;
}

/** Every TypeScript file under the given root folders (skipping node_modules and build output). */
export function sourceFiles(repoRoot: string, roots: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (relative: string): void => {
    const absolute = path.join(repoRoot, relative);
    if (!fs.existsSync(absolute)) return;
    if (fs.statSync(absolute).isFile()) {
      if (relative.endsWith(".ts")) files.push(relative);
      return;
    }
    for (const entry of fs.readdirSync(absolute)) {
      if (entry === "node_modules" || entry === "dist") continue;
      walk(path.posix.join(relative, entry));
    }
  };
  roots.forEach(walk);
  return files.sort();
}

/** Every import in the repository that breaks {@link ALLOWED_IMPORTS}. */
export function repositoryViolations(repoRoot: string): ImportViolation[] {
  return sourceFiles(repoRoot, Object.keys(ALLOWED_IMPORTS)).flatMap((file) =>
    violationsIn(file, fs.readFileSync(path.join(repoRoot, file), "utf8")),
  );
}
