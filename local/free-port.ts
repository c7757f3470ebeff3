/** Picks a free TCP port on the loopback interface. */
import { createServer } from "node:net";

/** A port that was free on 127.0.0.1 a moment ago (the OS's ephemeral choice). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
