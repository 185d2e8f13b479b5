/**
 * The floor plan (DESIGN.md "The floors"), checked by dependency-cruiser on every `npm test`:
 *
 *   lib/core                      ground: imports nothing of ours
 *   lib/github (+ one folder per  the two sides: the identity-provider side (every folder that is
 *   other CI issuer) | lib/aws    not named below) and the relying party; neither imports the other
 *   lib/handshake, audit,         stories: both sides and core, and each other without cycles
 *     explain, workshop
 *   lib/node, site/               surfaces: render what the library decided
 *
 * Only lib/node may use Node's own modules (the rest runs in the browser too), and site/ reaches
 * the library only through its public API, lib/index.ts.
 */
/** Every lib folder that is not one of the named floors is an identity-provider (issuer) side. */
const ISSUER_SIDE = '^lib/(?!(core|aws|handshake|audit|explain|workshop|node)/)[^/]+/'
const SIDES = `^lib/aws/|${ISSUER_SIDE}`
const STORIES = '^lib/(handshake|audit|explain|workshop)/'

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules are one concept split in two, or a floor is upside down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-nothing-of-ours',
      severity: 'error',
      comment:
        'lib/core is the ground floor: errors, clock, the Trace types, the network, base64url.',
      from: { path: '^lib/core/' },
      to: { path: '^(lib|site)/', pathNot: '^lib/core/' },
    },
    {
      name: 'issuers-never-import-aws',
      severity: 'error',
      comment: 'The identity-provider side knows nothing of the relying party (DESIGN.md).',
      from: { path: ISSUER_SIDE },
      to: { path: '^lib/aws/' },
    },
    {
      name: 'aws-never-imports-an-issuer',
      severity: 'error',
      comment:
        'AWS only ever sees a token string and what it fetches from the issuer URL (DESIGN.md).',
      from: { path: '^lib/aws/' },
      to: { path: '^lib/', pathNot: '^lib/(aws|core)/' },
    },
    {
      name: 'sides-stay-below-the-stories',
      severity: 'error',
      comment: 'The two sides import only core and themselves; stories and surfaces build on them.',
      from: { path: SIDES },
      to: { path: `${STORIES}|^lib/node/|^lib/index\\.ts$|^site/` },
    },
    {
      name: 'stories-stay-below-the-surfaces',
      severity: 'error',
      comment:
        'walk(), the auditor, the diagnoses and the exercise harness never import a surface.',
      from: { path: STORIES },
      to: { path: '^lib/node/|^lib/index\\.ts$|^site/' },
    },
    {
      name: 'only-lib-node-uses-node-modules',
      severity: 'error',
      comment: 'Everything but lib/node runs in the browser as well.',
      from: { path: '^lib/', pathNot: '^lib/node/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'site-uses-the-public-api',
      severity: 'error',
      comment: 'The site renders what the library decided, through the package API (lib/index.ts).',
      from: { path: '^site/' },
      to: { path: '^lib/', pathNot: '^lib/index\\.ts$' },
    },
    {
      name: 'nothing-imports-the-site',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^site/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^dist|\\.d\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.astro'] },
  },
}
