/**
 * DEMO-ONLY signing keys, shared by every issuer emulator: see lib/oidc-issuer/demo-keys.ts. These
 * private keys are PUBLIC; never trust them outside trustwalk's simulations.
 */
export { DEMO_KEYS } from '../oidc-issuer/demo-keys.js'
