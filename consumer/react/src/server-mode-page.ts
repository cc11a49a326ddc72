import { createLoginMachine, serverMode } from '@verifik-auth/core';

export const machine = createLoginMachine({ ...serverMode({ baseUrl: '/auth/verifik' }), autoRefresh: true });
// Or, in React and Vue, straight from the hook: useVerifikLogin(serverMode({ baseUrl: '/auth/verifik' }))
