import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../../lib/core/errors.js'
import { branchName, fullRef, numeric, refName } from '../../lib/github/run-fields.js'

describe('refName (git check-ref-format)', () => {
  it.each(['main', 'release/v1.2', 'feature/JIRA-12_fix', 'v1', 'a.b', 'ünïcode'])(
    'accepts %j',
    (name) => {
      expect(refName(name, 'run.branch')).toBe(name)
    },
  )

  it.each([
    '',
    'has space',
    'a..b',
    'a:b',
    'a~1',
    'a^',
    'a?',
    'a*',
    'a[b',
    'a\\b',
    '/lead',
    'trail/',
    'double//slash',
    'dot.',
    'x.lock',
    '@',
    'a@{1}',
    '.hidden',
    'dir/.hidden',
    'tab\there',
  ])('rejects %j with the field path', (name) => {
    expect(() => refName(name, 'run.branch')).toThrow(InvalidInputError)
    expect(() => refName(name, 'run.branch')).toThrow(/^run\.branch: /)
  })
})

describe('fullRef and branchName', () => {
  it('accepts branch, tag and pull-request refs only', () => {
    expect(fullRef('refs/heads/main', 'run.ref')).toBe('refs/heads/main')
    expect(fullRef('refs/tags/v1', 'run.ref')).toBe('refs/tags/v1')
    expect(fullRef('refs/pull/7/merge', 'run.ref')).toBe('refs/pull/7/merge')
    for (const bad of ['main', 'refs/heads/', 'refs/pull/x/merge', 'refs/remotes/origin/main']) {
      expect(() => fullRef(bad, 'run.ref'), bad).toThrow(InvalidInputError)
    }
  })

  it('wants a branch name, not a full ref', () => {
    expect(() => branchName('refs/heads/main', 'run.headRef')).toThrow(/not a full ref/)
  })
})

describe('numeric', () => {
  it('turns numbers and numeric strings into numeric strings', () => {
    expect(numeric(74, 'p')).toBe('74')
    expect(numeric('37824901043', 'p')).toBe('37824901043')
    expect(numeric(undefined, 'p')).toBeUndefined()
    for (const bad of [0, -1, 1.5, '007', '', 'x', Number.MAX_SAFE_INTEGER + 1, null]) {
      expect(() => numeric(bad, 'p'), String(bad)).toThrow(InvalidInputError)
    }
  })
})
