/**
 * The workflow-run form's fields (site/components/WorkflowRunForm/run-fields.ts) ↔ the library's
 * WorkflowRun, checked through githubClaims: the form builds the run, GitHub's model writes the sub.
 */
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RUN_FIELDS,
  FieldError,
  fieldForPath,
  runFromFields,
} from '../../site/components/WorkflowRunForm/run-fields.js'
import { githubClaims } from '../../lib/github/claims.js'

const sub = (fields: Partial<typeof DEFAULT_RUN_FIELDS>) =>
  githubClaims(runFromFields({ ...DEFAULT_RUN_FIELDS, ...fields })).sub

describe('runFromFields', () => {
  it('the defaults are a push to main of the demo repository', () => {
    expect(sub({})).toBe('repo:octo-org/octo-repo:ref:refs/heads/main')
  })

  it('a tag, a pull request and an environment each give their own sub', () => {
    expect(sub({ refKind: 'tag', refName: 'v1.2.0' })).toBe(
      'repo:octo-org/octo-repo:ref:refs/tags/v1.2.0',
    )
    expect(sub({ event: 'pull_request', refName: 'feature' })).toBe(
      'repo:octo-org/octo-repo:pull_request',
    )
    expect(sub({ environment: ' production ' })).toBe(
      'repo:octo-org/octo-repo:environment:production',
    )
  })

  it('the immutable switch asks GitHub for the OWNER@ID/REPO@ID form', () => {
    expect(sub({ immutable: true })).toMatch(
      /^repo:octo-org@\d+\/octo-repo@\d+:ref:refs\/heads\/main$/,
    )
  })

  it('a reusable workflow is read into its repository, path and ref', () => {
    const run = runFromFields({
      ...DEFAULT_RUN_FIELDS,
      reusable: 'octo-org/ci/.github/workflows/deploy.yml@refs/heads/main',
    })
    expect(run.reusableWorkflow).toEqual({
      repository: 'octo-org/ci',
      path: '.github/workflows/deploy.yml',
      ref: 'refs/heads/main',
    })
  })

  it('names the field that is wrong', () => {
    const fieldOf = (fields: Partial<typeof DEFAULT_RUN_FIELDS>) => {
      try {
        runFromFields({ ...DEFAULT_RUN_FIELDS, ...fields })
      } catch (error) {
        return error instanceof FieldError ? error.field : 'not a FieldError'
      }
      return 'no error'
    }
    expect(fieldOf({ refName: '  ' })).toBe('refName')
    expect(fieldOf({ reusable: 'deploy.yml' })).toBe('reusable')
  })
})

describe('fieldForPath', () => {
  it('maps the library’s input paths to the form fields', () => {
    expect(fieldForPath('run.owner')).toBe('owner')
    expect(fieldForPath('run.headRef')).toBe('refName')
    expect(fieldForPath('options.audience')).toBe('audience')
    expect(fieldForPath('run.reusableWorkflow.ref')).toBe('reusable')
    expect(fieldForPath('claims.iat')).toBeUndefined()
    expect(fieldForPath(undefined)).toBeUndefined()
  })
})
