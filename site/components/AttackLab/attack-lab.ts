/**
 * The attack lab: a trust policy is audited in the page; the attacker's run from one finding and
 * the legitimate deploy are both walked through the real issuer and STS (in memory), on every
 * edit — so the reader can change the policy until the attack fails and the deploy still works.
 */
import {
  auditTrustPolicyReport,
  counterexampleScenario,
  severityRank,
  stepData,
  stepInfo,
  walk,
  type AuditReport,
  type Counterexample,
  type Finding,
  type Severity,
  type Trace,
} from '../../../lib/index.js'
import { ATTACK_PRESETS } from './attack-presets.js'
import { el, find, replace } from '../../lib/dom.js'
import { evaluationView } from '../../lib/evaluation-view.js'
import { createJsonEditor, type JsonEditor, type LineMark } from '../../lib/policy-editor.js'

/** One side of the lab: the run that is walked, and who it is. */
interface Contender {
  who: string
  ce: Pick<Counterexample, 'run' | 'audience' | 'subjectTemplate' | 'claims'>
}

interface Pinned {
  finding: Finding
  attack: Contender
  legit: Contender
  provider: { issuer: string; arn: string }
}

/**
 * The lab's threshold: a policy is "fixed" only when no finding at or above it remains (one notch
 * stricter than `trustwalk audit`'s default `--fail-on high`, so that pull requests able to deploy
 * and name-based subjects count as open).
 */
export const LAB_THRESHOLD: Severity = 'medium'
const atThreshold = (f: Finding): boolean => severityRank(f.severity) <= severityRank(LAB_THRESHOLD)

/** How many fixes "Apply trustwalk's fix" chains at most (each fix can reveal the next finding). */
const MAX_FIXES = 6

const SEVERITY_LABEL = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
}

