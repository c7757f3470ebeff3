/**
 * Reading IAM policy documents as the policies see them: a JSON string (`JSON.stringify(...)`,
 * `getPolicyDocument(...).json`) or an object (`aws.iam.PolicyDocument`). Pure functions, no I/O.
 */

/** One statement of a policy document, with the element names AWS uses (each may be a string or a list). */
export interface PolicyStatement {
    /** Optional statement id. */
    Sid?: unknown;
    /** `Allow` or `Deny`. */
    Effect?: unknown;
    /** Action patterns the statement covers, e.g. `sagemaker:ListTags`, `sagemaker:Describe*`, `*`. */
    Action?: unknown;
    /** Action patterns the statement covers all actions except. */
    NotAction?: unknown;
    /** Resource ARNs (or patterns) the statement covers. */
    Resource?: unknown;
    /** Resource ARNs the statement covers all resources except. */
    NotResource?: unknown;
    /** Who may assume a role (trust policies only), e.g. `{ Service: "sagemaker.amazonaws.com" }`. */
    Principal?: unknown;
}

/** A policy document's statements, or why it could not be read. */
export type ReadDocument = { statements: PolicyStatement[] } | { error: string };

const SAGEMAKER_SERVICE = "sagemaker";

/** Reads a policy document given as a JSON string or an object; `Statement` may be one object or a list. */
export function readPolicyDocument(document: unknown): ReadDocument {
    let parsed: unknown = document;
    if (typeof document === "string") {
        try {
            parsed = JSON.parse(document);
        } catch {
            return { error: "is not valid JSON" };
        }
    }
    if (typeof parsed !== "object" || parsed === null) {
        return { error: "is not a JSON object" };
    }
    const statement = (parsed as { Statement?: unknown }).Statement;
    const statements = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
    if (statements.some((s) => typeof s !== "object" || s === null)) {
        return { error: "has a Statement that is not an object" };
    }
    return { statements: statements as PolicyStatement[] };
}

/** A statement element as a list of strings (AWS allows a single string or a list). */
export function elementList(value: unknown): string[] {
    if (typeof value === "string") {
        return [value];
    }
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Whether an IAM wildcard pattern (`*`, `?`) matches `text`, ignoring case as IAM does for actions. */
function globMatches(pattern: string, text: string): boolean {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${source}$`, "i").test(text);
}

/** Whether an action pattern covers some SageMaker action (`*`, `sagemaker:X`, `sage*:*` ...). */
function coversSageMaker(actionPattern: string): boolean {
    const service = actionPattern.includes(":") ? actionPattern.slice(0, actionPattern.indexOf(":")) : actionPattern;
    return globMatches(service, SAGEMAKER_SERVICE);
}

/** Whether an action pattern covers every SageMaker action (`*`, `sagemaker:*`). */
function coversAllOfSageMaker(actionPattern: string): boolean {
    return coversSageMaker(actionPattern) && (actionPattern === "*" || actionPattern.endsWith(":*"));
}

/**
 * How an `Allow` statement grants SageMaker actions: the matching `Action` patterns, or one entry that
 * describes a `NotAction` that leaves SageMaker actions allowed. Empty for `Deny` and non-SageMaker statements.
 */
export function sageMakerActionsAllowed(statement: PolicyStatement): string[] {
    if (statement.Effect !== "Allow") {
        return [];
    }
    if (statement.NotAction !== undefined) {
        const excluded = elementList(statement.NotAction);
        return excluded.some(coversAllOfSageMaker) ? [] : [`every action except ${excluded.join(", ")}`];
    }
    return elementList(statement.Action).filter(coversSageMaker);
}

/**
 * The wildcard resources of a statement: `Resource` entries with `*` or `?`, or one entry that
 * describes a `NotResource` (which covers everything else).
 */
export function wildcardResources(statement: PolicyStatement): string[] {
    if (statement.NotResource !== undefined) {
        return [`every resource except ${elementList(statement.NotResource).join(", ")}`];
    }
    return elementList(statement.Resource).filter((r) => /[*?]/.test(r));
}

/** Whether a trust policy lets `service` (e.g. `sagemaker.amazonaws.com`) assume the role. */
export function trustsService(document: unknown, service: string): boolean {
    const read = readPolicyDocument(document);
    if ("error" in read) {
        return false;
    }
    return read.statements.some((s) => {
        const principal = s.Principal;
        const services =
            typeof principal === "object" && principal !== null ? elementList((principal as { Service?: unknown }).Service) : [];
        return s.Effect === "Allow" && services.includes(service);
    });
}

/** A short name for statement `index` (0-based) in messages: `statement 2 ("ReadTags")`. */
export function statementLabel(statement: PolicyStatement, index: number): string {
    return typeof statement.Sid === "string" && statement.Sid !== ""
        ? `statement ${index + 1} ("${statement.Sid}")`
        : `statement ${index + 1}`;
}
