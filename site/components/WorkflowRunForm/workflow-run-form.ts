/**
 * The workflow-run form: on every change, register the run with the in-page issuer (the runner's
 * side), request a token the way `@actions/core` `getIDToken(audience)` does, and hand it to the
 * inspector. Invalid input is reported at the field the library names.
 */
import { InvalidInputError, decodeJwt, parseSubject } from '../../../lib/index.js'
import { createDemoWorld } from '../../lib/demo-world.js'
import { find, replace } from '../../lib/dom.js'
import { FieldError, fieldForPath, runFromFields, type RunFields } from './run-fields.js'
import { handOffToken, inspectToken } from '../../lib/token-handoff.js'
import { href } from '../../lib/paths.js'

const WHY: Record<string, string> = {
  environment:
    'The job declares an environment, so sub names it — the branch and event are not in sub at all.',
  pull_request:
    'The run is for a pull request, so sub ends in :pull_request — no branch, whichever it is.',
  ref: 'No environment and not a pull request, so sub names the ref: the branch or tag.',
  custom: 'A custom template decides this sub.',
}

export async function initWorkflowRunForm(form: HTMLFormElement): Promise<void> {
  const world = await createDemoWorld()
  const inspectorId = form.dataset.inspector ?? 'inspector'
  const errorBox = find(form, '[data-field-error]')
  let latest = ''
  let generation = 0

  const read = (): RunFields => {
    const data = new FormData(form)
    const text = (name: string) => String(data.get(name) ?? '')
    return {
      owner: text('owner'),
      repo: text('repo'),
      refKind: text('refKind') === 'tag' ? 'tag' : 'branch',
      refName: text('refName'),
      event: text('event'),
      environment: text('environment'),
      audience: text('audience'),
      reusable: text('reusable'),
      immutable: data.get('immutable') !== null,
    }
  }

  const markField = (field: keyof RunFields | undefined, message: string) => {
    for (const input of form.querySelectorAll('[aria-invalid]'))
      input.removeAttribute('aria-invalid')
    const input = field ? (form.elements.namedItem(field) as HTMLElement | null) : null
    input?.setAttribute('aria-invalid', 'true')
    replace(errorBox, message)
  }

  const update = async () => {
    const mine = ++generation
    const fields = read()
    try {
      const run = runFromFields(fields)
      const env = world.issuer.runnerEnv(run)
      const audience = fields.audience.trim()
      const url =
        env.ACTIONS_ID_TOKEN_REQUEST_URL +
        (audience ? `&audience=${encodeURIComponent(audience)}` : '')
      const response = await world.network.fetch(url, {
        headers: { Authorization: `bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
      })
      const body = (await response.json()) as { value?: string; message?: string }
      if (mine !== generation) return
      if (!response.ok || !body.value) {
        markField('audience', body.message ?? `The token endpoint answered ${response.status}.`)
        return
      }
      markField(undefined, '')
      latest = body.value
      replace(
        find(form, '[data-exchange]'),
        `GET ${url}\nAuthorization: bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN.slice(0, 12)}…\n\n` +
          `→ ${response.status} {"value": "${latest.slice(0, 40)}…"}`,
      )
      const sub = String(decodeJwt(latest).payload.sub)
      replace(find(form, '[data-sub]'), sub)
      const parsed = parseSubject(sub)
      replace(
        find(form, '[data-sub-why]'),
        `${WHY[parsed.kind] ?? ''}${parsed.immutable ? ' The immutable form adds the numeric owner and repository ids.' : ''}${audience ? '' : ' No audience was requested, so aud is https://github.com/OWNER — which AWS will refuse.'}`,
      )
      inspectToken(inspectorId, latest)
    } catch (error) {
      if (mine !== generation) return
      if (error instanceof FieldError) markField(error.field, error.message)
      else if (error instanceof InvalidInputError)
        markField(fieldForPath(error.path), error.message)
      else markField(undefined, `Could not issue a token: ${(error as Error).message}`)
    }
  }

  form.addEventListener('input', () => void update())
  form.addEventListener('change', () => void update())
  form.addEventListener('submit', (event) => event.preventDefault())
  find(form, '[data-open-inspector]').addEventListener('click', () => {
    if (!latest) return
    handOffToken(latest)
    location.assign(href('inspect/'))
  })
  await update()
}
