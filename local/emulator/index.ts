/** The local SageMaker emulator: see emulator.ts and the README's emulator section. */
export { SageMakerEmulator } from "./emulator";
export type { EmulatorOptions } from "./options";
export type { FaultError, FaultSettings } from "./faults";
export type { CallCounts } from "./call-counter";
export { OPERATION_NAMES } from "./control-plane";
export { EMULATOR_CREDENTIALS, EMULATOR_CREDENTIAL_ENV } from "../../base/emulator-credentials";
export { seedDeployment, tagList } from "./seed";
export type { SeedOptions, SeededDeployment } from "./seed";
export type { RoleCredentials, RoleSpec, RoleSummary } from "./iam/roles";
export type { EnforcementStats } from "./iam/enforcer";
export type { IamDecision, IamRequest, NamedPolicy } from "./iam/evaluate";
export type { LoggedCall } from "./call-log";
