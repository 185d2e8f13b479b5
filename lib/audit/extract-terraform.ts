/**
 * Trust policies in Terraform JSON: `*.tf.json` configuration (`aws_iam_role.assume_role_policy`
 * as a JSON string, an object, or a reference to an `aws_iam_policy_document` data source) and
 * `terraform show -json` output (plans and state).
 *
 * `aws_iam_policy_document` is converted to IAM JSON the way the AWS provider does
 * (https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/iam/policy_model.go):
 * effect defaults to Allow, single values are written as strings, principal identifiers and
 * actions are sorted in reverse, and — the trap — repeated `condition` blocks with the same
 * `test` and `variable` are merged into ONE list of values, which IAM ORs.
 */
import { decodePolicyString, insideString, policyAt } from './extract-common.js'
import type { ExtractedTrustPolicy } from './extract-common.js'
import { type FileIndex, blocks, isRecord, joinPath } from './file-index.js'
import { childPath } from '../aws/policy/json-source.js'

const DATA_REF = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$/

/** `{ type: { name: body } }` entries, each level an object or an array of objects. */
function named(value: unknown, path: string): { key: string; value: unknown; path: string }[] {
  return blocks(value).flatMap((b) =>
    Object.entries(b.value).map(([key, v]) => ({
      key,
      value: v,
      path: childPath(`${path}${b.suffix}`, key),
    })),
  )
}

function typed(root: Record<string, unknown>, section: 'resource' | 'data', type: string) {
  return named(root[section], section)
    .filter((t) => t.key === type)
    .flatMap((t) => named(t.value, t.path))
    .flatMap((n) =>
      blocks(n.value).map((b) => ({ name: n.key, body: b.value, path: `${n.path}${b.suffix}` })),
    )
}

/**
 * @example
 * extractTerraform(file, tfJson).map((p) => p.name) // ['aws_iam_role.deploy (data.aws_iam_policy_document.github)']
 */
export function extractTerraform(
  file: FileIndex,
  root: Record<string, unknown>,
): ExtractedTrustPolicy[] {
  const documents = new Map(typed(root, 'data', 'aws_iam_policy_document').map((d) => [d.name, d]))
  const used = new Set<string>()
  const found: ExtractedTrustPolicy[] = []
  for (const role of typed(root, 'resource', 'aws_iam_role')) {
    const policy = role.body.assume_role_policy
    const path = joinPath(role.path, 'assume_role_policy')
    const address = `aws_iam_role.${role.name}`
    const ref = typeof policy === 'string' ? DATA_REF.exec(policy.trim()) : null
    if (ref) {
      const doc = documents.get(ref[1]!)
      if (!doc) continue
      used.add(doc.name)
      found.push(fromDocument(file, doc, `${address} (data.aws_iam_policy_document.${doc.name})`))
    } else if (typeof policy === 'string' && policy.trim().startsWith('${')) {
      continue // an HCL expression (jsonencode, file()…) that only Terraform can evaluate
    } else if (typeof policy === 'string' || isRecord(policy)) {
      found.push(policyAt(file, path, address, 'terraform'))
    }
  }
  for (const doc of documents.values()) {
    if (!used.has(doc.name) && looksLikeTrustPolicy(doc.body)) {
      found.push(fromDocument(file, doc, `data.aws_iam_policy_document.${doc.name}`))
    }
  }
  return found
}

function looksLikeTrustPolicy(body: Record<string, unknown>): boolean {
  return blocks(body.statement).some((s) => s.value.principals !== undefined)
}

function fromDocument(
  file: FileIndex,
  doc: { body: Record<string, unknown>; path: string },
  name: string,
): ExtractedTrustPolicy {
  const map = new Map<string, string>()
  const notes: string[] = []
  const document = convertPolicyDocument(doc.body, doc.path, map, notes)
  return {
    name,
    format: 'terraform',
    fileName: file.fileName,
    path: doc.path,
    document,
    notes,
    locate: (p) => {
      for (let q: string | undefined = p; q !== undefined; q = parent(q)) {
        const mapped = map.get(q)
        if (mapped !== undefined) return { ...file.locate(mapped), path: mapped }
      }
      return { ...file.locate(doc.path), path: doc.path }
    },
  }
}

