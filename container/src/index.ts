/** The model server's public API, for programmatic use (local mode, benchmarks, custom handlers). */
export { ConfigError, loadSettings, type Environment, type Settings, type TagReading } from "./config";
export { HttpError, InvalidInputError, type ErrorBody } from "./errors";
export type { CustomAttributes } from "./custom-attributes";
export type { EncodedBody, InferenceHandler, InvocationContext } from "./handler";
export { invocationResponse, type DeploymentInfo, type InvocationResponse } from "./invocation-response";
export { createLogger, type Logger, type LogLevel } from "./log";
export { linearModelHandler, onnxModelHandler, sampleHandler } from "./sample/handler";
export { startServer, type RunningServer, type StartOptions } from "./start";
export type { TagLayers, TagMap } from "./tags/tag-layers";
export type { TagStatus } from "./tags/tag-provider";
export type { TagsView } from "./tags/tags-view";
