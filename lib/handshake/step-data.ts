/**
 * What `walk()` adds to the steps STS recorded: the job's side of the token it minted, and the
 * discovery requests the virtual network saw.
 */
declare module '../core/trace.js' {
  interface IssueStepData {
    /** The token as the job received it from the runner's token endpoint. */
    token?: string
    /** The audience the job asked for; `null` when it asked for none. */
    requestedAudience?: string | null
    /** `owner/repo` of the run the token was minted for. */
    run?: string
  }
  interface DiscoveryStepData {
    /** The discovery and JWKS requests STS made, as the network saw them. */
    requests?: { method: string; url: string; status: number }[]
  }
}
export {}
