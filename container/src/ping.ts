/**
 * `GET /ping`, SageMaker's health check (2 s timeout on its side). It never waits on the control plane:
 * 200 at once, or 503 while `TAGS_REQUIRED` holds readiness until tags first load.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "./errors";
import { sendError, sendJson } from "./respond";
import type { TagProvider } from "./tags/tag-provider";

/** The listener for `GET /ping`. */
export function pingRoute(tags: TagProvider, tagsRequired: boolean): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    if (tagsRequired && !tags.isReady()) {
      sendError(res, new HttpError(503, "TagsNotLoaded", "not ready: tags are required (TAGS_REQUIRED=true) and have not loaded yet"));
    } else {
      sendJson(res, 200, { status: "healthy" });
    }
  };
}
