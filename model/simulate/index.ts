/**
 * Policy simulation: evaluates a request against the SCPs and RCPs that reach an account, as AWS
 * applies them. The IAM engine (AGPL-3.0-or-later) is linked only from ./engine.ts.
 */
export * from './types';
export { simulate, simulatorFor, checkAction, Simulator } from './simulator';
export { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS, simulatedAccountId } from './chain';
export { DEFAULT_ROLE_NAME } from './principal';
export { isKnownRegion } from '../regions';
export { buildMatrix, defaultActions, matrixRegions, readActionList, MATRIX_ACTIONS_FILE, type MatrixOptions, type Matrix, type MatrixCell } from './matrix';
