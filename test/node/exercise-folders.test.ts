/**
 * The workshop's folders as `trustwalk exercise` reads them (lib/node/exercise-folders.ts): every
 * folder of examples/workshop/ in order, and a broken brief or check named with its file and field.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  EXERCISES_DIR,
  loadExercises,
  parseBrief,
  readExerciseFolders,
} from '../../lib/node/exercise-folders.js'
import { exerciseFromContent } from '../../lib/workshop/index.js'

const BRIEF = `---
title: Read a token
level: warm-up
minutes: 5
file: answers.json
hints:
  - 'Look at the middle part: \`payload\`.'
  - Then decode it.
---

First paragraph,
wrapped.

Second paragraph.
`

describe('readExerciseFolders', () => {
  it('reads every exercise folder, numbered from 1, and loadExercises makes them exercises', () => {
    const names = readdirSync(EXERCISES_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
    const folders = readExerciseFolders()
    expect(folders.map((f) => f.id)).toEqual(names.map((n) => n.slice(3)))
    expect(names[0]).toMatch(/^01-/)
    const exercises = loadExercises()
    expect(exercises.map((e) => e.id)).toEqual(folders.map((f) => f.id))
    expect(loadExercises()).toBe(exercises)
    const { check: _check, material: _material, ...fields } = exerciseFromContent(folders[0]!)
    const { check: _c, material: _m, ...loaded } = exercises[0]!
    expect(fields).toEqual(loaded)
    expect(fields.start).toBe(readFileSync(join(EXERCISES_DIR, names[0]!, fields.fileName), 'utf8'))
  })

  it('refuses a gap in the numbers and a broken check.json, naming the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustwalk-workshop-'))
    try {
      cpSync(join(EXERCISES_DIR, '02-only-main'), join(dir, '01-only-main'), { recursive: true })
      expect(readExerciseFolders(dir)[0]!.id).toBe('only-main')
      cpSync(join(EXERCISES_DIR, '02-only-main'), join(dir, '03-only-main'), { recursive: true })
      expect(() => readExerciseFolders(dir)).toThrow(/03-only-main: expected exercise number 2/)
      rmSync(join(dir, '03-only-main'), { recursive: true })
      writeFileSync(join(dir, '01-only-main', 'check.json'), '{ "kind": ')
      expect(() => readExerciseFolders(dir)).toThrow(/01-only-main\/check\.json/)
    } finally {
      rmSync(dir, { recursive: true })
    }
  })
})

describe('parseBrief', () => {
  it('reads the frontmatter and the paragraphs', () => {
    expect(parseBrief(BRIEF, 'brief.md')).toEqual({
      title: 'Read a token',
      level: 'warm-up',
      minutes: 5,
      fileName: 'answers.json',
      hints: ['Look at the middle part: `payload`.', 'Then decode it.'],
      brief: ['First paragraph, wrapped.', 'Second paragraph.'],
    })
  })

  it('names the field that is wrong', () => {
    expect(() => parseBrief(BRIEF.replace('warm-up', 'expert'), 'x/brief.md')).toThrow(
      'x/brief.md: "level" must be warm-up, core, advanced',
    )
    expect(() => parseBrief(BRIEF.replace('minutes: 5', 'minutes: soon'), 'b')).toThrow(
      '"minutes" must be whole minutes',
    )
    expect(() => parseBrief(BRIEF.replace(/hints:[\s\S]*?---/, '---'), 'b')).toThrow(
      '"hints" must be a list',
    )
    expect(() => parseBrief('no frontmatter', 'b')).toThrow('expected YAML frontmatter')
  })
})
