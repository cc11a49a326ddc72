/**
 * The login path catalogue generated from the machine, and the drivers that run it against the core,
 * the mock server or a UI.
 * @module @verifik-auth/testing
 */
// the catalogue
export {
  type ActorOutcome,
  confirmOutput,
  type InputCase,
  inputCases,
  isAuthenticatorAnswer,
  journeyInputCases,
  type OutcomeCase,
  type OutcomeContext,
  outcomeCases,
  type PathActorName,
  type PathAuthenticatorAnswer,
  pathActorNames,
  pathAuthenticatorSetup,
  pathClockStart,
  pathInputs,
  pathMachineOptions,
  pathOtpTtlMs,
  pathSessionTtlMs,
  pathSignedInElsewhere,
  type SubmittedCode,
} from './cases.js';
export {
  catalogueUrl,
  expandExamples,
  generateCatalogue,
  getCoverage,
  getIgnoredEvents,
  getIgnoredPaths,
  getLoginPaths,
  getMachineStates,
  getMachineTransitions,
  type LoginPathOptions,
  loadCatalogue,
} from './catalogue.js';
export { diffCatalogues } from './catalogue-diff.js';
export { compareEffects, type EffectsComparison } from './effects.js';
export { controlsOf, expectedRequest, expectedStateOf, maskCode } from './expectation.js';
export { formatCoverage, formatGherkin, formatJson, formatMarkdown } from './format.js';
export { type Journey, journeys } from './journeys.js';
export { matchLabel } from './match-label.js';
export { CatalogueLimitError, defaultModelLimits, type ModelEvent, type ModelLimits } from './model.js';
export type {
  ApiRequest,
  Coverage,
  CoverageFigure,
  ExpectedState,
  IgnoredEvent,
  IgnoredInState,
  LoginCatalogue,
  LoginControl,
  LoginPath,
  MachineTransition,
  PathAction,
  PathActionType,
  PathExample,
  PathStep,
  PathStrategy,
  StepEffects,
} from './path.types.js';
export { createPathClock, type PathClock } from './path-clock.js';
// running paths
export {
  type Awaitable,
  assertObserved,
  compareState,
  describePath,
  type LoginPathDriver,
  type ObservedState,
  observeView,
  PathError,
  type PathRequirement,
  pathRequirements,
  runPath,
} from './run-path.js';
export {
  createCoreDriver,
  createScriptedDriver,
  type ScriptedDriverOptions,
  type UiBinding,
} from './scripted-driver.js';
export {
  createScriptedLogin,
  type ScriptedLogin,
  type ScriptedLoginOptions,
  type ScriptedServerMode,
  storedSessionValue,
} from './scripted-login.js';
export {
  abandonedCallHoldMs,
  createServerDriver,
  faultFor,
  faultsForStep,
  mintSessionToken,
  mockRoutes,
  type OutcomeRealizer,
  type PathFault,
  pathMockOptions,
  type ServerDriverMode,
  type ServerDriverOptions,
  storedSessionsOf,
} from './server-driver.js';
export {
  createHandlerTraffic,
  createServerModeDriver,
  type HandlerCall,
  type HandlerTraffic,
  listenOnLoopback,
  pathCallHeader,
  type ServerModeDriverOptions,
  serverModeCannotDrive,
} from './server-mode-driver.js';
export { pathTags } from './tags.js';
