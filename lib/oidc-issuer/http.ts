/**
 * JSON responses, as the issuers' web services send them.
 */

/**
 * A JSON response.
 *
 * @example
 * json(404, { message: 'Not Found' }).status // 404
 */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  })
}