export function initAttackLab(root: HTMLElement): void {
  const editorRoot = find(root, '[data-json-editor]')
  let pinned: Pinned | undefined
  let report: AuditReport | undefined
  let generation = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  /** The findings the last "Apply trustwalk's fix" fixed, shown with the verdict. */
  let lastFixes: string[] = []
  const editor: JsonEditor = createJsonEditor(editorRoot, () => {
    lastFixes = []
    clearTimeout(timer)
    timer = setTimeout(() => void refresh(false), 350)
  })

  const select = find<HTMLSelectElement>(root, '[data-attack-preset]')
  select.addEventListener('change', () => {
    const preset = ATTACK_PRESETS.find((p) => p.id === select.value)
    if (!preset) return
    editor.setValue(preset.text)
    lastFixes = []
    clearTimeout(timer)
    void refresh(true)
  })

  find(root, '[data-apply-fix]').addEventListener('click', () => {
    const first = fixToApply()
    let fixed = first?.fixedPolicy
    if (!first || !fixed) return
    // Apply the pinned finding's fix, then the fix of each finding at or above the threshold that
    // the re-audit still reports: one fix can leave another hole open (a name-based subject's fix
    // keeps a pull-request subject, whose own fix is the next one).
    const applied: string[] = [first.title]
    let text = JSON.stringify(fixed, null, 2)
    for (let i = 1; i < MAX_FIXES; i++) {
      let next: Finding | undefined
      try {
        next = auditTrustPolicyReport(text).findings.find((f) => atThreshold(f) && f.fixedPolicy)
      } catch {
        break
      }
      if (!next?.fixedPolicy) break
      fixed = next.fixedPolicy
      applied.push(next.title)
      text = JSON.stringify(fixed, null, 2)
    }
    lastFixes = applied
    editor.setValue(text)
    clearTimeout(timer)
    void refresh(false)
  })

  /** The pinned finding as the current audit reports it, else the worst one left with a fix. */
  function fixToApply(): Finding | undefined {
    if (!report) return undefined
    const current = report.findings.find((f) => f.id === pinned?.finding.id && f.fixedPolicy)
    return current ?? report.findings.find((f) => atThreshold(f) && f.fixedPolicy)
  }

  /** Audit the policy, re-pin when asked (or when nothing is pinned), then walk both runs. */
  async function refresh(repin: boolean): Promise<void> {
    const text = editor.value()
    const error = find(root, '[data-parse-error]')
    try {
      report = auditTrustPolicyReport(text)
      replace(error)
    } catch (e) {
      report = undefined
      replace(error, `The policy cannot be read: ${(e as Error).message}`)
    }
    if (report && (repin || !pinned))
      pinned = pin(
        report,
        report.findings.find((f) => f.counterexample),
      )
    else if (report && pinned && report.baseline && report.provider) {
      // The attack stays pinned; the legitimate deploy is the run the policy now intends.
      const b = report.baseline
      pinned = {
        ...pinned,
        legit: { who: `the intended deploy from ${b.run.owner}/${b.run.repo}`, ce: b },
        provider: report.provider,
      }
    }
    renderFindings()
    await walkBoth(text)
  }

  function pin(r: AuditReport, finding: Finding | undefined): Pinned | undefined {
    if (!finding?.counterexample || !r.baseline || !r.provider) return undefined
    const b = r.baseline
    return {
      finding,
      attack: { who: finding.counterexample.attacker, ce: finding.counterexample },
      legit: {
        who: `the intended deploy from ${b.run.owner}/${b.run.repo}`,
        ce: b,
      },
      provider: r.provider,
    }
  }

  function renderFindings(): void {
    const list = find(root, '[data-findings]')
    const marks = new Map<number, LineMark>()
    if (!report) return replace(list)
    if (report.findings.length === 0) {
      return replace(
        list,
        el('p', { class: 'muted' }, 'trustwalk finds nothing to report in this policy.'),
      )
    }
    replace(
      list,
      el(
        'ol',
        { class: 'findings' },
        ...report.findings.map((f) => {
          if (f.location.line && (f.severity === 'critical' || f.severity === 'high'))
            marks.set(f.location.line, 'miss')
          const use = el(
            'button',
            { type: 'button', class: 'btn', 'data-use-attack': f.id },
            'Use this attack',
          )
          use.addEventListener('click', () => {
            if (!report) return
            pinned = pin(report, f)
            void walkBoth(editor.value())
          })
          return el(
            'li',
            { class: `finding sev-${f.severity}`, 'data-finding': f.id },
            el('span', { class: 'badge' }, SEVERITY_LABEL[f.severity]),
            ' ',
            el('strong', {}, f.title),
            el(
              'span',
              { class: 'where' },
              ` — ${f.location.path}${f.location.line ? `, line ${f.location.line}` : ''}`,
            ),
            el(
              'details',
              {},
              el('summary', {}, 'Why, and the fix'),
              el('p', {}, f.explanation),
              el('pre', { class: 'fix' }, f.fix),
            ),
            f.counterexample ? el('p', {}, use) : null,
          )
        }),
      ),
    )
    editor.mark({ lines: marks })
  }

  async function walkBoth(text: string): Promise<void> {
    const mine = ++generation
    const attackBox = find(root, '[data-attack]')
    const legitBox = find(root, '[data-legit]')
    const verdict = find(root, '[data-verdict]')
    const fix = find<HTMLButtonElement>(root, '[data-apply-fix]')
    fix.disabled = !fixToApply()
    if (!report) {
      // A policy that does not parse decides nothing: no result rather than a stale or wrong one.
      ++generation
      root.dataset.verdict = 'invalid'
      const none = (): HTMLElement =>
        el('p', { class: 'muted' }, 'Nothing to walk: the policy cannot be read.')
      delete attackBox.dataset.state
      delete legitBox.dataset.state
      replace(attackBox, none())
      replace(legitBox, none())
      replace(
        verdict,
        'The policy cannot be read, so IAM would refuse to save it: fix the JSON (see the error above) and the lab runs again.',
      )
      return
    }
    if (!pinned) {
      root.dataset.verdict = 'none'
      replace(
        attackBox,
        el(
          'p',
          { class: 'muted' },
          'No attack to run: trustwalk found no run from elsewhere that this policy lets in.',
        ),
      )
      replace(legitBox)
      replace(verdict, 'No counterexample for this policy.')
      return
    }
    root.dataset.verdict = 'running'
    const p = pinned
    const remaining = report.findings.filter(atThreshold)
    const [attack, legit] = await Promise.all([
      run(text, p, p.attack, 'attack'),
      run(text, p, p.legit, 'legit'),
    ])
    if (mine !== generation) return
    show(attackBox, p.attack, attack, 'attacker')
    show(legitBox, p.legit, legit, 'deploy')
    const state = attack.ok
      ? 'open'
      : !legit.ok
        ? 'broken'
        : remaining.length
          ? 'remaining'
          : 'fixed'
    root.dataset.verdict = state
    const applied = lastFixes.length ? ` Applied trustwalk’s fix for: ${lastFixes.join('; ')}.` : ''
    replace(
      verdict,
      state === 'open'
        ? `Open: the attacker’s run gets credentials (${p.finding.title.toLowerCase()}). Edit the policy or apply the fix.`
        : state === 'fixed'
          ? `Fixed: the attack is refused, the legitimate deploy still gets credentials, and trustwalk finds nothing ${LAB_THRESHOLD} or worse.${applied}`
          : state === 'remaining'
            ? `Not fixed yet: this attack is refused, but trustwalk still finds ${remaining
                .map((f) => `“${f.title}” (${f.severity})`)
                .join(', ')} — pick it below with “Use this attack”.${applied}`
            : 'The attack is refused — but so is the legitimate deploy. Loosen the policy until the deploy works again.',
    )
  }

  return void refresh(true)
}

