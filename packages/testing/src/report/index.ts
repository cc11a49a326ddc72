/**
 * The QA report: the login machine as a Mermaid flowchart coloured by path coverage, a
 * self-contained HTML page with the diagram, the paths and the drivers' results, and the README's
 * diagram kept in sync with the machine.
 * @module @verifik-auth/testing/report
 */
export {
  type CoverageCounts,
  coverageCounts,
  type FlowchartOptions,
  machineFlowchart,
} from './diagram.js';
export {
  escapeHtml,
  type HtmlReportInput,
  type HtmlReportOptions,
  htmlReport,
  renderHtmlReport,
  resolveMermaidBundle,
  writeHtmlReport,
} from './html.js';
export {
  readmeDiagram,
  readmeDiagramEnd,
  readmeDiagramStart,
  readReadmeDiagram,
  updateReadmeDiagram,
} from './readme.js';
export { reportedRuns } from './reported-runs.js';
export {
  type PathRunResult,
  type PathRunResults,
  type PathRunStatus,
  readResults,
  recordResults,
  resultsFileName,
  type StepRunResult,
  type StepRunStatus,
  screenshotPath,
} from './results.js';
