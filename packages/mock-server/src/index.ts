export type { ApiRoute } from './api-routes.js';
export { createMockApp, type MockApp, maxBodyBytes } from './app.js';
export type { AuthenticatorRegistry, DevAuthenticator } from './authenticator.js';
export type {
  AuthenticatorConfig,
  ClientDirectory,
  ClientRecord,
  MockAuthenticatorFields,
  MockAuthenticatorState,
  MockClients,
  MockEmailClient,
  MockPhoneClient,
} from './clients.js';
export { createMockDevClient, type MockDevClient, verifikRoutes } from './dev-client.js';
export { type Signature, signature } from './errors.js';
export type { FaultKind, FaultQueue, FaultSpec, PendingFault } from './faults.js';
export type { MockAppOptions, MockServerOptions, ResolvedOptions } from './options.js';
export type { RequestLog, RequestRecord } from './request-log.js';
export { type MockServer, startMockServer } from './server.js';
export type { MockEnv, MockState } from './state.js';
export type { Challenge, CodeCheck, InboxMessage, MockStore, PhoneGateway, StoreSizes } from './store.js';
export type { TokenIssuer } from './tokens.js';
export {
  answerDifferences,
  type ObservedAnswer,
  type RecordedAnswer,
  verifikAnswers,
} from './verifik-answers.js';
