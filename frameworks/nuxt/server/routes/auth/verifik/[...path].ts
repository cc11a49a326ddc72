// getRequestIP(event) is the socket's peer. `xForwardedFor` stays off: h3 would then take the header's
// first entry, which the client wrote when a proxy only appends to it. Behind a proxy of yours, pass
// the address it sets instead (see getClientAddress); with no peer (a Unix socket) there is none, and
// the handler refuses sends and confirms.
export default defineEventHandler((event) =>
  getAuth().handler(toWebRequest(event), { clientAddress: getRequestIP(event) }),
);
