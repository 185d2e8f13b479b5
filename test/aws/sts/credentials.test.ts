import { describe, expect, it } from 'vitest'
import {
  createSessionStore,
  issueCredentials,
  isoSeconds,
} from '../../../lib/aws/sts/credentials.js'
import { accessKeyId, accountFromKeyId, base32, roleId } from '../../../lib/aws/sts/ids.js'
import { cryptoRandom, randomUuid, seededRandom } from '../../../lib/aws/sts/random.js'

const NOW = new Date('2026-10-08T18:31:15.250Z')

describe('issueCredentials', () => {
  const creds = issueCredentials({
    accountId: '123456789012',
    now: NOW,
    durationSeconds: 3600,
    random: cryptoRandom,
  })

  it('AccessKeyId is ASIA + 16 uppercase alphanumerics', () => {
    expect(creds.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/)
  })

  it('SecretAccessKey is 40 characters of [A-Za-z0-9/+]', () => {
    expect(creds.SecretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/)
  })

  it('SessionToken is base64 starting IQoJb3JpZ2luX2Vj, like modern STS tokens', () => {
    expect(creds.SessionToken.startsWith('IQoJb3JpZ2luX2Vj')).toBe(true)
    expect(creds.SessionToken).toMatch(/^[A-Za-z0-9+/]+=*$/)
    expect(atob(creds.SessionToken).startsWith('!\n\torigin_ec')).toBe(true)
  })

  it('Expiration is now + DurationSeconds, ISO-8601 UTC without milliseconds', () => {
    expect(creds.Expiration).toBe('2026-10-08T19:31:15Z')
    const long = issueCredentials({
      accountId: '123456789012',
      now: NOW,
      durationSeconds: 43200,
      random: cryptoRandom,
    })
    expect(long.Expiration).toBe('2026-10-09T06:31:15Z')
  })

  it('is reproducible with seeded randomness and distinct otherwise', () => {
    const a = issueCredentials({
      accountId: '123456789012',
      now: NOW,
      durationSeconds: 900,
      random: seededRandom('s'),
    })
    const b = issueCredentials({
      accountId: '123456789012',
      now: NOW,
      durationSeconds: 900,
      random: seededRandom('s'),
    })
    const c = issueCredentials({
      accountId: '123456789012',
      now: NOW,
      durationSeconds: 900,
      random: seededRandom('t'),
    })
    expect(a).toEqual(b)
    expect(c.AccessKeyId).not.toBe(a.AccessKeyId)
    expect(c.SecretAccessKey).not.toBe(a.SecretAccessKey)
  })

  it('the access key id carries the account, as AWS key ids do', () => {
    expect(accountFromKeyId(creds.AccessKeyId)).toBe('123456789012')
  })
})

describe('ids', () => {
  it('decodes the account from a published real key id', () => {
    // https://awsteele.com/blog/2020/09/26/aws-access-key-format.html
    expect(accountFromKeyId('ASIAY34FZKBOKMUTVV7A')).toBe('609629065308')
  })

  it('role ids are AROA + 17, stable per account/path/name', () => {
    const id = roleId('123456789012', '/', 'deploy')
    expect(id).toMatch(/^AROA[A-Z2-7]{17}$/)
    expect(roleId('123456789012', '/', 'deploy')).toBe(id)
    expect(roleId('123456789012', '/', 'other')).not.toBe(id)
    expect(accountFromKeyId(id)).toBe('123456789012')
  })

  it('base32 follows RFC 4648 test vectors (no padding)', () => {
    const enc = (s: string) => base32(new TextEncoder().encode(s))
    expect([enc(''), enc('f'), enc('fo'), enc('foo'), enc('foobar')]).toEqual([
      '',
      'MY',
      'MZXQ',
      'MZXW6',
      'MZXW6YTBOI',
    ])
  })

  it('keeps leading zeros of an account id', () => {
    expect(accountFromKeyId(accessKeyId('000000000042', cryptoRandom))).toBe('000000000042')
  })

  it('request ids are v4 UUIDs', () => {
    expect(randomUuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(randomUuid(seededRandom('a'))).toBe(randomUuid(seededRandom('a')))
  })
})

describe('session store', () => {
  it('finds sessions by access key id and drops the oldest past its capacity', () => {
    const store = createSessionStore({ maxSessions: 2 })
    const make = (seed: string) => ({
      credentials: issueCredentials({
        accountId: '123456789012',
        now: NOW,
        durationSeconds: 900,
        random: seededRandom(seed),
      }),
      arn: 'arn:aws:sts::123456789012:assumed-role/r/s',
      assumedRoleId: 'AROAX:s',
      accountId: '123456789012',
      roleArn: 'arn:aws:iam::123456789012:role/r',
    })
    const [a, b, c] = [make('a'), make('b'), make('c')]
    store.add(a)
    store.add(b)
    expect(store.get(a.credentials.AccessKeyId)).toBe(a)
    store.add(c)
    expect(store.size).toBe(2)
    expect(store.get(a.credentials.AccessKeyId)).toBeUndefined()
    expect(store.get(c.credentials.AccessKeyId)).toBe(c)
  })

  it('isoSeconds drops milliseconds', () => {
    expect(isoSeconds(NOW)).toBe('2026-10-08T18:31:15Z')
  })
})
