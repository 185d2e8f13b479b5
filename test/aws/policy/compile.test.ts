import { describe, expect, it } from 'vitest'
import { compiledPolicyFor } from '../../../lib/aws/policy/compile.js'

/** A valid trust policy of about `chars` characters, distinct per `n`. */
function bigPolicy(n: number, chars: number): string {
  const values = Array.from(
    { length: Math.ceil(chars / 40) },
    (_, i) => `repo:octo-org/repo-${n}-${i}:ref:refs/heads/main`,
  )
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': values } },
      },
    ],
  })
}

describe('compiledPolicyFor', () => {
  it('reuses the compiled form of the same text', () => {
    const text = bigPolicy(-1, 500)
    expect(compiledPolicyFor(text)).toBe(compiledPolicyFor(text))
  })

  it('bounds the text cache by total size, not only by count', () => {
    // Twenty distinct 200,000-character policies are 4 M characters: more than the cache holds
    // (2 Mi characters), though far fewer than its 256 entries, so the first is evicted.
    const texts = Array.from({ length: 20 }, (_, n) => bigPolicy(n, 200_000))
    expect(texts[0]!.length).toBeGreaterThan(200_000)
    const first = compiledPolicyFor(texts[0]!)
    expect(compiledPolicyFor(texts[0]!)).toBe(first)
    for (const text of texts.slice(1)) compiledPolicyFor(text)
    expect(compiledPolicyFor(texts[0]!)).not.toBe(first)
    // The newest is still cached.
    expect(compiledPolicyFor(texts.at(-1)!)).toBe(compiledPolicyFor(texts.at(-1)!))
  })

  it('never caches a text larger than any role can hold', () => {
    const huge = bigPolicy(99, 300_000)
    expect(compiledPolicyFor(huge)).not.toBe(compiledPolicyFor(huge))
  })
})
