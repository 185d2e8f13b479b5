/**
 * What `trustwalk serve` prints when it is ready: the URLs, the role, the environment a job needs,
 * and `aws` and `node` commands that can be pasted into another terminal as they are.
 */
import type { Style } from '../terminal.js'
import type { RunningEmulators } from '../emulators.js'

/** Quote a word for POSIX sh (single quotes, safe for any value). */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

/**
 * The AWS CLI in two commands (after `trustwalk serve`): assume the role with the token file the
 * emulators keep fresh, exporting the credentials, then ask STS who we are. Endpoint and region
 * are passed as options so that any AWS CLI version works (AWS_ENDPOINT_URL_STS needs 2.13+).
 */
export function awsCliCommands(emulators: RunningEmulators): string[] {
  const { env, sts } = emulators
  const endpoint = `--endpoint-url ${shellQuote(sts)} --region ${shellQuote(env.AWS_REGION)}`
  const query = "--query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text"
  const token = env.AWS_WEB_IDENTITY_TOKEN_FILE
    ? `file://${env.AWS_WEB_IDENTITY_TOKEN_FILE}`
    : '"$TOKEN"'
  return [
    `export $(printf 'AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_SESSION_TOKEN=%s' $(aws sts assume-role-with-web-identity ${endpoint} --role-arn ${shellQuote(env.AWS_ROLE_ARN)} --role-session-name ${shellQuote(env.AWS_ROLE_SESSION_NAME)} --web-identity-token ${shellQuote(token)} ${query}))`,
    `aws sts get-caller-identity ${endpoint}`,
  ]
}

/**
 * A job in Node with no dependencies: ask the runner's token endpoint for a token (as
 * `@actions/core` getIDToken does), then call AssumeRoleWithWebIdentity on STS.
 */
export const NODE_JOB = [
  `node --input-type=module -e "`,
  `const env = process.env`,
  `const res = await fetch(env.ACTIONS_ID_TOKEN_REQUEST_URL + '&audience=sts.amazonaws.com', { headers: { authorization: 'bearer ' + env.ACTIONS_ID_TOKEN_REQUEST_TOKEN } })`,
  `const { value } = await res.json()`,
  `const sts = await fetch(env.AWS_ENDPOINT_URL_STS, { method: 'POST', body: new URLSearchParams({ Action: 'AssumeRoleWithWebIdentity', Version: '2011-06-15', RoleArn: env.AWS_ROLE_ARN, RoleSessionName: env.AWS_ROLE_SESSION_NAME, WebIdentityToken: value }) })`,
  `console.log(sts.status, await sts.text())"`,
]

/** The banner: facts first, then commands to paste. */
export function serveBanner(emulators: RunningEmulators, style: Style): string[] {
  const { issuer, sts, roleArn, env, scenario } = emulators
  const host = issuer.replace(/^https?:\/\//, '')
  const exports = Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(String(v))}`)
  return [
    `${style.bold('trustwalk serve')} — scenario ${style.bold(scenario.name)}${scenario.title ? `: ${scenario.title}` : ''}`,
    '',
    `  ${style.bold('GitHub issuer')}  ${issuer}  ${style.dim('(/.well-known/openid-configuration, /.well-known/jwks, token endpoint)')}`,
    `  ${style.bold('STS')}            ${sts}  ${style.dim('(AssumeRoleWithWebIdentity, GetCallerIdentity)')}`,
    `  ${style.bold('Role')}           ${roleArn}`,
    `  ${style.bold('Audience')}       ${emulators.audience ?? '(none: GitHub uses https://github.com/OWNER)'}`,
    '',
    style.yellow(
      `  Note: the issuer is plain HTTP on loopback — the one deviation from AWS, which requires an`,
    ),
    style.yellow(
      `  https provider URL. Trust-policy condition keys therefore read ${host}:sub, ${host}:aud, …`,
    ),
    '',
    style.bold('The environment a job needs (paste into another terminal):'),
    ...exports.map((e) => `  ${e}`),
    '',
    style.bold('Then the AWS CLI, in two commands: assume the role, and ask STS who you are:'),
    ...awsCliCommands(emulators).map((c) => `  ${c}`),
    '',
    style.bold(
      'Or a job in Node (no dependencies): get a token as @actions/core does, then call STS:',
    ),
    ...NODE_JOB.map((line, i) => `  ${i === 0 || i === NODE_JOB.length ? '' : '  '}${line}`),
    '',
    style.dim(
      `Every STS request is logged on standard error. Ctrl-C stops the emulators. (STS: ${sts})`,
    ),
  ]
}
