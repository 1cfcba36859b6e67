// Starting and stopping the small HTTP servers the channels listen on (webhooks).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Listens and resolves with the bound port (port 0 picks a free one); a bind error rejects. */
export async function listen(server: Server, port: number, host?: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Stops accepting; requests in progress finish. Idle keep-alive sockets would hold close() open. */
export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
}
