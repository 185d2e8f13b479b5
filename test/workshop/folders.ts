/** The workshop's exercises as the tests read them: from their folders, through lib/node. */
import { loadExercises, readExerciseFolders } from '../../lib/node/exercise-folders.js'

export const CONTENT = readExerciseFolders()
export const EXERCISES = loadExercises()
