/**
 * What `trustwalk serve --issuer NAME` prints when it is ready: the issuer it stands in for, the
 * environment that platform's job would have, and an AWS CLI command to try.
 */
import type { Style } from '../terminal.js'
import type { RunningIssuerEmulators } from '../issuer-emulators.js'
import { shellQuote } from './serve-banner.js'

/** The banner: facts first, then the environment and commands to paste. */
export function issuerServeBanner(emulators: RunningIssuerEmulators, style: Style): string[] {
  const { issuer, sts, roleArn, env, scenario, profile, standsFor, platformEnv } = emulators
  const prefix = issuer.replace(/^https?:\/\//, '')
  const exports = (names: string[]) =>
    names.map((k) => `  export ${k}=${shellQuote(String(env[k]))}`)
  const endpoint = `--endpoint-url ${shellQuote(sts)} --region ${shellQuote(env.AWS_REGION ?? 'us-east-1')}`
  return [
    `${style.bold('trustwalk serve')} — ${profile.name}, scenario ${style.bold(scenario.name)}${scenario.title ? `: ${scenario.title}` : ''}`,
    '',
    `  ${style.bold('Issuer')}    ${issuer}  ${style.dim(`(stands for ${standsFor})`)}`,
    `  ${style.bold('STS')}       ${sts}  ${style.dim('(AssumeRoleWithWebIdentity, GetCallerIdentity)')}`,
    `  ${style.bold('Role')}      ${roleArn}`,
    `  ${style.bold('Audience')}  ${emulators.audience ?? '(the platform default)'}`,
    '',
    style.yellow(
      '  Note: the issuer is plain HTTP on loopback — the one deviation from AWS, which requires an',
    ),
    style.yellow(
      `  https provider URL. Condition keys therefore read ${prefix}:sub, ${prefix}:aud, …`,
    ),
    '',
    style.bold(`How ${profile.name} hands the job its token:`),
    `  ${profile.tokenDelivery.summary}`,
    '',
    style.bold(`The environment a ${profile.name} job would have:`),
    ...exports(platformEnv),
    '',
    style.bold('And for the AWS SDK and CLI (a token file the emulators keep fresh):'),
    ...exports(Object.keys(env).filter((k) => !platformEnv.includes(k))),
    '',
    style.bold('Then the AWS CLI: assume the role with the token file, and ask STS who you are:'),
    `  aws sts assume-role-with-web-identity ${endpoint} --role-arn ${shellQuote(roleArn)} --role-session-name ${shellQuote(env.AWS_ROLE_SESSION_NAME ?? 'trustwalk')} --web-identity-token ${shellQuote(`file://${env.AWS_WEB_IDENTITY_TOKEN_FILE ?? ''}`)}`,
    '',
    style.dim(
      `Every STS request is logged on standard error. Ctrl-C stops the emulators. (STS: ${sts})`,
    ),
  ]
}