function parent(path: string): string | undefined {
  const m = /(\[(?:\d+|"(?:[^"\\]|\\.)*")\]|\.[A-Za-z_$][\w$]*)$/.exec(path)
  return m && m.index > 0 ? path.slice(0, m.index) : undefined
}

/** Strings of a Terraform list (or one string), with their file paths. */
function strings(value: unknown, path: string): { value: string; path: string }[] {
  if (typeof value === 'string') return [{ value, path }]
  if (!Array.isArray(value)) return []
  return value.flatMap((v, i) =>
    typeof v === 'string' ? [{ value: v, path: `${path}[${i}]` }] : [],
  )
}

/** Single → string, several → sorted in reverse (the provider's `policyDecodeConfigStrings`). */
function decoded(
  items: { value: string; path: string }[],
  at: string,
  map: Map<string, string>,
): unknown {
  if (items.length === 1) {
    map.set(at, items[0]!.path)
    return items[0]!.value
  }
  const sorted = [...items].sort((a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0))
  sorted.forEach((item, i) => map.set(`${at}[${i}]`, item.path))
  return sorted.map((i) => i.value)
}

function convertPolicyDocument(
  body: Record<string, unknown>,
  bodyPath: string,
  map: Map<string, string>,
  notes: string[],
): object {
  const out: Record<string, unknown> = {
    Version: typeof body.version === 'string' ? body.version : '2012-10-17',
  }
  map.set('Version', typeof body.version === 'string' ? joinPath(bodyPath, 'version') : bodyPath)
  if (typeof body.policy_id === 'string') out.Id = body.policy_id
  if (body.source_policy_documents !== undefined || body.override_policy_documents !== undefined) {
    notes.push(
      'source_policy_documents/override_policy_documents are not merged by trustwalk; only the statements written here are audited.',
    )
  }
  out.Statement = blocks(body.statement).map((b, i) => {
    const sp = `${joinPath(bodyPath, 'statement')}${b.suffix}`
    const at = `Statement[${i}]`
    map.set(at, sp)
    const s = b.value
    const st: Record<string, unknown> = {}
    if (typeof s.sid === 'string') st.Sid = s.sid
    st.Effect = typeof s.effect === 'string' ? s.effect : 'Allow'
    map.set(`${at}.Effect`, s.effect === undefined ? sp : joinPath(sp, 'effect'))
    for (const [tf, iam] of [
      ['principals', 'Principal'],
      ['not_principals', 'NotPrincipal'],
    ] as const) {
      if (s[tf] !== undefined) st[iam] = principals(s[tf], joinPath(sp, tf), `${at}.${iam}`, map)
    }
    for (const [tf, iam] of [
      ['actions', 'Action'],
      ['not_actions', 'NotAction'],
    ] as const) {
      if (s[tf] === undefined) continue
      map.set(`${at}.${iam}`, joinPath(sp, tf))
      st[iam] = decoded(strings(s[tf], joinPath(sp, tf)), `${at}.${iam}`, map)
    }
    if (s.condition !== undefined)
      st.Condition = conditions(
        s.condition,
        joinPath(sp, 'condition'),
        `${at}.Condition`,
        map,
        notes,
      )
    return st
  })
  return out
}

function principals(value: unknown, path: string, at: string, map: Map<string, string>): unknown {
  const byType = new Map<string, { value: string; path: string }[]>()
  map.set(at, path)
  for (const b of blocks(value)) {
    const type = typeof b.value.type === 'string' ? b.value.type : ''
    const ids = strings(b.value.identifiers, joinPath(`${path}${b.suffix}`, 'identifiers'))
    ids.sort((x, y) => (x.value < y.value ? 1 : x.value > y.value ? -1 : 0))
    if (!byType.has(type))
      map.set(childPath(at, type), joinPath(`${path}${b.suffix}`, 'identifiers'))
    byType.set(type, [...(byType.get(type) ?? []), ...ids])
  }
  const only = [...byType]
  if (
    only.length === 1 &&
    only[0]![0] === '*' &&
    only[0]![1].length === 1 &&
    only[0]![1][0]!.value === '*'
  )
    return '*'
  return Object.fromEntries(
    only.map(([type, ids]) => {
      const tp = childPath(at, type)
      if (ids.length === 1) {
        map.set(tp, ids[0]!.path)
        return [type, ids[0]!.value]
      }
      ids.forEach((id, i) => map.set(`${tp}[${i}]`, id.path))
      return [type, ids.map((id) => id.value)]
    }),
  )
}

function conditions(
  value: unknown,
  path: string,
  at: string,
  map: Map<string, string>,
  notes: string[],
): Record<string, Record<string, unknown>> {
  const merged = new Map<string, Map<string, { value: string; path: string }[]>>()
  map.set(at, path)
  for (const b of blocks(value)) {
    const bp = `${path}${b.suffix}`
    const { test, variable } = b.value
    if (typeof test !== 'string' || typeof variable !== 'string') continue
    const tests = merged.get(test) ?? new Map<string, { value: string; path: string }[]>()
    if (!merged.has(test)) map.set(childPath(at, test), bp)
    merged.set(test, tests)
    const vp = childPath(childPath(at, test), variable)
    if (tests.has(variable)) {
      notes.push(
        `Two condition blocks test ${test} on ${variable}: Terraform merges them into one list of values, which IAM ORs — each block does not narrow the other.`,
      )
    } else map.set(vp, joinPath(bp, 'variable'))
    const vals =
      Array.isArray(b.value.values) || typeof b.value.values === 'string' ? b.value.values : []
    tests.set(variable, [...(tests.get(variable) ?? []), ...strings(vals, joinPath(bp, 'values'))])
  }
  return Object.fromEntries(
    [...merged].map(([test, vars]) => [
      test,
      Object.fromEntries(
        [...vars].map(([variable, vals]) => {
          const vp = childPath(childPath(at, test), variable)
          if (vals.length === 1) {
            map.set(vp, vals[0]!.path)
            return [variable, vals[0]!.value]
          }
          vals.forEach((v, i) => map.set(`${vp}[${i}]`, v.path))
          return [variable, vals.map((v) => v.value)]
        }),
      ),
    ]),
  )
}

/**
 * `terraform show -json`: roles (and trust-policy data sources) in plans and state.
 *
 * @example
 * extractTerraformShow(file, plan).map((p) => p.name) // ['module.ci.aws_iam_role.ci']
 */
export function extractTerraformShow(
  file: FileIndex,
  root: Record<string, unknown>,
): ExtractedTrustPolicy[] {
  const found: ExtractedTrustPolicy[] = []
  const seen = new Set<string>()
  const visit = (module: unknown, path: string): void => {
    if (!isRecord(module)) return
    if (Array.isArray(module.resources)) {
      module.resources.forEach((r, i) => {
        if (!isRecord(r) || !isRecord(r.values)) return
        const address = typeof r.address === 'string' ? r.address : `${path}.resources[${i}]`
        const rp = joinPath(`${joinPath(path, 'resources')}[${i}]`, 'values')
        const text =
          r.type === 'aws_iam_role'
            ? r.values.assume_role_policy
            : r.type === 'aws_iam_policy_document' && r.mode === 'data'
              ? r.values.json
              : undefined
        if (typeof text !== 'string' || seen.has(address) || seen.has(text)) return
        if (r.type === 'aws_iam_policy_document' && !/"Principal"/.test(text)) return
        seen.add(address).add(text)
        const attr = r.type === 'aws_iam_role' ? 'assume_role_policy' : 'json'
        const notes: string[] = []
        found.push({
          name: address,
          format: 'terraform-show',
          fileName: file.fileName,
          path: joinPath(rp, attr),
          document: decodePolicyString(text, notes),
          locate: insideString(file, joinPath(rp, attr)),
          notes,
        })
      })
    }
    if (Array.isArray(module.child_modules)) {
      module.child_modules.forEach((m, i) => visit(m, `${joinPath(path, 'child_modules')}[${i}]`))
    }
  }
  for (const [section, inner] of [
    ['planned_values', 'root_module'],
    ['values', 'root_module'],
  ] as const) {
    if (isRecord(root[section]))
      visit((root[section] as Record<string, unknown>)[inner], joinPath(section, inner))
  }
  if (isRecord(root.prior_state) && isRecord(root.prior_state.values)) {
    visit(root.prior_state.values.root_module, 'prior_state.values.root_module')
  }
  return found
}
