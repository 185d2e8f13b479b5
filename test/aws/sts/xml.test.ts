import { parseXML } from '@aws-sdk/xml-builder'
import { describe, expect, it } from 'vitest'
import type { AssumeRoleWithWebIdentityResult } from '../../../lib/core/trace.js'
import {
  assumeRoleWithWebIdentityXml,
  errorResponseXml,
  escapeXml,
  getCallerIdentityXml,
  STS_NAMESPACE,
} from '../../../lib/aws/sts/xml.js'

// Parsed back with the AWS SDK's own XML parser, the one that reads real STS answers.
const result: AssumeRoleWithWebIdentityResult = {
  Credentials: {
    AccessKeyId: 'ASIA2AVYNEVM4ZT5P2UW',
    SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    SessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE+/=',
    Expiration: '2026-10-08T19:31:15Z',
  },
  SubjectFromWebIdentityToken: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  AssumedRoleUser: {
    Arn: 'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions',
    AssumedRoleId: 'AROA2AVYNEVMZEZ2AFVYI:GitHubActions',
  },
  Provider: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
  Audience: 'sts.amazonaws.com',
}

describe('STS XML', () => {
  it('AssumeRoleWithWebIdentityResponse has the documented elements and namespace', () => {
    const xml = assumeRoleWithWebIdentityXml(result, 'ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE')
    expect(xml).toMatch(
      new RegExp(`^<AssumeRoleWithWebIdentityResponse xmlns="${STS_NAMESPACE}">\\n`),
    )
    const doc = parseXML(xml) as Record<string, any>
    const r = doc.AssumeRoleWithWebIdentityResponse
    const body = r.AssumeRoleWithWebIdentityResult
    expect(body.SubjectFromWebIdentityToken).toBe(result.SubjectFromWebIdentityToken)
    expect(body.Audience).toBe('sts.amazonaws.com')
    expect(body.AssumedRoleUser).toEqual(result.AssumedRoleUser)
    expect(body.Credentials).toEqual(result.Credentials)
    expect(body.Provider).toBe(result.Provider)
    expect(body.PackedPolicySize).toBeUndefined()
    expect(body.SourceIdentity).toBeUndefined()
    expect(r.ResponseMetadata.RequestId).toBe('ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE')
  })

  it('PackedPolicySize and SourceIdentity appear only when present', () => {
    const xml = assumeRoleWithWebIdentityXml(
      { ...result, PackedPolicySize: 6, SourceIdentity: 'octocat' },
      'r',
    )
    const body = (parseXML(xml) as any).AssumeRoleWithWebIdentityResponse
      .AssumeRoleWithWebIdentityResult
    expect(body.PackedPolicySize).toBe('6')
    expect(body.SourceIdentity).toBe('octocat')
  })

  it('ErrorResponse: Type, Code, Message inside Error; RequestId beside it', () => {
    const xml = errorResponseXml(
      { code: 'InvalidIdentityToken', message: 'Incorrect token audience', status: 400 },
      '1fd1964b-1544-11ea-ba37-99c3c1dede42',
    )
    const doc = (parseXML(xml) as any).ErrorResponse
    expect(doc.Error).toEqual({
      Type: 'Sender',
      Code: 'InvalidIdentityToken',
      Message: 'Incorrect token audience',
    })
    expect(doc.RequestId).toBe('1fd1964b-1544-11ea-ba37-99c3c1dede42')
    expect(xml).toContain(`<ErrorResponse xmlns="${STS_NAMESPACE}">`)
  })

  it('a 5xx error is of Type Receiver', () => {
    const doc = (
      parseXML(errorResponseXml({ code: 'InternalFailure', message: 'x', status: 500 }, 'r')) as any
    ).ErrorResponse
    expect(doc.Error.Type).toBe('Receiver')
  })

  it('GetCallerIdentityResponse', () => {
    const xml = getCallerIdentityXml(
      {
        UserId: 'AROA2AVYNEVMZEZ2AFVYI:GitHubActions',
        Account: '123456789012',
        Arn: result.AssumedRoleUser.Arn,
      },
      'req',
    )
    const doc = (parseXML(xml) as any).GetCallerIdentityResponse
    expect(doc.GetCallerIdentityResult).toEqual({
      UserId: 'AROA2AVYNEVMZEZ2AFVYI:GitHubActions',
      Account: '123456789012',
      Arn: result.AssumedRoleUser.Arn,
    })
    expect(doc.ResponseMetadata.RequestId).toBe('req')
  })

  it('escapes markup and replaces characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    )
    expect(escapeXml('bad\u0001char')).toBe('bad\uFFFDchar')
    expect(escapeXml('lone \uD800 surrogate')).toBe('lone \uFFFD surrogate')
    expect(escapeXml('only ">"')).toBe('only &quot;&gt;&quot;')
    const plain = 'IQoJb3JpZ2luX2Vj/+= ASIA… 😀 tab\there'
    expect(escapeXml(plain)).toBe(plain)
    const message = "Value 'a<b>&\u0002' at 'roleSessionName' failed"
    const doc = (
      parseXML(errorResponseXml({ code: 'ValidationError', message, status: 400 }, 'r')) as any
    ).ErrorResponse
    expect(doc.Error.Message).toBe("Value 'a<b>&\uFFFD' at 'roleSessionName' failed")
  })
})
