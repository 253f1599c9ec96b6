/**
 * Calls the lab of the page at `pageUrl` over its WebSocket, as the page does: for reading what a
 * test cannot see on the page.
 */
export async function callLab(pageUrl: string, method: string, params: unknown): Promise<unknown> {
  const page = new URL(pageUrl);
  const socket = new WebSocket(`ws://${page.host}/rpc?token=${page.searchParams.get('token')}`);
  await new Promise((opened, failed) => {
    socket.onopen = opened;
    socket.onerror = failed;
  });
  type Answer = { id?: number; result?: unknown; error?: { message: string } };
  const reply = await new Promise<Answer>((answered) => {
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as Answer;
      if (message.id === 1) answered(message);
    };
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }));
  });
  socket.close();
  if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
  return reply.result;
}
