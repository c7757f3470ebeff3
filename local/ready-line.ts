/**
 * The start of the line local mode prints once the endpoint answers; tools that start local mode as a
 * child process (the integration suite) wait for it.
 */
export const READY_LINE = "Local mode is ready:";
