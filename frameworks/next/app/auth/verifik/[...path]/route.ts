import { getAuth } from '@/lib/auth';

// Every route under /auth/verifik (the handler's default basePath), with the address getClientAddress reads.
const handler = (request: Request) => getAuth().handler(request);
export { handler as GET, handler as POST, handler as DELETE };
