import { describe, expect, it } from 'vitest'
import {
  checkSubClaimComponents,
  gitlabSubject,
  parseGitLabSubject,
} from '../../lib/gitlab/subject.js'

describe('gitlabSubject', () => {
  const claims = {
    project_path: 'mygroup/sub/myproject',
    project_id: '20',
    ref_type: 'tag',
    ref: 'v4.2.0',
    ref_protected: 'true',
  }
  it('default: project_path, ref_type, ref (FACTS-ISSUERS.md §1.3)', () => {
    expect(gitlabSubject(claims)).toBe('project_path:mygroup/sub/myproject:ref_type:tag:ref:v4.2.0')
  })
  it('immutable form leads with project_id', () => {
    expect(gitlabSubject(claims, ['project_id', 'ref_type', 'ref'])).toBe(
      'project_id:20:ref_type:tag:ref:v4.2.0',
    )
  })
  it('drops components whose value is nil', () => {
    expect(gitlabSubject(claims, ['project_path', 'environment_protected', 'ref_protected'])).toBe(
      'project_path:mygroup/sub/myproject:ref_protected:true',
    )
  })
  it("validates components with GitLab's messages", () => {
    expect(() => checkSubClaimComponents(['ref_type', 'project_path'])).toThrow(
      'project_path or project_id must be the first element of the sub claim',
    )
    expect(() => checkSubClaimComponents(['project_path', 'environment'])).toThrow(
      'environment is not an allowed sub claim component',
    )
  })
  it('parses a subject back', () => {
    expect(parseGitLabSubject('project_path:g/p:ref_type:branch:ref:main')).toEqual({
      project_path: 'g/p',
      ref_type: 'branch',
      ref: 'main',
    })
    expect(parseGitLabSubject('repo:o/r:ref:refs/heads/main')).toBeUndefined()
  })
})