type Outcome = { ok: true; trace: Trace } | { ok: false; trace?: Trace; message: string }

async function run(text: string, p: Pinned, who: Contender, name: string): Promise<Outcome> {
  try {
    const trace = await walk(
      counterexampleScenario(text, who.ce as Counterexample, p.provider, `attack-lab-${name}`),
    )
    return trace.outcome.ok
      ? { ok: true, trace }
      : { ok: false, trace, message: `${trace.outcome.error.code}: ${trace.outcome.error.message}` }
  } catch (e) {
    return { ok: false, message: (e as Error).message }
  }
}

function show(
  box: HTMLElement,
  who: Contender,
  outcome: Outcome,
  role: 'attacker' | 'deploy',
): void {
  box.dataset.state = outcome.ok ? 'allowed' : 'refused'
  const steps = outcome.trace?.steps ?? []
  const headline = outcome.ok
    ? role === 'attacker'
      ? 'STS issued credentials to the attacker'
      : 'STS issued credentials to the deploy'
    : `STS refused — ${outcome.message}`
  const creds = outcome.ok && outcome.trace.outcome.ok ? outcome.trace.outcome.response : undefined
  const conditions = outcome.trace ? stepData(outcome.trace, 'conditions') : undefined
  replace(
    box,
    el('p', { class: 'who' }, who.who),
    el('p', { class: 'sub' }, el('code', {}, String(who.ce.claims.sub))),
    el(
      'ol',
      { class: 'steps', 'aria-label': 'The five steps' },
      ...steps.map((s) =>
        el('li', { class: `step ${s.status}` }, `${stepInfo(s.id).title}: ${s.status}`),
      ),
    ),
    el('p', { class: 'outcome', 'data-outcome': box.dataset.state }, headline),
    creds
      ? el(
          'p',
          { class: 'creds' },
          el('code', {}, creds.AssumedRoleUser.Arn),
          ' · ',
          el('code', {}, creds.Credentials.AccessKeyId),
        )
      : null,
    conditions?.evaluation
      ? el(
          'details',
          {},
          el('summary', {}, 'How the trust policy decided'),
          evaluationView(conditions.evaluation),
        )
      : null,
  )
}
