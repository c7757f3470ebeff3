/**
 * Starting the model server programmatically (the `serve` entrypoint, local mode and the benchmarks use
 * this): load the model, listen, start loading tags in the background.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Admission, DEFAULT_MAX_CONCURRENT_INVOCATIONS, DEFAULT_MAX_QUEUED_INVOCATIONS } from "./admission";
import type { Settings } from "./config";
import type { InferenceHandler } from "./handler";
import { INVOCATION_TIMEOUT_MS, invocationRoute } from "./invocations";
import { createLogger, type Logger } from "./log";
import { loadModel, modelNotLoadedRoute } from "./model-loading";
import { pingRoute } from "./ping";
import { sampleHandler } from "./sample/handler";
import { createInferenceServer, type DrainReport } from "./server";
import type { MetricSink } from "./metrics/publisher";
import { createTagSource } from "./tags/tag-source";
import type { TagProvider } from "./tags/tag-provider";
import { createTelemetry } from "./telemetry";

/** Optional parts of a server. */
export interface StartOptions {
  /** The model server's steps (default: the sample handler, `model.onnx` or `model.json` by the model directory). */
  readonly handler?: InferenceHandler;
  /** Where logs go (default: JSON lines on stdout at `settings.logLevel`); the server binds the deployment fields to it. */
  readonly log?: Logger;
  /** Where metrics go instead of CloudWatch's PutMetricData (tests; default: the CloudWatch client). */
  readonly metricSink?: MetricSink;
  /** Deadline for one invocation in milliseconds (default 60 000, SageMaker's). */
  readonly invocationTimeoutMs?: number;
  /** Where the tags come from (default: a cache over the control plane per `settings`, or off). */
  readonly tags?: TagProvider;
  /** Invocations run at once (default 1); more wait in a queue. */
  readonly maxConcurrentInvocations?: number;
  /** Invocations that may wait for a slot (default 256); more are refused with 503 and `Retry-After`. */
  readonly maxQueuedInvocations?: number;
}

/** A listening model server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080` (a wildcard host is reported as 127.0.0.1). */
  readonly url: string;
  /** The port listened on (useful with `port: 0`). */
  readonly port: number;
  /** The deployment's tags. */
  readonly tags: TagProvider;
  /** The server's logger: every line carries the deployment fields. */
  readonly log: Logger;
  /** Requests being handled right now. */
  inFlight(): number;
  /**
   * Graceful stop: no new connections, requests already received (or arriving on open connections)
   * finish, keep-alive connections close between requests, and after `deadlineMs` (default: no
   * deadline) what is left is cut. Then a running tag load is aborted, not awaited, and the SageMaker
   * client released, and the metrics are published one last time. Resolves with what was answered and cut once nothing is left open.
   */
  close(deadlineMs?: number): Promise<DrainReport>;
}

/**
 * Loads the model and starts listening on `settings.host:settings.port`. A model that does not load is
 * logged, and the server answers `/ping` and `/invocations` with 503 (see `model-loading.ts`).
 */
export async function startServer(settings: Settings, options: StartOptions = {}): Promise<RunningServer> {
  const telemetry = createTelemetry(settings, options.log ?? createLogger(settings.logLevel), options.metricSink);
  const { log } = telemetry;
  const handler = options.handler ?? sampleHandler;
  const loaded = await loadModel(handler, settings.modelDir, log);
  const tags = options.tags ?? createTagSource(settings, log, telemetry.observe, telemetry.controlPlaneCall);
  const notLoaded = loaded.ok ? null : modelNotLoadedRoute(loaded.reason);
  const http = createInferenceServer(
    {
      "/ping": { GET: notLoaded ?? pingRoute(tags, settings.tagsRequired) },
      "/invocations": {
        POST: notLoaded ?? invocationRoute({
          handler,
          model: loaded.ok ? loaded.model : undefined,
          tags,
          endpointName: settings.endpointName,
          variantName: settings.variantName,
          fleet: settings.fleet,
          exposedTagKeys: settings.exposedTagKeys,
          tagsRequired: settings.tagsRequired,
          timeoutMs: options.invocationTimeoutMs ?? INVOCATION_TIMEOUT_MS,
          log,
          telemetry,
          logSampleRate: settings.logSampleRate,
          admission: new Admission(
            options.maxConcurrentInvocations ?? DEFAULT_MAX_CONCURRENT_INVOCATIONS,
            options.maxQueuedInvocations ?? DEFAULT_MAX_QUEUED_INVOCATIONS,
          ),
        }),
      },
    },
    log,
  );
  try {
    await listen(http.server, settings.port, settings.host);
  } catch (err) {
    await tags.close();
    await telemetry.close();
    throw err;
  }
  tags.start();
  telemetry.start();
  const { port } = http.server.address() as AddressInfo;
  const host = settings.host === "0.0.0.0" || settings.host === "::" ? "127.0.0.1" : settings.host;
  log.info("listening", {
    host: settings.host,
    port,
    endpointName: settings.endpointName,
    modelName: settings.fleet?.modelName ?? null,
    tagCacheTtlSeconds: settings.tagCacheTtlSeconds,
    tagsRequired: settings.tagsRequired,
    exposedTagKeys: settings.exposedTagKeys,
    metrics: settings.metrics === null ? "off" : { namespace: settings.metrics.namespace, dimensions: settings.metrics.dimensions, intervalSeconds: settings.metrics.intervalMs / 1000 },
    logSampleRate: settings.logSampleRate,
  });
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    tags,
    log,
    inFlight: http.inFlight,
    close: async (deadlineMs = Infinity) => {
      const report = await http.drain(deadlineMs);
      await tags.close();
      const metrics = await telemetry.close();
      if (metrics !== null) log.info("metrics published", { ...metrics });
      return report;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
