/** A text handler that echoes its input after a delay, for deadline, admission and socket tests. */
import type { InferenceHandler } from "../../../container/src/handler";
import { sleep } from "./http";

/** Echoes a `text/plain` body after `delayMs(input)` milliseconds in `predictFn`. */
export function slowEchoHandler(delayMs: (input: string) => number): InferenceHandler<null, string, string> {
  return {
    contentTypes: ["text/plain"],
    accepts: ["text/plain"],
    modelFn: () => null,
    inputFn: (body) => body.toString("utf8"),
    predictFn: async (input) => {
      await sleep(delayMs(input));
      return input;
    },
    outputFn: (prediction) => prediction,
  };
}
