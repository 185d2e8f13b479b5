/**
 * trustwalk: the GitHub Actions OIDC → AWS STS handshake, modelled step by step.
 * This file only re-exports the public API (see DESIGN.md).
 */
export * from './errors.js'
export * from './clock.js'
export * from './handshake/trace.js'
export * from './handshake/network.js'
export type { WorkflowRun } from './github/run.js'
export * from './aws/arn.js'
