/**
 * The shell commands of the documentation's fenced blocks and what is wrong with them: an npm script
 * package.json does not have, a flag (or value) the command's option table refuses, an AWS CLI
 * operation the SDK does not know.
 */
import { parseFlags, type FlagTable } from "../../base/parse-flags";

/** One simple command of a fenced shell block. */
export interface DocCommand {
  /** Where it is written: `file:line` of its first line. */
  where: string;
  /** Its words, quotes removed, leading `VAR=value` assignments dropped. */
  words: string[];
}

/** Fence languages whose blocks hold shell commands; in `console` blocks only `$ ` lines are commands. */
const SHELL_FENCES = new Set(["bash", "sh", "shell", "console"]);

/** The commands of `markdown`'s shell blocks (`file` names it in {@link DocCommand.where}). */
export function fencedCommands(markdown: string, file: string): DocCommand[] {
  const commands: DocCommand[] = [];
  let fence: string | undefined; // the language of the open block
  let pending: { line: number; text: string } | undefined; // a command continued with a trailing backslash
  markdown.split("\n").forEach((raw, index) => {
    const opening = /^\s*```\s*(\S*)\s*$/.exec(raw);
    if (opening) {
      fence = fence === undefined ? opening[1] : undefined;
      pending = undefined;
      return;
    }
    if (fence === undefined || !SHELL_FENCES.has(fence)) return;
    let text = raw.trim();
    if (pending === undefined) {
      if (fence === "console") {
        if (!text.startsWith("$ ")) return;
        text = text.slice(2);
      }
      pending = { line: index + 1, text: "" };
    }
    pending.text += ` ${text}`;
    if (text.endsWith("\\")) {
      pending.text = pending.text.slice(0, -1);
      return;
    }
    for (const words of simpleCommands(pending.text)) commands.push({ where: `${file}:${pending.line}`, words });
    pending = undefined;
  });
  return commands;
}

/** The simple commands of one shell line: words split at `&&`, `||`, `|` and `;`, comments and quotes removed. */
export function simpleCommands(line: string): string[][] {
  const commands: string[][] = [[]];
  const token = /\s*(?:(&&|\|\||[|;&])|(#.*)|((?:\$'(?:[^'\\]|\\.)*'|'[^']*'|"(?:[^"\\]|\\.)*"|[^\s'"|;&#]+|#)+))/gy;
  for (const match of line.matchAll(token)) {
    if (match[1]) commands.push([]);
    else if (match[3]) commands[commands.length - 1].push(unquote(match[3]));
  }
  return commands
    .map((words) => words.slice(words.findIndex((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word))))
    .filter((words) => words.length > 0 && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]));
}

function unquote(word: string): string {
  return word.replace(/\$'((?:[^'\\]|\\.)*)'|'([^']*)'|"((?:[^"\\]|\\.)*)"/g, (_, ansi?: string, single?: string, double?: string) =>
    ansi ?? single ?? double?.replace(/\\(["\\$`])/g, "$1") ?? "",
  );
}

/** What the checks know: package.json's scripts, the option table of each command, the SDK's operations. */
export interface CommandRules {
  /** Script names of package.json. */
  scripts: readonly string[];
  /** The option table behind an npm script (`start`, `bench`, ...) or a TypeScript entry run with `npx ts-node`. */
  optionTables: Readonly<Record<string, FlagTable>>;
  /** For an AWS CLI service (`sagemaker`), the names its SDK client exports (`ListTagsCommand`, ...). */
  awsServices: Readonly<Record<string, readonly string[]>>;
}

/** What is wrong with `command` (empty: nothing, or not a command these checks read). */
export function commandProblems(command: DocCommand, rules: CommandRules): string[] {
  const [program, ...rest] = command.words;
  if (program === "npm") return npmProblems(rest, rules);
  if (program === "npx" && rest[0] === "ts-node") {
    const entry = rest.findIndex((word) => word.endsWith(".ts"));
    const table = entry < 0 ? undefined : rules.optionTables[rest[entry]];
    return table ? flagProblems(rest[entry], rest.slice(entry + 1), table) : [];
  }
  if (program === "aws") return awsProblems(rest, rules);
  return [];
}

/** npm sub-commands that run no script of ours. */
const NPM_BUILTINS = new Set(["ci", "install"]);

function npmProblems(args: string[], rules: CommandRules): string[] {
  const [subcommand, ...rest] = args;
  if (NPM_BUILTINS.has(subcommand)) return [];
  let script: string | undefined;
  let scriptArgs: string[];
  if (subcommand === "start" || subcommand === "test") {
    script = subcommand;
    scriptArgs = rest;
  } else if (subcommand === "run" || subcommand === "run-script") {
    const at = rest.findIndex((word) => !word.startsWith("-"));
    script = rest[at];
    scriptArgs = rest.slice(at + 1);
  } else {
    return [`npm ${subcommand}: not a script command these docs should use`];
  }
  if (script === undefined) return ["npm run without a script name"];
  if (!rules.scripts.includes(script)) return [`npm script "${script}" is not in package.json`];
  const table = rules.optionTables[script];
  const separator = scriptArgs.indexOf("--");
  if (table === undefined || separator < 0) return [];
  return flagProblems(`npm script "${script}"`, scriptArgs.slice(separator + 1), table);
}

function flagProblems(what: string, args: string[], table: FlagTable): string[] {
  try {
    parseFlags(args, table);
    return [];
  } catch (error) {
    return [`${what}: ${(error as Error).message}`];
  }
}

/** `aws <service> <operation>` must be an SDK command, `aws <service> wait <waiter>` an SDK `waitUntil<Waiter>`. */
function awsProblems(args: string[], rules: CommandRules): string[] {
  const [service, operation, waiter = ""] = args;
  const exported = rules.awsServices[service];
  if (exported === undefined) return [`aws ${service}: no SDK client to check it against`];
  const [words, name] = operation === "wait" ? [`wait ${waiter}`, `waitUntil${pascalCase(waiter)}`] : [operation, `${pascalCase(operation)}Command`];
  return exported.includes(name) ? [] : [`aws ${service} ${words}: the SDK has no ${name}`];
}

/** `list-tags` -> `ListTags`. */
function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
}
