import { describe, expect, it } from 'vitest'
import { decodeForm, policyArnsFrom, readQueryRequest } from '../../../lib/aws/sts/query.js'

describe('decodeForm', () => {
  it('decodes + as space and percent-escapes as UTF-8', () => {
    const p = decodeForm('A=a+b&B=%C3%A9%2F&C=&D')
    expect(p).toEqual(
      new Map([
        ['A', 'a b'],
        ['B', 'é/'],
        ['C', ''],
        ['D', ''],
      ]),
    )
  })

  it.each(['A=%ZZ', 'A=%E', 'A=%C3', '%=1'])('refuses broken percent-encoding: %s', (text) => {
    expect(typeof decodeForm(text)).toBe('string')
    expect(decodeForm(text)).toMatch(/invalid percent-encoding/)
  })
})

describe('readQueryRequest', () => {
  const form = 'application/x-www-form-urlencoded; charset=utf-8'

  it('reads a POST form body and merges the query string', async () => {
    const r = await readQueryRequest(
      new Request('http://sts.local/?Version=2011-06-15', {
        method: 'POST',
        headers: { 'content-type': form },
        body: 'Action=GetCallerIdentity',
      }),
    )
    expect(r.ok && Object.fromEntries(r.request.params)).toEqual({
      Action: 'GetCallerIdentity',
      Version: '2011-06-15',
    })
    expect(r.ok && new TextDecoder().decode(r.request.body)).toBe('Action=GetCallerIdentity')
  })

  it('reads a GET query string', async () => {
    const r = await readQueryRequest(
      new Request('http://sts.local/?Action=GetCallerIdentity&Version=2011-06-15'),
    )
    expect(r.ok && r.request.params.get('Action')).toBe('GetCallerIdentity')
  })

  it('ignores a body that is not form-encoded', async () => {
    const r = await readQueryRequest(
      new Request('http://sts.local/', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ Action: 'GetCallerIdentity' }),
      }),
    )
    expect(r.ok && r.request.params.size).toBe(0)
  })

  it('answers InvalidParameterValue for broken encoding in the body or query', async () => {
    const body = await readQueryRequest(
      new Request('http://sts.local/', {
        method: 'POST',
        headers: { 'content-type': form },
        body: 'Action=%G1',
      }),
    )
    expect(!body.ok && [body.error.code, body.error.status]).toEqual(['InvalidParameterValue', 400])
    expect(!body.ok && body.error.message).toMatch(/request body contains invalid percent-encoding/)
    const query = await readQueryRequest(new Request('http://sts.local/?Action=%'))
    expect(!query.ok && query.error.code).toBe('InvalidParameterValue')
  })

  it('refuses a body that is not UTF-8', async () => {
    const r = await readQueryRequest(
      new Request('http://sts.local/', {
        method: 'POST',
        headers: { 'content-type': form },
        body: new Uint8Array([0x41, 0xff]),
      }),
    )
    expect(!r.ok && r.error.message).toBe('The request body is not valid UTF-8.')
  })
})

describe('policyArnsFrom', () => {
  it('reads PolicyArns.member.N.arn in N order', () => {
    const p = new Map([
      ['PolicyArns.member.2.arn', 'arn:aws:iam::aws:policy/B'],
      ['PolicyArns.member.1.arn', 'arn:aws:iam::aws:policy/A'],
      ['Other', 'x'],
    ])
    expect(policyArnsFrom(p)).toEqual([
      { arn: 'arn:aws:iam::aws:policy/A' },
      { arn: 'arn:aws:iam::aws:policy/B' },
    ])
    expect(policyArnsFrom(new Map())).toBeUndefined()
  })
})
