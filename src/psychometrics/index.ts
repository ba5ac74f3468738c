/**
 * Psychometrics engine (pure: no I/O). Classical test theory, the graded response model, and
 * computerized adaptive testing. Import from here in scoring, reports, the server and the CLI.
 */

export { CatBank, type CatItem } from './cat/bank.ts';
export { SELECTION_METHODS, type SelectionMethod } from './cat/select.ts';
export {
  answerCat,
  CatConstraintError,
  type CatOptions,
  CatSession,
  type CatState,
  catEstimate,
  nextCatItem,
  type ScaleEstimate,
  type ScaleTarget,
  type StopReason,
  startCat,
  stopCat,
} from './cat/session.ts';
export { type CatSimulation, simulateCat } from './cat/simulate.ts';
export { sympsonHetterParameters } from './cat/sympson-hetter.ts';
export { cronbachAlpha } from './classical/alpha.ts';
export { correlationFromCovariance, covarianceMatrix, type Matrix } from './classical/covariance.ts';
export { buildNorms, type NormsFile, percentileRank, type ScaleNorms, tScore } from './classical/norms.ts';
export { fitOneFactorMinres, omegaTotal } from './classical/omega.ts';
export { type ReliableChange, reliableChange } from './classical/reliable-change.ts';
export { reverseKey } from './classical/reverse-key.ts';
export { analyzeScale, type ItemStatistics, type ScaleAnalysis } from './classical/scale-analysis.ts';
export { standardErrorOfMeasurement } from './classical/sem.ts';
export {
  type CalibrationOptions,
  type CalibrationResult,
  calibrateGraded,
  DEFAULT_PRIORS,
} from './irt/calibrate.ts';
export { eapEstimate, scoreEap, type ThetaEstimate } from './irt/eap.ts';
export { categoryProbabilities, expectedScore, logCategoryProbability } from './irt/graded.ts';
export { itemInformation, testInformation } from './irt/information.ts';
export { mapEstimate } from './irt/map.ts';
export { normalQuadrature, type Quadrature } from './irt/quadrature.ts';
export { drawGradedResponse, simulateGradedResponses } from './irt/simulate.ts';
export { type GradedItem, MISSING, type ResponseMatrix } from './irt/types.ts';
export { Rng } from './random.ts';
